import { toDayNumber } from '../deadlines/local-date';
import type { PlanKind, VisitKind } from '../events';
import type { FollowUpTimeline, MeasureSpell, PlacementSpell, PlanSpell, Visit } from './timeline';

/** Given-data for the follow-up specs, written in dates. */
export const d = (date: string): number => toDayNumber(date);

export function child(parts: Partial<FollowUpTimeline> = {}): FollowUpTimeline {
  return { municipality: '3201', childBirthYear: 2012, measures: [], placements: [], plans: [], visits: [], aftercare: [], ...parts };
}

export function measure(measureId: string, start: string, end: string | null = null, extra: Partial<MeasureSpell> = {}): MeasureSpell {
  return { measureId, category: '3.2', basis: 'voluntary', startDay: d(start), endDay: end === null ? null : d(end), decidedDay: null, ...extra };
}

export function placement(placementId: string, start: string, end: string | null = null, extra: Partial<PlacementSpell> = {}): PlacementSpell {
  return {
    placementId,
    category: '2.2',
    basis: 'care_order',
    emergency: false,
    startDay: d(start),
    endDay: end === null ? null : d(end),
    frequencies: { follow_up: [], supervision: [] },
    supervisors: [],
    ...extra,
  };
}

/** a reduction of `kind` to two a year from `date` */
export function reducedFrom(date: string, kind: VisitKind = 'follow_up'): PlacementSpell['frequencies'] {
  const change = [{ fromDay: d(date), perYear: 2 as const, childConsent: null }];
  return kind === 'follow_up' ? { follow_up: change, supervision: [] } : { follow_up: [], supervision: change };
}

export function plan(planId: string, kind: PlanKind, start: string, end: string | null = null, extra: Partial<PlanSpell> = {}): PlanSpell {
  return { planId, kind, startDay: d(start), endDay: end === null ? null : d(end), measureId: null, placementId: null, evaluationDueDay: null, evaluationDays: [], ...extra };
}

/** visits on the given dates to placement `placementId` */
export function visits(placementId: string, kind: VisitKind, dates: readonly string[]): Visit[] {
  return dates.map((date, i) => ({ visitId: `${kind}-${placementId}-${i}`, placementId, kind, inPerson: true, day: d(date) }));
}
