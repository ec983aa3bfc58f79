import { isMeasureCategory } from '../codes';
import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import type { PlanKind } from '../events';
import { addMonthsToDay, halfYearOf, isActiveDuring, isActiveOnDay, isUnderAgeOnDay, unbrokenRunStart } from './calendar';
import type { FollowUpTimeline, PlanSpell } from './timeline';

/*
 * Tiltaksplan (DOMAIN.md §7.1) and omsorgsplan (§7.2): when a plan is due, when its evaluation is
 * due, and which children the two plan indicators count on a count date D.
 */

/** Something that needs a plan: a help measure, a voluntary placement, or a care-order placement. */
export interface PlanNeed {
  /** measureId or placementId */
  id: string;
  of: 'measure' | 'placement';
  /** the measure's decision date (or start), or the placement's start */
  fromDay: number;
  endDay: number | null;
}

export interface PlanDue {
  need: PlanNeed;
  dueDay: number;
  /** the first day a qualifying plan covered the need, or null while none has */
  plannedDay: number | null;
  onTime: boolean | null;
}

/** Help measures: every measure 3.x–8.x except 8.2, and voluntary placements (DOMAIN.md §7.1). */
export function helpMeasureNeeds(t: FollowUpTimeline): PlanNeed[] {
  const needs: PlanNeed[] = [];
  for (const m of t.measures) {
    if (isMeasureCategory(m.category))
      needs.push({ id: m.measureId, of: 'measure', fromDay: m.decidedDay ?? m.startDay, endDay: m.endDay });
  }
  for (const p of t.placements) {
    if (p.basis === 'voluntary') needs.push({ id: p.placementId, of: 'placement', fromDay: p.startDay, endDay: p.endDay });
  }
  return needs;
}

/** Care orders: placements with basis `care_order` (DOMAIN.md §7.2). */
export function carePlanNeeds(t: FollowUpTimeline): PlanNeed[] {
  return t.placements
    .filter((p) => p.basis === 'care_order')
    .map((p) => ({ id: p.placementId, of: 'placement' as const, fromDay: p.startDay, endDay: p.endDay }));
}

/** A plan covers a need when it is of the right kind and linked to it or to nothing in particular. */
function covers(plan: PlanSpell, need: PlanNeed, kinds: readonly PlanKind[]): boolean {
  if (!kinds.includes(plan.kind)) return false;
  const linked = need.of === 'measure' ? plan.measureId : plan.placementId;
  const unlinked = plan.measureId === null && plan.placementId === null;
  return unlinked || linked === need.id;
}

function planDueFor(t: FollowUpTimeline, need: PlanNeed, kinds: readonly PlanKind[], graceDays: number): PlanDue {
  const dueDay = need.fromDay + graceDays;
  let plannedDay: number | null = null;
  for (const plan of t.plans) {
    // A plan already in force when the need arose covers it from that day.
    if (!covers(plan, need, kinds) || (plan.endDay !== null && plan.endDay <= need.fromDay)) continue;
    const day = Math.max(plan.startDay, need.fromDay);
    if (plannedDay === null || day < plannedDay) plannedDay = day;
  }
  return { need, dueDay, plannedDay, onTime: plannedDay === null ? null : plannedDay <= dueDay };
}

/** Tiltaksplan due = decision date (or start) + graceDays [config 0] (bvl 2021 § 8-1). */
export function helpMeasurePlanDue(t: FollowUpTimeline, need: PlanNeed, ruleSet: FollowUpRuleSet): PlanDue {
  return planDueFor(t, need, ruleSet.helpMeasurePlan.planKinds, ruleSet.helpMeasurePlan.graceDays);
}

/** Omsorgsplan due = care-order placement start + graceDays [config 0] (bvl 2021 § 8-3). */
export function carePlanDue(t: FollowUpTimeline, need: PlanNeed, ruleSet: FollowUpRuleSet): PlanDue {
  return planDueFor(t, need, ruleSet.carePlan.planKinds, ruleSet.carePlan.graceDays);
}

/**
 * bvl 1992 § 4-15: the final omsorgsplan (kind 4) owed `finalPlanMonths` after the care order's
 * placement starts, once a first (foreløpig) one is in place (DOMAIN.md §7.2 [config]); null while
 * the rule set leaves the check off (the default).
 */
export function finalCarePlanDue(t: FollowUpTimeline, need: PlanNeed, ruleSet: FollowUpRuleSet): PlanDue | null {
  const months = ruleSet.carePlan.finalPlanMonths;
  if (months === null) return null;
  const final = planDueFor(t, need, FINAL_CARE_PLAN_KINDS, 0);
  const dueDay = addMonthsToDay(need.fromDay, months);
  return { ...final, dueDay, onTime: final.plannedDay === null ? null : final.plannedDay <= dueDay };
}

const FINAL_CARE_PLAN_KINDS: readonly PlanKind[] = ['4'];

export function isTiltaksplan(plan: PlanSpell, ruleSet: FollowUpRuleSet): boolean {
  return ruleSet.helpMeasurePlan.planKinds.includes(plan.kind);
}

/**
 * Next evaluation of a plan as known on `asOfDay`: addMonths(max(plan start, last evaluation up to
 * asOfDay), interval) [config 3]; a plan's own `evaluationDueOn` wins until its first evaluation.
 */
export function evaluationDueDay(plan: PlanSpell, asOfDay: number, ruleSet: FollowUpRuleSet): number {
  let last: number | null = null;
  for (const day of plan.evaluationDays) if (day <= asOfDay && day >= plan.startDay) last = day;
  if (last === null && plan.evaluationDueDay !== null) return plan.evaluationDueDay;
  return addMonthsToDay(last ?? plan.startDay, ruleSet.helpMeasurePlan.evaluationIntervalMonths);
}

/** Help spells (measures and voluntary placements) as [start, end) for the indicator. */
function helpSpells(t: FollowUpTimeline): { startDay: number; endDay: number | null }[] {
  const spells: { startDay: number; endDay: number | null }[] = [];
  for (const n of helpMeasureNeeds(t)) spells.push({ startDay: startOf(t, n), endDay: n.endDay });
  return spells;
}

function startOf(t: FollowUpTimeline, need: PlanNeed): number {
  if (need.of === 'placement') return need.fromDay;
  for (const m of t.measures) if (m.measureId === need.id) return m.startDay;
  return need.fromDay;
}

/** Start of the unbroken run of help spells that is active on `day` (a new one starting the day another ends is no break). */
function helpRunSince(spells: readonly { startDay: number; endDay: number | null }[], day: number): number | null {
  let since: number | null = null;
  for (const s of spells) if (isActiveOnDay(s, day) && (since === null || s.startDay < since)) since = s.startDay;
  if (since === null) return null;
  return unbrokenRunStart(
    spells.map((s) => ({ startDay: s.startDay, lastDay: s.endDay === null ? Infinity : s.endDay - 1 })),
    since,
  );
}

/** Membership of one child in the two tiltaksplan indicators on count date D (DOMAIN.md §7.1). */
export interface HelpMeasurePlanMembership {
  /** denominator of «barn i hjelpetiltak med tiltaksplan»: under 18 with a help measure active on D */
  inHelpMeasures: boolean;
  /** numerator: with an active tiltaksplan on D */
  withPlan: boolean;
  /** denominator of «evaluert tiltaksplan»: with a plan, help measures unbroken since addMonths(D, −3) or earlier */
  evaluationDue: boolean;
  /** numerator: a tiltaksplan evaluated in the half-year ending on D */
  evaluated: boolean;
}

export function helpMeasurePlanMembership(t: FollowUpTimeline, countDay: number, ruleSet: FollowUpRuleSet): HelpMeasurePlanMembership {
  if (!isUnderAgeOnDay(t.childBirthYear, countDay, ruleSet)) return notInHelpMeasures();
  const rule = ruleSet.helpMeasurePlan;
  const half = halfYearOf(countDay);
  const stock = rule.membership === 'stock_on_count_date';
  // loops rather than closures: the figures ask this per child and period (over a million times at startup)
  const spells = helpSpells(t);
  let anyActive = false;
  for (const s of spells) if ((anyActive = activeForMembership(s, stock, half.startDay, countDay))) break;
  if (!anyActive) return notInHelpMeasures();
  let withPlan = false;
  for (const p of t.plans)
    if (rule.planKinds.includes(p.kind) && (withPlan = activeForMembership(p, stock, half.startDay, countDay))) break;
  const since = stock ? helpRunSince(spells, countDay) : latestRunSince(spells, half.startDay, countDay);
  const evaluationDue = withPlan && since !== null && since <= addMonthsToDay(countDay, -rule.evaluationAnchorMonths);
  let evaluated = false;
  if (evaluationDue)
    for (const p of t.plans)
      if (rule.planKinds.includes(p.kind) && (evaluated = hasDayIn(p.evaluationDays, half.startDay, countDay))) break;
  return { inHelpMeasures: true, withPlan, evaluationDue, evaluated };
}

function notInHelpMeasures(): HelpMeasurePlanMembership {
  return { inHelpMeasures: false, withPlan: false, evaluationDue: false, evaluated: false };
}

/** A spell counts for the membership: active on D (stock), or on a day of the half-year up to D. */
function activeForMembership(
  s: { startDay: number; endDay: number | null },
  stock: boolean,
  halfStartDay: number,
  countDay: number,
): boolean {
  return stock ? isActiveOnDay(s, countDay) : isActiveDuring(s, halfStartDay, countDay);
}

function hasDayIn(days: readonly number[], fromDay: number, toDay: number): boolean {
  for (const d of days) if (d >= fromDay && d <= toDay) return true;
  return false;
}

/** "During the half-year" form: the run active on the last day of the window that had a help spell. */
function latestRunSince(spells: readonly { startDay: number; endDay: number | null }[], fromDay: number, toDay: number): number | null {
  let lastDay = -Infinity;
  for (const s of spells)
    if (isActiveDuring(s, fromDay, toDay)) lastDay = Math.max(lastDay, s.endDay === null ? toDay : Math.min(s.endDay - 1, toDay));
  return lastDay === -Infinity ? null : helpRunSince(spells, lastDay);
}

/** Omsorgsplan indicator on count date D (DOMAIN.md §7.2): under care on D, and with a care plan on D. */
export function carePlanMembership(
  t: FollowUpTimeline,
  countDay: number,
  ruleSet: FollowUpRuleSet,
): { underCare: boolean; withPlan: boolean } {
  let underCare = false;
  if (isUnderAgeOnDay(t.childBirthYear, countDay, ruleSet))
    for (const n of carePlanNeeds(t)) if ((underCare = isActiveOnDay({ startDay: n.fromDay, endDay: n.endDay }, countDay))) break;
  let withPlan = false;
  if (underCare) for (const p of t.plans) if ((withPlan = ruleSet.carePlan.planKinds.includes(p.kind) && isActiveOnDay(p, countDay))) break;
  return { underCare, withPlan };
}
