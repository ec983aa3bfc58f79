import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import { ageOnDay, isActiveDuring, isActiveOnDay, yearStartDay } from './calendar';
import type { FollowUpTimeline } from './timeline';

/*
 * Ettervern (DOMAIN.md §7.5; bvl 2021 § 3-6, to 25; before 2021 to 23): young adults with a
 * measure or placement, counted by age from the birth year (year − birth year) on the count date.
 */

/** Whether the birth year puts the young person in the rule set's aftercare ages on `day`; no birth year: under 18, never. */
export function isAftercareAgeOnDay(childBirthYear: number | null, day: number, ruleSet: FollowUpRuleSet): boolean {
  const age = ageOnDay(childBirthYear, day);
  return age !== null && age >= ruleSet.aftercare.fromAge && age < ruleSet.aftercare.untilAge;
}

export interface AftercareMembership {
  /** in aftercare ages on D with a measure or placement active on D */
  onCountDate: boolean;
  /** in aftercare ages on D with a measure or placement active some day of D's year up to D */
  duringYear: boolean;
}

export function aftercareMembership(t: FollowUpTimeline, countDay: number, ruleSet: FollowUpRuleSet): AftercareMembership {
  if (!isAftercareAgeOnDay(t.childBirthYear, countDay, ruleSet)) return { onCountDate: false, duringYear: false };
  const spells = [...t.measures, ...t.placements];
  const from = yearStartDay(countDay);
  return {
    onCountDate: spells.some((s) => isActiveOnDay(s, countDay)),
    duringYear: spells.some((s) => isActiveDuring(s, from, countDay)),
  };
}
