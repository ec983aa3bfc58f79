/**
 * Public shape of the deadline rules (DOMAIN.md §3). Implementations live beside this file.
 * All dates are Oslo calendar dates as `YYYY-MM-DD` strings.
 */
export type LocalDate = string;

/** `legal`: months per domstolloven § 148; `statistical`: SSB/Bufdir day counts (7 / 7+90 / 7+180). */
export type CountingMethod = 'legal' | 'statistical';

export type RuleSetId = 'bvl1992' | 'bvl2021';

export interface RuleSet {
  id: RuleSetId;
  /** first receipt date (inclusive) this rule set applies to */
  validFrom: LocalDate;
  /** last receipt date (inclusive), or null while in force */
  validTo: LocalDate | null;
  reviewDays: number;
  /** bvl 2021: the months run from the expiry of the review deadline; bvl 1992: from the opened date */
  investigationClockStart: 'review_deadline' | 'opened';
  ordinaryMonths: number;
  extendedMonths: number;
  statistical: { reviewDays: number; investigationDays: number; extendedInvestigationDays: number };
  /** domstolloven § 149: move a deadline on a weekend or public holiday to the next working day */
  rollForward: boolean;
}

export interface DeadlineRules {
  /** rule sets ordered by validFrom; exactly one covers any receipt date from 1993-01-01 */
  ruleSets: readonly RuleSet[];
  /** days before the deadline at which an open item becomes `due_soon` */
  dueSoonDays: { review: number; investigation: number };
}

export type DeadlineStatus = 'overdue' | 'due_soon' | 'ok';
