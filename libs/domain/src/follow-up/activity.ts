import { isActiveDuring, isActiveOnDay, yearStartDay, type DayRange } from './calendar';
import type { FollowUpTimeline } from './timeline';

/*
 * Cheap necessary conditions of the follow-up rules, so a query over many children asks the rules
 * only about those that can count: every figure of DOMAIN.md §7 needs a measure or placement active
 * in the stretch it looks at, and every open item on the board a measure, placement or plan in force
 * that day. They never decide a figure; the specs hold them to the functions they stand in front of.
 */

/**
 * Whether any figure of the follow-up section for [fromDay, countDay] can count the child: a measure
 * or placement active some day from the earlier of `fromDay` and 1 January of the count date's year
 * (aftercare counts the whole year) to the count date.
 */
export function mayCountForFollowUp(t: FollowUpTimeline, fromDay: number, countDay: number): boolean {
  return mayCountForFollowUpIn(t, followUpCountWindow(fromDay, countDay));
}

/** `mayCountForFollowUp` for a window already computed (a query over many children computes it once). */
export function mayCountForFollowUpIn(t: FollowUpTimeline, window: DayRange): boolean {
  for (const m of t.measures) if (isActiveDuring(m, window.startDay, window.endDay)) return true;
  for (const p of t.placements) if (isActiveDuring(p, window.startDay, window.endDay)) return true;
  return false;
}

/**
 * The days a measure or placement must touch for `mayCountForFollowUp`: an index of when each
 * child was active can drop every child active only outside it without asking the rules.
 *
 * The count date bounds what the figures read: every answer the follow-up section takes for
 * [fromDay, countDay] (`mayCountForFollowUpIn`, `helpMeasurePlanMembership`, `carePlanMembership`,
 * `followUpVisitRequirement`, `countsForVisitIndicator`, `supervisionVisitRequirements`,
 * `supervisionRequirementFor`, `aftercareMembership`) is the same for two timelines of one child
 * (same municipality and birth year) that agree on every entry dated on or before countDay: a
 * spell, plan, visit, frequency, change of supervisor or offer dated later is not read, and an end
 * or conclusion dated later reads as none yet. This holds for timelines as the case rules keep them,
 * where what belongs to a plan, placement or offer is not dated before it. So answers computed once on the latest timeline
 * hold for every view that knows all of the child's facts up to the count date (count-date.spec.ts).
 */
export function followUpCountWindow(fromDay: number, countDay: number): DayRange {
  return { startDay: Math.min(fromDay, yearStartDay(countDay)), endDay: countDay };
}

/** Whether the board can hold a follow-up item of the child on `day`: a measure (from its decision), placement or plan in force. */
export function mayOweFollowUpOn(t: FollowUpTimeline, day: number): boolean {
  for (const m of t.measures) {
    if (isActiveOnDay({ startDay: Math.min(m.startDay, m.decidedDay ?? m.startDay), endDay: m.endDay }, day)) return true;
  }
  for (const p of t.placements) if (isActiveOnDay(p, day)) return true;
  for (const plan of t.plans) if (isActiveOnDay(plan, day)) return true;
  return false;
}
