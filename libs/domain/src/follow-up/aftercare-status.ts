import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import { ageOnDay, isActiveDuring, isActiveOnDay } from './calendar';
import type { FollowUpTimeline } from './timeline';

/*
 * Aftercare (ettervern, bvl 2021 § 3-6; DOMAIN.md §7.5): young adults from 18 up to the rule set's
 * limit (25, before 2021 23) with a measure or placement, on D and during the period, and what
 * their ettervern offers came to by D.
 */
export interface AftercareStatus {
  /** a young adult on D with a measure or placement active on D */
  atEnd: boolean;
  /** a young adult on D with a measure or placement active during the period */
  during: boolean;
  /** an offer made by D */
  offered: boolean;
  /** an offer accepted by D */
  accepted: boolean;
}

export function aftercareStatus(child: FollowUpTimeline, fromDay: number, day: number, ruleSet: FollowUpRuleSet): AftercareStatus {
  const age = ageOnDay(child.childBirthYear, day);
  const adult = age !== null && age >= ruleSet.aftercare.fromAge && age < ruleSet.aftercare.untilAge;
  const spells = [...child.measures, ...child.placements];
  const offers = child.aftercare.filter((o) => o.offeredDay <= day);
  return {
    atEnd: adult && spells.some((s) => isActiveOnDay(s, day)),
    during: adult && spells.some((s) => isActiveDuring(s, fromDay, day)),
    offered: offers.length > 0,
    accepted: offers.some((o) => o.outcome === 'accepted' && o.concludedDay !== null && o.concludedDay <= day),
  };
}
