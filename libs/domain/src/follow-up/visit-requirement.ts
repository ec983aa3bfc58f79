import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import type { VisitKind } from '../events';
import { obligationsEndDay, quartersTouching } from './calendar';
import type { FollowUpTimeline, PlacementSpell } from './timeline';

/*
 * Follow-up visits (oppfølgingsbesøk, bvl 2021 § 9-6) and supervision visits (tilsyn) in foster homes,
 * DOMAIN.md §7.3–7.4. One formula covers first years, ends and reductions:
 *   required(P) = ceil( Σ over calendar quarters q the child's foster placements (2.x) touch within P of f(q) / 4 )
 * where f(q) is the frequency in force on the first day of q that lies in a placement. The requirement
 * follows the child across consecutive placements; a new home starts again at the standard frequency.
 */

export interface VisitRequirement {
  /** visits required in the period */
  required: number;
  /** visits in person in the period, within a foster placement */
  held: number;
  met: boolean;
  /** quarters that counted */
  quarters: number;
}

/** Who a quarter or a visit is counted for (supervision: the responsible municipality); absent: everyone. */
export type CountsFor = (municipality: string) => boolean;

export function isFosterHome(placement: { category: string }): boolean {
  return placement.category.startsWith('2.');
}

/** visits per year of `kind` in force on `day` for the placement: its latest change by then, else the standard */
export function frequencyOn(placement: PlacementSpell, kind: VisitKind, day: number, ruleSet: FollowUpRuleSet): number {
  let perYear: number = kind === 'follow_up' ? ruleSet.followUpVisits.standardPerYear : ruleSet.supervisionVisits.standardPerYear;
  // ordered by fromDay, ties in recording order: the last one dated by `day` is in force
  for (const f of placement.frequencies[kind]) if (f.fromDay <= day) perYear = f.perYear;
  return perYear;
}

/** The municipality responsible for supervision on `day`: the latest change by then, else the case's own (§7.4). */
export function supervisorOn(placement: PlacementSpell, careMunicipality: string | null, day: number): string | null {
  let municipality = careMunicipality;
  for (const s of placement.supervisors) if (s.fromDay <= day) municipality = s.municipality;
  return municipality;
}

export function visitRequirement(
  child: FollowUpTimeline,
  kind: VisitKind,
  fromDay: number,
  toDay: number,
  ruleSet: FollowUpRuleSet,
  countsFor?: CountsFor,
): VisitRequirement {
  const fosters = child.placements.filter(isFosterHome);
  if (fosters.length === 0) return { required: 0, held: 0, met: true, quarters: 0 };
  const minDays = kind === 'follow_up' ? ruleSet.followUpVisits.minDaysInQuarter : ruleSet.supervisionVisits.minDaysInQuarter;
  const obligationsEnd = obligationsEndDay(child.childBirthYear, ruleSet);
  const until = Math.min(toDay, obligationsEnd === null ? toDay : obligationsEnd - 1);
  const responsible = (p: PlacementSpell, day: number) => countsFor === undefined || countsFor(supervisorOn(p, child.municipality, day) ?? '');
  let sum = 0;
  let quarters = 0;
  for (const q of fromDay <= until ? quartersTouching(fromDay, until) : []) {
    const qFrom = Math.max(q.startDay, fromDay);
    const qTo = Math.min(q.endDay, until);
    let covered = 0;
    let firstDay = Number.POSITIVE_INFINITY;
    let first: PlacementSpell | null = null;
    for (const p of fosters) {
      // in the home from its start to the day before it ends
      const from = Math.max(p.startDay, qFrom);
      const to = Math.min(p.endDay === null ? qTo : p.endDay - 1, qTo);
      if (from > to) continue;
      covered += to - from + 1;
      if (from < firstDay) {
        firstDay = from;
        first = p;
      }
    }
    if (first === null || covered < minDays || !responsible(first, firstDay)) continue;
    sum += frequencyOn(first, kind, firstDay, ruleSet) / 4;
    quarters += 1;
  }
  const required = Math.ceil(sum);
  let held = 0;
  for (const visit of child.visits) {
    if (visit.kind !== kind || !visit.inPerson || visit.day < fromDay || visit.day > toDay) continue;
    const placement = fosters.find((p) => p.placementId === visit.placementId);
    // within the placement: from its start to the day it ends, that day included (the moving day)
    if (placement === undefined || visit.day < placement.startDay || (placement.endDay !== null && visit.day > placement.endDay)) continue;
    if (!responsible(placement, visit.day)) continue;
    held += 1;
  }
  return { required, held, met: held >= required, quarters };
}
