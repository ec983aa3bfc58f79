import type { DeadlineRules } from './api';
import { BVL_1992, BVL_2021, DEFAULT_DEADLINE_RULES, ruleSetFor, withRollForward } from './rule-sets';

describe('ruleSetFor', () => {
  it.each([
    ['1993-01-01', 'bvl1992'],
    ['2010-06-15', 'bvl1992'],
    ['2022-12-31', 'bvl1992'],
    ['2023-01-01', 'bvl2021'],
    ['2025-06-30', 'bvl2021'],
    ['2099-12-31', 'bvl2021'],
  ])('given a notification received %s when choosing the rules then it is %s', (receivedDate, id) => {
    expect(ruleSetFor(receivedDate, DEFAULT_DEADLINE_RULES).id).toBe(id);
  });

  it('given a receipt before 1993 when choosing the rules then it throws naming the date', () => {
    expect(() => ruleSetFor('1992-12-31', DEFAULT_DEADLINE_RULES)).toThrow(/No deadline rule set covers receipt date 1992-12-31/);
  });

  it('given an invalid receipt date when choosing the rules then it throws', () => {
    expect(() => ruleSetFor('2023-02-29', DEFAULT_DEADLINE_RULES)).toThrow(RangeError);
  });

  it('given a gap between rule sets when choosing the rules then it throws', () => {
    const rules: DeadlineRules = { ...DEFAULT_DEADLINE_RULES, ruleSets: [BVL_1992, { ...BVL_2021, validFrom: '2023-02-01' }] };
    expect(() => ruleSetFor('2023-01-15', rules)).toThrow(/No deadline rule set covers/);
  });

  it('given overlapping rule sets when choosing the rules then it throws instead of picking one', () => {
    const rules: DeadlineRules = { ...DEFAULT_DEADLINE_RULES, ruleSets: [{ ...BVL_1992, validTo: null }, BVL_2021] };
    expect(() => ruleSetFor('2024-01-15', rules)).toThrow(/overlap.*bvl1992, bvl2021/);
  });

  it('given a future amendment added as data when choosing the rules then the receipt date selects it', () => {
    const amended: DeadlineRules = {
      ...DEFAULT_DEADLINE_RULES,
      ruleSets: [BVL_1992, { ...BVL_2021, validTo: '2026-06-30' }, { ...BVL_2021, validFrom: '2026-07-01', reviewDays: 5 }],
    };
    expect(ruleSetFor('2026-06-30', amended).reviewDays).toBe(7);
    expect(ruleSetFor('2026-07-01', amended).reviewDays).toBe(5);
  });
});

describe('DEFAULT_DEADLINE_RULES', () => {
  it('given the defaults when reading them then roll-forward is off and due-soon is 2 / 14 days', () => {
    expect(DEFAULT_DEADLINE_RULES.ruleSets.map((r) => r.rollForward)).toEqual([false, false]);
    expect(DEFAULT_DEADLINE_RULES.dueSoonDays).toEqual({ review: 2, investigation: 14 });
  });

  it('given the two acts when reading them then they differ only in where the investigation clock starts', () => {
    expect(BVL_1992.investigationClockStart).toBe('opened');
    expect(BVL_2021.investigationClockStart).toBe('review_deadline');
    const { id: _a, validFrom: _b, validTo: _c, investigationClockStart: _d, ...rest1992 } = BVL_1992;
    const { id: _e, validFrom: _f, validTo: _g, investigationClockStart: _h, ...rest2021 } = BVL_2021;
    expect(rest1992).toEqual(rest2021);
  });

  it('given the defaults when someone tries to mutate them then they are frozen', () => {
    expect(Object.isFrozen(DEFAULT_DEADLINE_RULES)).toBe(true);
    expect(Object.isFrozen(BVL_2021)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DEADLINE_RULES.ruleSets)).toBe(true);
  });
});

describe('withRollForward', () => {
  it('given the defaults when switching roll-forward on then every rule set rolls and the defaults are untouched', () => {
    const rolled = withRollForward(DEFAULT_DEADLINE_RULES);
    expect(rolled.ruleSets.map((r) => r.rollForward)).toEqual([true, true]);
    expect(rolled.ruleSets.map((r) => r.id)).toEqual(['bvl1992', 'bvl2021']);
    expect(rolled.dueSoonDays).toEqual(DEFAULT_DEADLINE_RULES.dueSoonDays);
    expect(DEFAULT_DEADLINE_RULES.ruleSets.map((r) => r.rollForward)).toEqual([false, false]);
  });

  it('given rolled rules when switching roll-forward off then no rule set rolls', () => {
    const off = withRollForward(withRollForward(DEFAULT_DEADLINE_RULES), false);
    expect(off.ruleSets.map((r) => r.rollForward)).toEqual([false, false]);
  });
});
