import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import { ageOnDay, isActiveDuring, isActiveOnDay, yearStartDay } from './calendar';
import type { AftercareOffer, FollowUpTimeline } from './timeline';

/*
 * Ettervern (DOMAIN.md §7.5; bvl 2021 § 3-6, to 25; before 2021 to 23): young adults with a
 * measure or placement, counted by age from the birth year (year − birth year) on the count date.
 */

/** Whether the birth year puts the young person in the rule set's aftercare ages on `day`; no birth year: under 18, never. */
export function isAftercareAgeOnDay(childBirthYear: number | null, day: number, ruleSet: FollowUpRuleSet): boolean {
  const age = ageOnDay(childBirthYear, day);
  return age !== null && age >= ruleSet.aftercare.fromAge && age < ruleSet.aftercare.untilAge;
}

/** Who counts as a young adult in aftercare, for a caller that has already found when the measures and placements were active. */
export interface AftercareAges {
  /** in aftercare ages on D with a measure or placement active on D */
  onCountDate: boolean;
  /** in aftercare ages on D with a measure or placement active some day of the counted stretch (D's year up to D, or a report's period) */
  during: boolean;
}

/**
 * The aftercare count of one young adult on day numbers: the age on `ageDay` (the count date, or
 * 31.12 of a report's year) decides, the activity is the caller's (projections that resolved the
 * spells already ask this instead of building a timeline).
 */
export function aftercareAgesOnDays(
  childBirthYear: number | null,
  ageDay: number,
  active: { onCountDate: boolean; during: boolean },
  ruleSet: FollowUpRuleSet,
): AftercareAges {
  if (!isAftercareAgeOnDay(childBirthYear, ageDay, ruleSet)) return { onCountDate: false, during: false };
  return { onCountDate: active.onCountDate, during: active.during };
}

/** One young adult in the aftercare indicator on count date D (DOMAIN.md §7.5). */
export interface AftercareMembership {
  /** in aftercare ages on D with a measure or placement active on D */
  onCountDate: boolean;
  /** the indicator's denominator: in aftercare ages on D with a measure or placement active some day of D's year up to D */
  duringYear: boolean;
  /** of the denominator: an ettervern offer recorded as sent on or before D */
  offered: boolean;
  /** of the denominator, the indicator's numerator ("met"): an offer concluded `accepted` on or before D */
  accepted: boolean;
}

/** An offer sent by `countDay`. */
export function isAftercareOfferedBy(offers: readonly AftercareOffer[], countDay: number): boolean {
  return offers.some((o) => o.offeredDay <= countDay);
}

/**
 * "Met" for aftercare: an offer sent by `countDay` whose conclusion, by `countDay`, is `accepted`
 * (register Ettervern/Konklusjon code 1). A conclusion recorded later does not count yet.
 */
export function isAftercareAcceptedBy(offers: readonly AftercareOffer[], countDay: number): boolean {
  return offers.some((o) => o.offeredDay <= countDay && o.outcome === 'accepted' && o.concludedDay !== null && o.concludedDay <= countDay);
}

export function aftercareMembership(t: FollowUpTimeline, countDay: number, ruleSet: FollowUpRuleSet): AftercareMembership {
  // most children are not in aftercare ages: no spell is looked at for them
  if (!isAftercareAgeOnDay(t.childBirthYear, countDay, ruleSet))
    return { onCountDate: false, duringYear: false, offered: false, accepted: false };
  const spells = [...t.measures, ...t.placements];
  const from = yearStartDay(countDay);
  const duringYear = spells.some((s) => isActiveDuring(s, from, countDay));
  return {
    onCountDate: spells.some((s) => isActiveOnDay(s, countDay)),
    duringYear,
    offered: duringYear && isAftercareOfferedBy(t.aftercare, countDay),
    accepted: duringYear && isAftercareAcceptedBy(t.aftercare, countDay),
  };
}
