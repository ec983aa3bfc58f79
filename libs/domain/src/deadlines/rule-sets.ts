import type { DeadlineRules, LocalDate, RuleSet } from './api';
import { parseLocalDate } from './local-date';

/*
 * The law is data: which rule set applies is decided by the notification's receipt date, so
 * replaying 2022 history applies the 1992 act. A future amendment (e.g. Prop. 83 L (2024–2025))
 * is a new entry here with the previous one given a validTo, not a code change.
 */

/** SSB/Bufdir register controls count the same days under both acts. */
const SSB_DAY_COUNTS = Object.freeze({ reviewDays: 7, investigationDays: 90, extendedInvestigationDays: 180 });

/**
 * barnevernloven 1992: review «snarest og senest innen en uke» (§ 4-2); investigation within
 * three months, six in special cases (§ 6-9), counted from when the investigation started.
 */
export const BVL_1992: Readonly<RuleSet> = Object.freeze({
  id: 'bvl1992',
  // Fristvakt accepts no events before 1993-01-01.
  validFrom: '1993-01-01',
  validTo: '2022-12-31',
  reviewDays: 7,
  investigationClockStart: 'opened',
  ordinaryMonths: 3,
  extendedMonths: 6,
  statistical: SSB_DAY_COUNTS,
  rollForward: false,
});

/**
 * barnevernloven 2021 (in force 2023-01-01): review within one week (§ 2-1); investigation within
 * three months, six in special cases (§ 2-2), counted from the expiry of the review deadline.
 */
export const BVL_2021: Readonly<RuleSet> = Object.freeze({
  id: 'bvl2021',
  validFrom: '2023-01-01',
  validTo: null,
  reviewDays: 7,
  investigationClockStart: 'review_deadline',
  ordinaryMonths: 3,
  extendedMonths: 6,
  statistical: SSB_DAY_COUNTS,
  rollForward: false,
});

export const DEFAULT_DEADLINE_RULES: Readonly<DeadlineRules> = Object.freeze({
  ruleSets: Object.freeze([BVL_1992, BVL_2021]),
  dueSoonDays: Object.freeze({ review: 2, investigation: 14 }),
});

/**
 * The same rules with weekend/holiday roll-forward (domstolloven § 149) switched on or off for
 * every rule set. Off is the product default because the state's figures do not roll.
 */
export function withRollForward(rules: DeadlineRules, rollForward = true): DeadlineRules {
  return {
    ruleSets: rules.ruleSets.map((ruleSet) => ({ ...ruleSet, rollForward })),
    dueSoonDays: { ...rules.dueSoonDays },
  };
}

/**
 * The rule set covering a receipt date. A gap or an overlap is a configuration error, and guessing
 * would silently apply the wrong law, so both throw.
 */
export function ruleSetFor(receivedDate: LocalDate, rules: DeadlineRules): RuleSet {
  parseLocalDate(receivedDate);
  const matches = rules.ruleSets.filter(
    (ruleSet) => ruleSet.validFrom <= receivedDate && (ruleSet.validTo === null || receivedDate <= ruleSet.validTo),
  );
  if (matches.length === 0) {
    const covered = rules.ruleSets.map((r) => `${r.id} ${r.validFrom}..${r.validTo ?? ''}`).join(', ');
    throw new Error(`No deadline rule set covers receipt date ${receivedDate} (configured: ${covered || 'none'})`);
  }
  if (matches.length > 1) {
    throw new Error(`Deadline rule sets overlap on receipt date ${receivedDate}: ${matches.map((r) => r.id).join(', ')}`);
  }
  return matches[0];
}
