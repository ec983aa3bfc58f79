import type { CountingMethod, DeadlineStatus, LocalDate, RuleSet } from './api';
import { nextWorkingDayOnOrAfter } from './holidays';
import { addDays, addMonths, parseLocalDate, toDayNumber } from './local-date';

export type ExtensionAssessment = 'pending' | 'approved' | 'rejected';

export interface InvestigationDeadlines {
  /** three months (or 7 + 90 days) */
  ordinary: LocalDate;
  /** six months in total (or 7 + 180 days), used only while an extension is in force */
  extended: LocalDate;
}

/*
 * Roll-forward (domstolloven § 149) is a legal-method rule: the statistical method exists to
 * reproduce SSB/Bufdir day counts, which never roll, so it ignores the option.
 * It is applied to the final date only; bvl 2021 months run from the unrolled one-week point.
 */
function finish(deadline: LocalDate, ruleSet: RuleSet, method: CountingMethod): LocalDate {
  return method === 'legal' && ruleSet.rollForward ? nextWorkingDayOnOrAfter(deadline) : deadline;
}

/** Gjennomgang av bekymringsmelding «senest innen en uke» (bvl 2021 § 2-1, bvl 1992 § 4-2). */
export function reviewDeadline(receivedDate: LocalDate, ruleSet: RuleSet, method: CountingMethod): LocalDate {
  const days = method === 'legal' ? ruleSet.reviewDays : ruleSet.statistical.reviewDays;
  return finish(addDays(receivedDate, days), ruleSet, method);
}

/**
 * Undersøkelsesfrist (bvl 2021 § 2-2, bvl 1992 § 6-9). Legal: months per domstolloven § 148 from
 * the rule set's clock start, each added to that base (six is the total, never 3 + 3).
 * Statistical: SSB counts days from receipt under both acts.
 */
export function investigationDeadlines(
  input: { receivedDate: LocalDate; openedDate: LocalDate },
  ruleSet: RuleSet,
  method: CountingMethod,
): InvestigationDeadlines {
  parseLocalDate(input.receivedDate);
  parseLocalDate(input.openedDate);
  if (method === 'statistical') {
    const { reviewDays, investigationDays, extendedInvestigationDays } = ruleSet.statistical;
    return {
      ordinary: addDays(input.receivedDate, reviewDays + investigationDays),
      extended: addDays(input.receivedDate, reviewDays + extendedInvestigationDays),
    };
  }
  const clockStart =
    ruleSet.investigationClockStart === 'review_deadline' ? addDays(input.receivedDate, ruleSet.reviewDays) : input.openedDate;
  return {
    ordinary: finish(addMonths(clockStart, ruleSet.ordinaryMonths), ruleSet, method),
    extended: finish(addMonths(clockStart, ruleSet.extendedMonths), ruleSet, method),
  };
}

/*
 * The rules below come twice: on dates for the case view, and on day numbers (days since
 * 1970-01-01, the projections' epoch days) for the queries that apply them to every item of a
 * municipality. The date forms call the day forms, so there is one statement of each rule.
 */

/**
 * Forlengelse: in force iff decided on or before the ordinary deadline (a late decision cannot
 * cure a breach that already happened) and Statsforvalteren has not assessed it as not approved.
 * Pending counts as in force: the service decides, the county governor reviews (DOMAIN.md §3.2).
 */
export function extensionInForce(input: { decidedDate: LocalDate; ordinaryDeadline: LocalDate; assessment: ExtensionAssessment }): boolean {
  return extensionInForceOnDays(toDayNumber(input.decidedDate), toDayNumber(input.ordinaryDeadline), input.assessment);
}

/** `extensionInForce` on day numbers. */
export function extensionInForceOnDays(extensionDay: number, ordinaryDay: number, assessment: ExtensionAssessment): boolean {
  return extensionDecidedInTimeOnDays(extensionDay, ordinaryDay) && assessment !== 'rejected';
}

/** An extension decided after the ordinary deadline is recorded but flagged: it cannot cure the breach. */
export function extensionDecidedInTimeOnDays(extensionDay: number, ordinaryDay: number): boolean {
  return extensionDay <= ordinaryDay;
}

/** Status of an item still open at `asOf`; the deadline day itself is still within time. */
export function deadlineStatus(deadline: LocalDate, asOf: LocalDate, dueSoonDays: number): { status: DeadlineStatus; daysLeft: number } {
  if (!Number.isSafeInteger(dueSoonDays) || dueSoonDays < 0) {
    throw new RangeError(`dueSoonDays must be a non-negative integer, got ${dueSoonDays}`);
  }
  return deadlineStatusOnDays(toDayNumber(deadline), toDayNumber(asOf), dueSoonDays);
}

/** `deadlineStatus` on day numbers (DOMAIN.md §3.3): overdue after the deadline day, due soon within `dueSoonDays` of it. */
export function deadlineStatusOnDays(
  deadlineDay: number,
  asOfDay: number,
  dueSoonDays: number,
): { status: DeadlineStatus; daysLeft: number } {
  const daysLeft = deadlineDay - asOfDay;
  return { status: daysLeft < 0 ? 'overdue' : daysLeft <= dueSoonDays ? 'due_soon' : 'ok', daysLeft };
}

/** Met iff concluded on or before the deadline date: the whole last day counts. */
export function isOnTime(concludedDate: LocalDate, deadline: LocalDate): boolean {
  return isOnTimeOnDays(toDayNumber(concludedDate), toDayNumber(deadline));
}

/** `isOnTime` on day numbers. */
export function isOnTimeOnDays(concludedDay: number, deadlineDay: number): boolean {
  return concludedDay <= deadlineDay;
}

/** An item still open at the end of `asOfDay` is overdue once that day is past its deadline. */
export function isOverdueOnDays(deadlineDay: number, asOfDay: number): boolean {
  return asOfDay > deadlineDay;
}
