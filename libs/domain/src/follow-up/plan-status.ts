import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import { addMonthsToDay, halfYearOf, isActiveOnDay, isUnderAgeOnDay } from './calendar';
import type { FollowUpTimeline } from './timeline';

/*
 * Plan indicators on a count date D (DOMAIN.md §7.1, §7.2): «barn i hjelpetiltak med tiltaksplan»,
 * «evaluert tiltaksplan» and care plans after a care order; stock on D.
 */

interface Spell {
  startDay: number;
  endDay: number | null;
}

/** Help measures: every measure (3.x–8.x except 8.2), and voluntary placements. */
export function helpSpells(child: FollowUpTimeline): Array<Spell & { id: string; decidedDay: number | null }> {
  return [
    ...child.measures.map((m) => ({ id: m.measureId, startDay: m.startDay, endDay: m.endDay, decidedDay: m.decidedDay })),
    ...child.placements.filter((p) => p.basis === 'voluntary').map((p) => ({ id: p.placementId, startDay: p.startDay, endDay: p.endDay, decidedDay: null })),
  ];
}

/** The start of the uninterrupted run of help spells that covers `day` (null when none is active then). */
export function helpBeganOn(spells: readonly Spell[], day: number): number | null {
  if (!spells.some((s) => isActiveOnDay(s, day))) return null;
  let began = day;
  for (let moved = true; moved; ) {
    moved = false;
    // a spell active on the day before the run's start extends the run back to its own start
    for (const s of spells) {
      if (s.startDay < began && (s.endDay === null || s.endDay >= began)) {
        began = s.startDay;
        moved = true;
      }
    }
  }
  return began;
}

export interface HelpPlanStatus {
  /** under 18 with a help measure active on D: the denominator of «med tiltaksplan» */
  inHelp: boolean;
  /** … with an active tiltaksplan on D */
  withPlan: boolean;
  /** of those with a plan, help uninterrupted since addMonths(D, −3): the denominator of «evaluert» */
  evaluable: boolean;
  /** … with an evaluation dated in the half-year (H1/H2) of D, up to D */
  evaluated: boolean;
}

export function helpPlanStatus(child: FollowUpTimeline, day: number, ruleSet: FollowUpRuleSet): HelpPlanStatus {
  const none = { inHelp: false, withPlan: false, evaluable: false, evaluated: false };
  if (!isUnderAgeOnDay(child.childBirthYear, day, ruleSet)) return none;
  const began = helpBeganOn(helpSpells(child), day);
  if (began === null) return none;
  const rules = ruleSet.helpMeasurePlan;
  const plans = child.plans.filter((p) => rules.planKinds.includes(p.kind) && isActiveOnDay(p, day));
  if (plans.length === 0) return { ...none, inHelp: true };
  const evaluable = began <= addMonthsToDay(day, -rules.evaluationAnchorMonths);
  const windowStart = halfYearOf(day).startDay;
  const evaluated = evaluable && plans.some((p) => p.evaluationDays.some((d) => d >= windowStart && d <= day));
  return { inHelp: true, withPlan: true, evaluable, evaluated };
}

export interface CarePlanStatus {
  /** under 18 with a care-order placement active on D */
  underCare: boolean;
  /** … with an active care plan (kind 4; before 2023 also 3) on D */
  withPlan: boolean;
}

export function carePlanStatus(child: FollowUpTimeline, day: number, ruleSet: FollowUpRuleSet): CarePlanStatus {
  const underCare = isUnderAgeOnDay(child.childBirthYear, day, ruleSet) && child.placements.some((p) => p.basis === 'care_order' && isActiveOnDay(p, day));
  return { underCare, withPlan: underCare && child.plans.some((p) => ruleSet.carePlan.planKinds.includes(p.kind) && isActiveOnDay(p, day)) };
}
