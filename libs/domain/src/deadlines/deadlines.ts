import type { CountingMethod, DeadlineStatus, LocalDate, RuleSet } from './api';
import { nextWorkingDayOnOrAfter } from './holidays';
import { addDays, addMonths, daysBetween, parseLocalDate, toDayNumber } from './local-date';

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
    ruleSet.investigationClockStart === 'review_deadline'
      ? addDays(input.receivedDate, ruleSet.reviewDays)
      : input.openedDate;
  return {
    ordinary: finish(addMonths(clockStart, ruleSet.ordinaryMonths), ruleSet, method),
    extended: finish(addMonths(clockStart, ruleSet.extendedMonths), ruleSet, method),
  };
}

/**
 * Forlengelse: in force iff decided on or before the ordinary deadline (a late decision cannot
 * cure a breach that already happened) and Statsforvalteren has not assessed it as not approved.
 * Pending counts as in force: the service decides, the county governor reviews (DOMAIN.md §3.2).
 */
export function extensionInForce(input: {
  decidedDate: LocalDate;
  ordinaryDeadline: LocalDate;
  assessment: ExtensionAssessment;
}): boolean {
  return toDayNumber(input.decidedDate) <= toDayNumber(input.ordinaryDeadline) && input.assessment !== 'rejected';
}

/** Status of an item still open at `asOf`; the deadline day itself is still within time. */
export function deadlineStatus(
  deadline: LocalDate,
  asOf: LocalDate,
  dueSoonDays: number,
): { status: DeadlineStatus; daysLeft: number } {
  if (!Number.isSafeInteger(dueSoonDays) || dueSoonDays < 0) {
    throw new RangeError(`dueSoonDays must be a non-negative integer, got ${dueSoonDays}`);
  }
  const daysLeft = daysBetween(asOf, deadline);
  const status: DeadlineStatus = daysLeft < 0 ? 'overdue' : daysLeft <= dueSoonDays ? 'due_soon' : 'ok';
  return { status, daysLeft };
}

/** Met iff concluded on or before the deadline date: the whole last day counts. */
export function isOnTime(concludedDate: LocalDate, deadline: LocalDate): boolean {
  return toDayNumber(concludedDate) <= toDayNumber(deadline);
}
