import type { DeadlineStatus } from '../deadlines/api';
import { deadlineStatusOnDays } from '../deadlines/deadlines';
import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import type { VisitKind } from '../events';
import { addMonthsToDay, halfYearOf, isActiveOnDay, isUnderAgeOnDay, quarterOf } from './calendar';
import { helpBeganOn, helpSpells } from './plan-status';
import type { FollowUpTimeline } from './timeline';
import { isFosterHome, supervisorOn, visitRequirement, type CountsFor } from './visit-requirement';

/*
 * Follow-up items on the deadline board (DOMAIN.md §7.6), open on day T: a tiltaksplan due for a
 * child in help measures without one, a care plan due after a care order, the next evaluation of
 * every active tiltaksplan, and visits still owed by the end of the current quarter.
 */

export type FollowUpItemKind = 'plan' | 'care_plan' | 'evaluation' | 'follow_up_visit' | 'supervision_visit';

export interface FollowUpBoardItem {
  kind: FollowUpItemKind;
  /** the measure or placement a plan is due for, the plan to evaluate, or the placement that is owed visits */
  id: string;
  dueDay: number;
  /** the day the obligation runs from */
  sinceDay: number;
  status: DeadlineStatus;
  daysLeft: number;
  /** visits: how many are still owed by the end of the quarter */
  owed?: number;
  /** supervision visits: the municipality responsible on T */
  supervisedBy?: string | null;
}

/** The next evaluation of a plan as of T: its own due day until first evaluated, else interval months after its start or latest evaluation. */
export function evaluationDueDay(plan: { startDay: number; evaluationDueDay: number | null; evaluationDays: readonly number[] }, day: number, ruleSet: FollowUpRuleSet): number {
  let last = plan.startDay;
  let evaluated = false;
  for (const d of plan.evaluationDays) {
    if (d > day) continue;
    evaluated = true;
    if (d > last) last = d;
  }
  if (!evaluated && plan.evaluationDueDay !== null) return plan.evaluationDueDay;
  return addMonthsToDay(last, ruleSet.helpMeasurePlan.evaluationIntervalMonths);
}

/**
 * The child's open follow-up items on `day`. `supervisionFor` limits supervision items to the
 * municipalities it accepts (the supervising municipality's board); absent: every one.
 */
export function followUpBoardItems(child: FollowUpTimeline, day: number, ruleSet: FollowUpRuleSet, supervisionFor?: CountsFor): FollowUpBoardItem[] {
  const items: FollowUpBoardItem[] = [];
  if (!isUnderAgeOnDay(child.childBirthYear, day, ruleSet)) return items;
  const soon = ruleSet.dueSoonDays;
  const add = (kind: FollowUpItemKind, id: string, dueDay: number, sinceDay: number, soonDays: number, extra: Partial<FollowUpBoardItem> = {}) =>
    items.push({ kind, id, dueDay, sinceDay, ...deadlineStatusOnDays(dueDay, day, soonDays), ...extra });

  const activePlans = child.plans.filter((p) => isActiveOnDay(p, day));
  const spells = helpSpells(child);
  const began = helpBeganOn(spells, day);
  if (began !== null && !activePlans.some((p) => ruleSet.helpMeasurePlan.planKinds.includes(p.kind))) {
    // due from the decision of the first help measure of the current run
    const first = spells.filter((s) => s.startDay >= began && s.startDay <= day).sort((a, b) => a.startDay - b.startDay)[0];
    const since = first.decidedDay ?? first.startDay;
    add('plan', first.id, since + ruleSet.helpMeasurePlan.graceDays, since, soon.plan);
  }
  const careOrder = child.placements.find((p) => p.basis === 'care_order' && isActiveOnDay(p, day));
  if (careOrder !== undefined && !activePlans.some((p) => ruleSet.carePlan.planKinds.includes(p.kind))) {
    add('care_plan', careOrder.placementId, careOrder.startDay + ruleSet.carePlan.graceDays, careOrder.startDay, soon.plan);
  }
  for (const plan of activePlans) {
    if (ruleSet.helpMeasurePlan.planKinds.includes(plan.kind)) add('evaluation', plan.planId, evaluationDueDay(plan, day, ruleSet), plan.startDay, soon.evaluation);
  }
  const foster = child.placements.find((p) => isFosterHome(p) && isActiveOnDay(p, day));
  if (foster === undefined) return items;
  // owed by the end of this quarter: what the half-year asks up to then, less the visits held so far
  const from = halfYearOf(day).startDay;
  const to = quarterOf(day).endDay;
  const heldByNow = { ...child, visits: child.visits.filter((v) => v.day <= day) };
  for (const kind of ['follow_up', 'supervision'] as const satisfies readonly VisitKind[]) {
    const supervisedBy = kind === 'supervision' ? supervisorOn(foster, child.municipality, day) : undefined;
    if (supervisedBy !== undefined && supervisionFor !== undefined && !supervisionFor(supervisedBy ?? '')) continue;
    const r = visitRequirement(heldByNow, kind, from, to, ruleSet, supervisedBy === undefined ? undefined : (m) => m === supervisedBy);
    const owed = r.required - r.held;
    if (owed <= 0) continue;
    add(kind === 'follow_up' ? 'follow_up_visit' : 'supervision_visit', foster.placementId, to, Math.max(from, foster.startDay), soon.visit, {
      owed,
      ...(supervisedBy === undefined ? {} : { supervisedBy }),
    });
  }
  return items;
}
