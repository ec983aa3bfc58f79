import { aftercareConcluded, aftercareOffered, measureEnded, measureStarted } from '../testing';
import { FOLLOW_UP_1992, FOLLOW_UP_1992_AFTERCARE_25, FOLLOW_UP_2021, followUpRuleSetFor } from '../deadlines/follow-up-rule-sets';
import { aftercareMembership, isAftercareAgeOnDay } from './aftercare';
import { ageOnDay } from './calendar';
import { day, timelineOf } from './follow-up.spec-helper';

describe('ages from the birth year (DOMAIN.md §7)', () => {
  it('given a birth year when asking the age on any day of a year then it is year − birth year; without one there is no age', () => {
    expect(ageOnDay(2006, day('2024-01-01'))).toBe(18);
    expect(ageOnDay(2006, day('2024-12-31'))).toBe(18);
    expect(ageOnDay(null, day('2024-12-31'))).toBeNull();
  });
});

describe('aftercare ages (DOMAIN.md §7.5)', () => {
  it.each([
    ['2024-12-31', 2000, true, 'age 24 under bvl 2021: to 25'],
    ['2024-12-31', 1999, false, 'age 25'],
    ['2024-12-31', 2007, false, 'age 17: not yet'],
    ['2024-12-31', 2006, true, 'age 18'],
    ['2021-12-31', 1997, true, 'age 24 in 2021: to 25 from 2021'],
    ['2020-12-31', 1997, false, 'age 23 in 2020: to 23 before 2021'],
    ['2020-12-31', 1998, true, 'age 22 in 2020'],
  ])('given count date %s and birth year %i then in aftercare ages is %s (%s)', (date, birthYear, expected) => {
    expect(isAftercareAgeOnDay(birthYear, day(date), followUpRuleSetFor(date))).toBe(expected);
  });

  it('given the rule sets by date then the age limit is 23 before 2021 and 25 from 2021', () => {
    expect(followUpRuleSetFor('2020-12-31')).toBe(FOLLOW_UP_1992);
    expect(followUpRuleSetFor('2021-01-01')).toBe(FOLLOW_UP_1992_AFTERCARE_25);
    expect(followUpRuleSetFor('2023-01-01')).toBe(FOLLOW_UP_2021);
    expect([FOLLOW_UP_1992, FOLLOW_UP_1992_AFTERCARE_25, FOLLOW_UP_2021].map((r) => r.aftercare.untilAge)).toEqual([23, 25, 25]);
  });

  it('given no birth year when asking then the case counts as under 18, never in aftercare', () => {
    expect(isAftercareAgeOnDay(null, day('2024-12-31'), FOLLOW_UP_2021)).toBe(false);
  });
});

describe('young adults in aftercare', () => {
  const D = day('2024-12-31');

  it('given a 20-year-old with a measure active on 31.12 and an accepted offer then it counts on the count date and during the year', () => {
    const t = timelineOf(
      [aftercareOffered('a1', '2024-01-10'), aftercareConcluded('a1', 'accepted', '2024-01-20'), measureStarted('m1', '8.3', '2024-02-01')],
      2004,
    );
    expect(aftercareMembership(t, D, FOLLOW_UP_2021)).toEqual({ onCountDate: true, duringYear: true });
    expect(t.aftercare).toEqual([{ offerId: 'a1', offeredDay: day('2024-01-10'), concludedDay: day('2024-01-20'), outcome: 'accepted' }]);
  });

  it('given a measure that ended in the year when counting then only "during the year" holds it', () => {
    const t = timelineOf([measureStarted('m1', '8.3', '2024-02-01'), measureEnded('m1', '2024-09-01')], 2004);
    expect(aftercareMembership(t, D, FOLLOW_UP_2021)).toEqual({ onCountDate: false, duringYear: true });
  });
});
