import type { DeadlineStatus } from '../deadlines/api';
import { deadlineStatusOnDays } from '../deadlines/deadlines';
import {
  DEFAULT_FOLLOW_UP_RULES,
  followUpRuleSetForDay,
  type FollowUpRules,
  type FollowUpRuleSet,
  type FollowUpRuleSetId,
} from '../deadlines/follow-up-rule-sets';
import { isActiveOnDay, isUnderAgeOnDay } from './calendar';
import {
  carePlanDue,
  carePlanNeeds,
  evaluationDueDay,
  finalCarePlanDue,
  helpMeasureNeeds,
  helpMeasurePlanDue,
  isTiltaksplan,
} from './plans';
import type { FollowUpTimeline } from './timeline';
import { fosterHomeOnDay, owedVisitsOn, responsibleOn } from './visits';

export type FollowUpItemKind = 'plan' | 'care_plan' | 'evaluation' | 'follow_up_visit' | 'supervision_visit';

/** An open follow-up item on the deadline board (DOMAIN.md §7.6), with the status rule of §3.3. */
export interface FollowUpItem {
  kind: FollowUpItemKind;
  /** the measure or placement a plan is owed for, the plan to evaluate, the placement to visit */
  id: string;
  dueDay: number;
  status: DeadlineStatus;
  daysLeft: number;
  ruleSet: FollowUpRuleSetId;
  /** visits: how many are still owed by `dueDay` */
  owed?: number;
  /** supervision: the municipality responsible on `asOfDay` (the one that owes the visits) */
  municipality?: string;
}

/**
 * Open follow-up items of one case on `asOfDay`: plans not yet made for help measures and care
 * orders still running, the next evaluation of every tiltaksplan in force, and visits owed in the
 * current half-year by the end of a quarter. Nothing is owed to a child of 18 (birth-year convention).
 */
export function followUpOpenItems(t: FollowUpTimeline, asOfDay: number, rules?: FollowUpRules): FollowUpItem[] {
  const now = followUpRuleSetForDay(asOfDay, rules);
  if (!isUnderAgeOnDay(t.childBirthYear, asOfDay, now)) return [];
  const items: FollowUpItem[] = [];
  const push = (kind: FollowUpItemKind, id: string, dueDay: number, ruleSet: FollowUpRuleSet, extra: Partial<FollowUpItem> = {}) => {
    items.push({ kind, id, dueDay, ...deadlineStatusOnDays(dueDay, asOfDay, dueSoonDaysOf(kind, ruleSet)), ruleSet: ruleSet.id, ...extra });
  };

  // the timeline itself where every plan started by asOf (most days of a board's stretches): no copy
  const known = allPlansStartedBy(t, asOfDay) ? t : { ...t, plans: t.plans.filter((p) => p.startDay <= asOfDay) };
  for (const need of helpMeasureNeeds(t)) {
    if (!isActiveOnDay({ startDay: need.fromDay, endDay: need.endDay }, asOfDay)) continue;
    const ruleSet = followUpRuleSetForDay(need.fromDay, rules);
    const due = helpMeasurePlanDue(known, need, ruleSet);
    if (due.plannedDay === null) push('plan', need.id, due.dueDay, ruleSet);
  }
  for (const need of carePlanNeeds(t)) {
    if (!isActiveOnDay({ startDay: need.fromDay, endDay: need.endDay }, asOfDay)) continue;
    const ruleSet = followUpRuleSetForDay(need.fromDay, rules);
    const due = carePlanDue(known, need, ruleSet);
    // once a first care plan is in place, the final one (bvl 1992, when the rule set checks it) is the item
    const final = due.plannedDay === null ? due : finalCarePlanDue(known, need, ruleSet);
    if (final !== null && final.plannedDay === null) push('care_plan', need.id, final.dueDay, ruleSet);
  }
  for (const plan of known.plans) {
    if (!isTiltaksplan(plan, now) || !isActiveOnDay(plan, asOfDay)) continue;
    push('evaluation', plan.planId, evaluationDueDay(plan, asOfDay, now), now);
  }
  const followUp = owedVisitsOn(t, 'follow_up', asOfDay, now);
  const visitedPlacement = fosterHomeOnDay(t, asOfDay);
  if (followUp && visitedPlacement) push('follow_up_visit', visitedPlacement.placementId, followUp.dueDay, now, { owed: followUp.owed });
  if (visitedPlacement) {
    const responsible = responsibleOn(t, visitedPlacement, asOfDay);
    const supervision = responsible === null ? null : owedVisitsOn(t, 'supervision', asOfDay, now, responsible);
    if (supervision && responsible !== null) {
      push('supervision_visit', visitedPlacement.placementId, supervision.dueDay, now, {
        owed: supervision.owed,
        municipality: responsible,
      });
    }
  }
  return items;
}

function allPlansStartedBy(t: FollowUpTimeline, day: number): boolean {
  for (const p of t.plans) if (p.startDay > day) return false;
  return true;
}

/** The days before its due day an item of `kind` becomes `due_soon`, in the rule set the item names. */
function dueSoonDaysOf(kind: FollowUpItemKind, ruleSet: FollowUpRuleSet): number {
  const days = ruleSet.dueSoonDays;
  return kind === 'plan' || kind === 'care_plan' ? days.plan : kind === 'evaluation' ? days.evaluation : days.visit;
}

/**
 * The `due_soon` threshold `followUpOpenItems` measured the item's status against: with
 * `deadlineStatusOnDays` it gives the item's status on another day on which the same item is open
 * (open-items-days.ts says which days those are), so a board over many days can keep the items
 * and measure only their status again.
 */
export function followUpItemDueSoonDays(item: FollowUpItem, rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES): number {
  const ruleSet = rules.ruleSets.find((r) => r.id === item.ruleSet);
  if (ruleSet === undefined) throw new Error(`The follow-up rules have no rule set ${item.ruleSet}`);
  return dueSoonDaysOf(item.kind, ruleSet);
}
