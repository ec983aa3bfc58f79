import type { CountingMethod, RuleSet } from './api';
import {
  type ExtensionAssessment,
  deadlineStatus,
  deadlineStatusOnDays,
  extensionDecidedInTimeOnDays,
  extensionInForce,
  extensionInForceOnDays,
  investigationDeadlines,
  isOnTime,
  isOnTimeOnDays,
  isOverdueOnDays,
  reviewDeadline,
} from './deadlines';
import { toDayNumber } from './local-date';
import { BVL_1992, BVL_2021, DEFAULT_DEADLINE_RULES, ruleSetFor, withRollForward } from './rule-sets';

const ROLLING = withRollForward(DEFAULT_DEADLINE_RULES);
const rolling = (receivedDate: string): RuleSet => ruleSetFor(receivedDate, ROLLING);
const byDefault = (receivedDate: string): RuleSet => ruleSetFor(receivedDate, DEFAULT_DEADLINE_RULES);

describe('worked examples (DOMAIN.md §3.2, bvl 2021, no roll-forward)', () => {
  it.each([
    // received,   review,       legal 3 mo,   legal 6 mo,   stat 7+90,    stat 7+180
    ['2024-01-31', '2024-02-07', '2024-05-07', '2024-08-07', '2024-05-07', '2024-08-05'],
    ['2023-11-23', '2023-11-30', '2024-02-29', '2024-05-30', '2024-02-28', '2024-05-28'],
    ['2023-11-24', '2023-12-01', '2024-03-01', '2024-06-01', '2024-02-29', '2024-05-29'],
    ['2024-05-24', '2024-05-31', '2024-08-31', '2024-11-30', '2024-08-29', '2024-11-27'],
  ])(
    'given a notification received %s when computing deadlines then review %s, legal %s / %s, statistical %s / %s',
    (receivedDate, review, legal3, legal6, stat90, stat180) => {
      const ruleSet = byDefault(receivedDate);
      expect(ruleSet.id).toBe('bvl2021');
      expect(reviewDeadline(receivedDate, ruleSet, 'legal')).toBe(review);
      expect(reviewDeadline(receivedDate, ruleSet, 'statistical')).toBe(review);
      // the opened date is irrelevant under bvl 2021: the clock starts at the review deadline's expiry
      for (const openedDate of [receivedDate, review]) {
        expect(investigationDeadlines({ receivedDate, openedDate }, ruleSet, 'legal')).toEqual({ ordinary: legal3, extended: legal6 });
        expect(investigationDeadlines({ receivedDate, openedDate }, ruleSet, 'statistical')).toEqual({
          ordinary: stat90,
          extended: stat180,
        });
      }
    },
  );
});

describe('investigationDeadlines across the 2023-01-01 change of act', () => {
  it.each<[string, string, CountingMethod, string, string, string]>([
    // same opened date, one day apart in receipt: bvl 1992 counts from opening, bvl 2021 from the review deadline
    ['2022-12-31', '2023-01-05', 'legal', 'bvl1992', '2023-04-05', '2023-07-05'],
    ['2023-01-01', '2023-01-05', 'legal', 'bvl2021', '2023-04-08', '2023-07-08'],
    // SSB counts days from receipt under both acts
    ['2022-12-31', '2023-01-05', 'statistical', 'bvl1992', '2023-04-07', '2023-07-06'],
    ['2023-01-01', '2023-01-05', 'statistical', 'bvl2021', '2023-04-08', '2023-07-07'],
    // bvl 1992 month ends from the opened date
    ['2022-11-25', '2022-11-30', 'legal', 'bvl1992', '2023-02-28', '2023-05-30'],
    ['2019-11-26', '2019-11-29', 'legal', 'bvl1992', '2020-02-29', '2020-05-29'],
    ['2022-05-30', '2022-05-31', 'legal', 'bvl1992', '2022-08-31', '2022-11-30'],
    ['1993-01-01', '1993-01-04', 'legal', 'bvl1992', '1993-04-04', '1993-07-04'],
  ])(
    'given received %s and opened %s when counting %s then %s gives %s / %s',
    (receivedDate, openedDate, method, id, ordinary, extended) => {
      const ruleSet = byDefault(receivedDate);
      expect(ruleSet.id).toBe(id);
      expect(investigationDeadlines({ receivedDate, openedDate }, ruleSet, method)).toEqual({ ordinary, extended });
    },
  );

  it('given a bvl 1992 notification when the opening date moves then the deadline moves with it', () => {
    const a = investigationDeadlines({ receivedDate: '2022-06-01', openedDate: '2022-06-03' }, BVL_1992, 'legal');
    const b = investigationDeadlines({ receivedDate: '2022-06-01', openedDate: '2022-06-08' }, BVL_1992, 'legal');
    expect([a.ordinary, b.ordinary]).toEqual(['2022-09-03', '2022-09-08']);
  });

  it('given an invalid date when computing then it throws', () => {
    expect(() => investigationDeadlines({ receivedDate: '2023-02-29', openedDate: '2023-03-01' }, BVL_2021, 'legal')).toThrow(RangeError);
    expect(() => investigationDeadlines({ receivedDate: '2023-02-20', openedDate: 'soon' }, BVL_2021, 'legal')).toThrow(RangeError);
  });
});

describe('roll-forward (domstolloven § 149)', () => {
  it.each<[string, string, CountingMethod, 'review' | 'ordinary' | 'extended', string, string]>([
    // received,   opened,       method,  which deadline, unrolled,   rolled
    ['2024-01-27', '2024-01-29', 'legal', 'review', '2024-02-03', '2024-02-05'], // Saturday
    ['2023-11-24', '2023-11-27', 'legal', 'extended', '2024-06-01', '2024-06-03'], // Saturday
    ['2023-11-24', '2023-11-27', 'legal', 'ordinary', '2024-03-01', '2024-03-01'], // Friday stays
    ['2025-01-14', '2025-01-15', 'legal', 'ordinary', '2025-04-21', '2025-04-22'], // Easter Monday
    ['2024-02-10', '2024-02-12', 'legal', 'ordinary', '2024-05-17', '2024-05-21'], // 17 May, then Whitsun
    ['2022-09-14', '2022-09-17', 'legal', 'ordinary', '2022-12-17', '2022-12-19'], // bvl 1992, Saturday
    // the statistical method reproduces SSB day counts and never rolls
    ['2024-01-27', '2024-01-29', 'statistical', 'review', '2024-02-03', '2024-02-03'],
    ['2024-02-12', '2024-02-13', 'statistical', 'ordinary', '2024-05-19', '2024-05-19'],
  ])(
    'given received %s, opened %s, %s method when the %s deadline is %s then rolling forward gives %s',
    (receivedDate, openedDate, method, which, unrolled, rolled) => {
      const compute = (ruleSet: RuleSet): string =>
        which === 'review'
          ? reviewDeadline(receivedDate, ruleSet, method)
          : investigationDeadlines({ receivedDate, openedDate }, ruleSet, method)[which];
      expect(compute(byDefault(receivedDate))).toBe(unrolled);
      expect(compute(rolling(receivedDate))).toBe(rolled);
    },
  );

  it('given a review deadline on a Saturday when rolling then bvl 2021 months still run from the unrolled one-week point', () => {
    // review 2024-02-03 (Sat) rolls to 2024-02-05, but the investigation runs from 2024-02-03
    const deadlines = investigationDeadlines({ receivedDate: '2024-01-27', openedDate: '2024-01-29' }, rolling('2024-01-27'), 'legal');
    expect(deadlines).toEqual({ ordinary: '2024-05-03', extended: '2024-08-05' });
  });
});

describe('extensionInForce', () => {
  it.each<[string, ExtensionAssessment, boolean, string]>([
    ['2024-03-01', 'pending', true, 'decided well before, awaiting Statsforvalteren'],
    ['2024-03-01', 'approved', true, 'decided before and approved'],
    ['2024-05-07', 'pending', true, 'decided on the deadline day itself'],
    ['2024-05-07', 'approved', true, 'decided on the deadline day and approved'],
    ['2024-03-01', 'rejected', false, 'assessed as not approved'],
    ['2024-05-07', 'rejected', false, 'on time but not approved'],
    ['2024-05-08', 'pending', false, 'decided one day late'],
    ['2024-05-08', 'approved', false, 'decided late: approval cannot cure the breach'],
  ])(
    'given an extension decided %s and assessment %s against ordinary deadline 2024-05-07 then in force is %s (%s)',
    (decidedDate, assessment, expected) => {
      expect(extensionInForce({ decidedDate, ordinaryDeadline: '2024-05-07', assessment })).toBe(expected);
    },
  );

  it('given an invalid decided date when checking then it throws', () => {
    expect(() => extensionInForce({ decidedDate: '2024-02-30', ordinaryDeadline: '2024-05-07', assessment: 'pending' })).toThrow(
      RangeError,
    );
  });
});

describe('deadlineStatus', () => {
  it.each([
    // investigation, threshold 14
    ['2024-05-07', '2024-05-08', 14, 'overdue', -1],
    ['2024-05-07', '2024-05-07', 14, 'due_soon', 0],
    ['2024-05-07', '2024-04-23', 14, 'due_soon', 14],
    ['2024-05-07', '2024-04-22', 14, 'ok', 15],
    ['2024-05-08', '2024-06-30', 14, 'overdue', -53],
    // review, threshold 2
    ['2024-02-07', '2024-02-08', 2, 'overdue', -1],
    ['2024-02-07', '2024-02-05', 2, 'due_soon', 2],
    ['2024-02-07', '2024-02-04', 2, 'ok', 3],
    // threshold 0: only the deadline day itself is due soon
    ['2024-02-07', '2024-02-07', 0, 'due_soon', 0],
    ['2024-02-07', '2024-02-06', 0, 'ok', 1],
    // across a leap day
    ['2024-03-01', '2024-02-28', 2, 'due_soon', 2],
    ['2023-03-01', '2023-02-27', 2, 'due_soon', 2],
  ])('given deadline %s at %s with threshold %i then the status is %s with %i days left', (deadline, asOf, threshold, status, daysLeft) => {
    expect(deadlineStatus(deadline, asOf, threshold)).toEqual({ status, daysLeft });
  });

  it.each([[-1], [1.5], [Number.NaN]])('given the threshold %s when computing status then it throws', (threshold) => {
    expect(() => deadlineStatus('2024-05-07', '2024-05-01', threshold)).toThrow(RangeError);
  });
});

describe('isOnTime', () => {
  it.each([
    ['2024-05-06', '2024-05-07', true],
    ['2024-05-07', '2024-05-07', true],
    ['2024-05-08', '2024-05-07', false],
    ['2024-02-29', '2024-02-29', true],
    ['2024-03-01', '2024-02-29', false],
    ['2023-12-31', '2024-01-01', true],
  ])('given concluded %s and deadline %s then on time is %s', (concludedDate, deadline, expected) => {
    expect(isOnTime(concludedDate, deadline)).toBe(expected);
  });

  it('given an invalid concluded date when checking then it throws instead of comparing strings', () => {
    expect(() => isOnTime('2024-5-1', '2024-05-07')).toThrow(RangeError);
  });
});

describe('the same rules on day numbers (what the projections call)', () => {
  const day = toDayNumber;

  it.each<[string, ExtensionAssessment, boolean]>([
    ['2024-05-07', 'pending', true],
    ['2024-05-07', 'rejected', false],
    ['2024-05-08', 'approved', false],
  ])(
    'given an extension decided %s (%s) against 2024-05-07 then extensionInForceOnDays is %s, as extensionInForce',
    (decidedDate, assessment, expected) => {
      expect(extensionInForceOnDays(day(decidedDate), day('2024-05-07'), assessment)).toBe(expected);
      expect(extensionInForce({ decidedDate, ordinaryDeadline: '2024-05-07', assessment })).toBe(expected);
    },
  );

  it('given an extension decided after the ordinary deadline then it is flagged as decided too late whatever the assessment', () => {
    expect(extensionDecidedInTimeOnDays(day('2024-05-07'), day('2024-05-07'))).toBe(true);
    expect(extensionDecidedInTimeOnDays(day('2024-05-08'), day('2024-05-07'))).toBe(false);
  });

  it('given a deadline and a date then deadlineStatusOnDays gives the status and days left of deadlineStatus', () => {
    expect(deadlineStatusOnDays(day('2024-05-07'), day('2024-04-23'), 14)).toEqual({ status: 'due_soon', daysLeft: 14 });
    expect(deadlineStatusOnDays(day('2024-05-08'), day('2024-06-30'), 14)).toEqual({ status: 'overdue', daysLeft: -53 });
    expect(deadlineStatusOnDays(day('2024-05-07'), day('2024-04-22'), 14)).toEqual({ status: 'ok', daysLeft: 15 });
  });

  it('given the deadline day itself then an item concluded that day is on time and one still open is not yet overdue', () => {
    expect(isOnTimeOnDays(day('2024-05-07'), day('2024-05-07'))).toBe(true);
    expect(isOnTimeOnDays(day('2024-05-08'), day('2024-05-07'))).toBe(false);
    expect(isOverdueOnDays(day('2024-05-07'), day('2024-05-07'))).toBe(false);
    expect(isOverdueOnDays(day('2024-05-07'), day('2024-05-08'))).toBe(true);
  });
});
