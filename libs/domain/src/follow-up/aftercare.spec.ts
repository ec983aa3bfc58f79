import { aftercareConcluded, aftercareOffered, measureEnded, measureStarted } from '../testing';
import { FOLLOW_UP_1992, FOLLOW_UP_1992_AFTERCARE_25, FOLLOW_UP_2021, followUpRuleSetFor } from '../deadlines/follow-up-rule-sets';
import { aftercareAgesOnDays, aftercareMembership, isAftercareAcceptedBy, isAftercareAgeOnDay, isAftercareOfferedBy } from './aftercare';
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

const D = day('2024-12-31');

describe('young adults in aftercare', () => {
  it('given a 20-year-old with a measure active on 31.12 and an accepted offer then it counts on the count date and during the year', () => {
    const t = timelineOf(
      [aftercareOffered('a1', '2024-01-10'), aftercareConcluded('a1', 'accepted', '2024-01-20'), measureStarted('m1', '8.3', '2024-02-01')],
      2004,
    );
    expect(aftercareMembership(t, D, FOLLOW_UP_2021)).toEqual({ onCountDate: true, duringYear: true, offered: true, accepted: true });
    expect(t.aftercare).toEqual([{ offerId: 'a1', offeredDay: day('2024-01-10'), concludedDay: day('2024-01-20'), outcome: 'accepted' }]);
  });

  it('given a measure that ended in the year when counting then only "during the year" holds it', () => {
    const t = timelineOf([measureStarted('m1', '8.3', '2024-02-01'), measureEnded('m1', '2024-09-01')], 2004);
    expect(aftercareMembership(t, D, FOLLOW_UP_2021)).toEqual({ onCountDate: false, duringYear: true, offered: false, accepted: false });
  });

  it('given a 17-year-old with a measure and an accepted offer when counting then nothing counts (not yet in aftercare ages)', () => {
    const t = timelineOf(
      [aftercareOffered('a1', '2024-01-10'), aftercareConcluded('a1', 'accepted', '2024-01-20'), measureStarted('m1', '8.3', '2024-02-01')],
      2007,
    );
    expect(aftercareMembership(t, D, FOLLOW_UP_2021)).toEqual({ onCountDate: false, duringYear: false, offered: false, accepted: false });
  });

  it('given an offer declined by the young adult when counting then it was offered but the indicator is not met', () => {
    const t = timelineOf(
      [
        measureStarted('m1', '8.3', '2024-02-01'),
        aftercareOffered('a1', '2024-03-01'),
        aftercareConcluded('a1', 'declined_wants_other_measure', '2024-03-20'),
      ],
      2004,
    );
    expect(aftercareMembership(t, D, FOLLOW_UP_2021)).toMatchObject({ duringYear: true, offered: true, accepted: false });
  });

  it('given an offer accepted after the count date when counting on the half-year then it is offered and not yet met; on 31.12 it is met', () => {
    const t = timelineOf(
      [measureStarted('m1', '8.3', '2024-02-01'), aftercareOffered('a1', '2024-06-20'), aftercareConcluded('a1', 'accepted', '2024-07-05')],
      2004,
    );
    expect(aftercareMembership(t, day('2024-06-30'), FOLLOW_UP_2021)).toMatchObject({ duringYear: true, offered: true, accepted: false });
    expect(aftercareMembership(t, D, FOLLOW_UP_2021)).toMatchObject({ duringYear: true, offered: true, accepted: true });
  });

  it('given an offer still without a conclusion when counting then it is offered, not met', () => {
    const t = timelineOf([measureStarted('m1', '8.3', '2024-02-01'), aftercareOffered('a1', '2024-11-01')], 2004);
    expect(isAftercareOfferedBy(t.aftercare, D)).toBe(true);
    expect(isAftercareAcceptedBy(t.aftercare, D)).toBe(false);
    expect(isAftercareOfferedBy(t.aftercare, day('2024-10-31'))).toBe(false);
  });
});

describe('aftercare on day numbers, for a caller that has resolved the spells (the state report)', () => {
  it.each<[number | null, boolean, boolean, { onCountDate: boolean; during: boolean }, string]>([
    [2004, true, true, { onCountDate: true, during: true }, 'age 20: counted as active'],
    [2004, false, true, { onCountDate: false, during: true }, 'age 20, ended in the period'],
    [2007, true, true, { onCountDate: false, during: false }, 'age 17: not counted'],
    [1999, true, true, { onCountDate: false, during: false }, 'age 25: past the limit'],
    [null, true, true, { onCountDate: false, during: false }, 'no birth year: under 18'],
  ])('given birth year %s, active on the count date %s and during %s then %j (%s)', (birthYear, onCountDate, during, expected) => {
    expect(aftercareAgesOnDays(birthYear, D, { onCountDate, during }, FOLLOW_UP_2021)).toEqual(expected);
  });
});
