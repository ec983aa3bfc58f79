import {
  DEFAULT_FOLLOW_UP_RULES,
  FOLLOW_UP_2021,
  followUpRuleSetFor,
  followUpRuleSetForDay,
  type FollowUpRules,
} from './follow-up-rule-sets';
import { fromDayNumber, toDayNumber } from './local-date';

describe('followUpRuleSetForDay', () => {
  it('given every day from 1993 to 2030, then it picks the rule set followUpRuleSetFor picks for that date, asked twice', () => {
    for (let day = toDayNumber('1993-01-01'); day <= toDayNumber('2030-12-31'); day++) {
      const expected = followUpRuleSetFor(fromDayNumber(day));
      expect(followUpRuleSetForDay(day)).toBe(expected);
      expect(followUpRuleSetForDay(day, DEFAULT_FOLLOW_UP_RULES)).toBe(expected);
    }
  });

  it('given rules with a gap, then a day in the gap throws as for the date, and other rules objects keep their own answers', () => {
    const gap: FollowUpRules = { ruleSets: [FOLLOW_UP_2021] };
    expect(() => followUpRuleSetForDay(toDayNumber('2022-06-30'), gap)).toThrow(/No follow-up rule set covers 2022-06-30/);
    expect(followUpRuleSetForDay(toDayNumber('2024-06-30'), gap)).toBe(FOLLOW_UP_2021);
    expect(followUpRuleSetForDay(toDayNumber('2022-06-30')).id).toBe('followup1992-aftercare25');
  });
});
