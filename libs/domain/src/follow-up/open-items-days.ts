import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRules } from '../deadlines/follow-up-rule-sets';
import { toDayNumber } from '../deadlines/local-date';
import { obligationsEndDay, quarterOf } from './calendar';
import type { FollowUpTimeline } from './timeline';

/**
 * The days in (fromDay, toDay] on which `followUpOpenItems(t, day, rules)` or
 * `mayOweFollowUpOn(t, day)` may answer otherwise than on the day before, ascending and distinct.
 * From `fromDay` to the first of them, and from each to the next (the last: to `toDay`), the same
 * items are open with the same ids, due days, rule sets, owed visits and municipalities; only
 * `daysLeft` and `status` move, as `deadlineStatusOnDays(dueDay, day, followUpItemDueSoonDays(item))`
 * gives them. A board asked about many days can so ask the rules once per stretch.
 *
 * What the rules read of the day (open-items.ts, plans.ts, visits.ts): every day the timeline
 * names for a spell, plan, evaluation, frequency, responsibility or visit; the rule set in force;
 * the calendar quarter (which holds the half-year and the age by year); and the end of the
 * obligations. Before the first spell starts and after the last one ends nothing is in force, so
 * the calendar moves nothing there.
 */
export function followUpOpenItemsChangeDays(
  t: FollowUpTimeline,
  fromDay: number,
  toDay: number,
  rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES,
): number[] {
  const days: number[] = [];
  const add = (day: number | null): void => {
    if (day !== null && day > fromDay && day <= toDay) days.push(day);
  };
  let firstInForce = Infinity;
  let lastInForce = -Infinity;
  const spell = (startDay: number, endDay: number | null): void => {
    add(startDay);
    add(endDay);
    firstInForce = Math.min(firstInForce, startDay);
    lastInForce = Math.max(lastInForce, endDay ?? Infinity);
  };
  for (const m of t.measures) {
    spell(m.startDay, m.endDay);
    if (m.decidedDay !== null) spell(m.decidedDay, m.endDay);
  }
  for (const p of t.placements) {
    spell(p.startDay, p.endDay);
    for (const f of p.frequencies.follow_up) add(f.fromDay);
    for (const f of p.frequencies.supervision) add(f.fromDay);
    for (const s of p.supervisors) add(s.fromDay);
  }
  for (const plan of t.plans) {
    spell(plan.startDay, plan.endDay);
    for (const day of plan.evaluationDays) add(day);
  }
  for (const v of t.visits) add(v.day);
  for (const ruleSet of rules.ruleSets) {
    add(toDayNumber(ruleSet.validFrom));
    add(obligationsEndDay(t.childBirthYear, ruleSet));
  }
  if (firstInForce !== Infinity) {
    const calendarTo = Math.min(toDay, lastInForce);
    for (let day = quarterOf(Math.max(fromDay, firstInForce)).endDay + 1; day <= calendarTo; day = quarterOf(day).endDay + 1) add(day);
  }
  days.sort((a, b) => a - b);
  let distinct = 0;
  for (const day of days) if (distinct === 0 || days[distinct - 1] !== day) days[distinct++] = day;
  days.length = distinct;
  return days;
}
