import type { CaseState } from '../case/case-state';
import { osloDateOf } from '../deadlines/occurred-at';
import { toDayNumber } from '../deadlines/local-date';
import type { AftercareOutcome, MeasureBasis, PlacementBasis, PlanKind, VisitFrequency, VisitKind } from '../events';

/*
 * What the follow-up rules (DOMAIN.md §7) read of one case, as day numbers (days since
 * 1970-01-01, the projections' epoch days). The case view builds it from a CaseState; the
 * projections build it from their own model, as of their `asOf` and `knownAt`, so one set of
 * functions answers both. `endDay` null: still running. A spell ending on day E is active up to
 * and including E − 1 (it is not in the stock of day E), and things dated E still lie within it.
 */

export interface MeasureSpell {
  measureId: string;
  category: string;
  basis: MeasureBasis | null;
  startDay: number;
  /** vedtaksdato; null when only the start is recorded */
  decidedDay: number | null;
  endDay: number | null;
}

export interface FrequencyFrom {
  fromDay: number;
  perYear: VisitFrequency;
  /** supervision: the child's consent to a reduction */
  childConsent: boolean | null;
}

export interface PlacementSpell {
  placementId: string;
  category: string;
  basis: PlacementBasis;
  emergency: boolean;
  startDay: number;
  endDay: number | null;
  /** per kind of visit, ordered by fromDay (ties: the later recorded wins, so it comes last) */
  frequencies: { follow_up: readonly FrequencyFrom[]; supervision: readonly FrequencyFrom[] };
  /** tilsynsansvar changes ordered by fromDay; before the first, the case's municipality */
  supervisors: readonly { fromDay: number; municipality: string }[];
}

export interface PlanSpell {
  planId: string;
  kind: PlanKind;
  measureId: string | null;
  placementId: string | null;
  startDay: number;
  endDay: number | null;
  /** ascending */
  evaluationDays: readonly number[];
  /** the plan's own first evaluation date */
  evaluationDueDay: number | null;
}

export interface Visit {
  visitId: string;
  placementId: string;
  kind: VisitKind;
  day: number;
  inPerson: boolean;
}

export interface AftercareOffer {
  offerId: string;
  offeredDay: number;
  concludedDay: number | null;
  outcome: AftercareOutcome | null;
}

export interface FollowUpTimeline {
  /** kommunenummer of the case: responsible for supervision until told otherwise */
  municipality: string | null;
  childBirthYear: number | null;
  measures: readonly MeasureSpell[];
  placements: readonly PlacementSpell[];
  plans: readonly PlanSpell[];
  visits: readonly Visit[];
  aftercare: readonly AftercareOffer[];
}

const dayOf = (occurredAt: string): number => toDayNumber(osloDateOf(occurredAt));
const byDay = <T extends { fromDay: number }>(items: T[]): T[] => items.sort((a, b) => a.fromDay - b.fromDay);

/** The follow-up timeline of a case state (effective events only, as the state holds them). */
export function followUpTimelineOf(state: CaseState): FollowUpTimeline {
  const notifications = [...state.notifications.values()];
  const birthYear = notifications.find((n) => n.childBirthYear !== null)?.childBirthYear ?? null;
  return {
    municipality: state.municipality,
    childBirthYear: birthYear,
    measures: [...state.measures.values()].map((m) => ({
      measureId: m.measureId,
      category: m.category,
      basis: m.basis,
      startDay: dayOf(m.started.occurredAt),
      decidedDay: m.decidedOn === null ? null : toDayNumber(m.decidedOn),
      endDay: m.ended ? dayOf(m.ended.occurredAt) : null,
    })),
    placements: [...state.placements.values()].map((p) => {
      const frequencies = (kind: VisitKind) =>
        byDay(
          p.frequencies
            .filter((f) => f.kind === kind)
            .map((f) => ({ fromDay: dayOf(f.occurredAt), perYear: f.perYear, childConsent: f.childConsent })),
        );
      return {
        placementId: p.placementId,
        category: p.category,
        basis: p.basis,
        emergency: p.emergency,
        startDay: dayOf(p.started.occurredAt),
        endDay: p.ended ? dayOf(p.ended.occurredAt) : null,
        frequencies: { follow_up: frequencies('follow_up'), supervision: frequencies('supervision') },
        supervisors: byDay(p.supervisors.map((s) => ({ fromDay: dayOf(s.occurredAt), municipality: s.municipality }))),
      };
    }),
    plans: [...state.plans.values()].map((plan) => ({
      planId: plan.planId,
      kind: plan.kind,
      measureId: plan.measureId,
      placementId: plan.placementId,
      startDay: dayOf(plan.created.occurredAt),
      endDay: plan.ended ? dayOf(plan.ended.occurredAt) : null,
      evaluationDays: plan.evaluations.map((e) => dayOf(e.occurredAt)).sort((a, b) => a - b),
      evaluationDueDay: plan.evaluationDueOn === null ? null : toDayNumber(plan.evaluationDueOn),
    })),
    visits: [...state.visits.values()].map((v) => ({
      visitId: v.visitId,
      placementId: v.placementId,
      kind: v.kind,
      day: dayOf(v.held.occurredAt),
      inPerson: v.inPerson,
    })),
    aftercare: [...state.aftercareOffers.values()].map((a) => ({
      offerId: a.offerId,
      offeredDay: dayOf(a.offered.occurredAt),
      concludedDay: a.concluded ? dayOf(a.concluded.occurredAt) : null,
      outcome: a.concluded?.outcome ?? null,
    })),
  };
}
