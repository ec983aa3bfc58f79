import fc from 'fast-check';
import type { CountingMethod, DeadlineRules } from './api';
import { deadlineStatus, investigationDeadlines, isOnTime, reviewDeadline } from './deadlines';
import { isWeekendOrNorwegianPublicHoliday } from './holidays';
import { addDays, addMonths, daysBetween, fromDayNumber, toDayNumber } from './local-date';
import { DEFAULT_DEADLINE_RULES, ruleSetFor, withRollForward } from './rule-sets';

/*
 * Deadline arithmetic (DOMAIN.md §3) as properties over any receipt date the rule sets cover,
 * under both counting methods, with and without roll-forward (domstolloven § 149).
 */

const FIRST = toDayNumber('1993-01-01');
const LAST = toDayNumber('2040-12-31');
const date = fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber);
/** a receipt date and a later date (opened, concluded, asOf) within a year of it */
const receivedAndLater = fc
  .tuple(fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: 0, max: 366 }))
  .map(([day, after]) => ({ received: fromDayNumber(day), later: fromDayNumber(day + after) }));
const method = fc.constantFrom<CountingMethod>('legal', 'statistical');
const rules = fc.constantFrom<DeadlineRules>(DEFAULT_DEADLINE_RULES, withRollForward(DEFAULT_DEADLINE_RULES));

const isWorkingDay = (d: string) => !isWeekendOrNorwegianPublicHoliday(d);
/** the first working day on or after `d`, stated by walking the calendar */
function firstWorkingDayFrom(d: string): string {
  let day = d;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

describe('deadline arithmetic: properties', () => {
  it('given any receipt when counting statistically then review, investigation and extension are fixed day counts from receipt', () => {
    fc.assert(
      fc.property(receivedAndLater, rules, ({ received, later: opened }, r) => {
        const ruleSet = ruleSetFor(received, r);
        const { reviewDays, investigationDays, extendedInvestigationDays } = ruleSet.statistical;
        expect(daysBetween(received, reviewDeadline(received, ruleSet, 'statistical'))).toBe(reviewDays);
        const { ordinary, extended } = investigationDeadlines({ receivedDate: received, openedDate: opened }, ruleSet, 'statistical');
        expect([daysBetween(received, ordinary), daysBetween(received, extended)]).toEqual([
          reviewDays + investigationDays,
          reviewDays + extendedInvestigationDays,
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('given any receipt when counting legally then the review deadline is a week on, rolled to the first working day only when the rules say so', () => {
    fc.assert(
      fc.property(date, rules, (received, r) => {
        const ruleSet = ruleSetFor(received, r);
        const unrolled = addDays(received, ruleSet.reviewDays);
        const deadline = reviewDeadline(received, ruleSet, 'legal');
        expect(deadline).toBe(ruleSet.rollForward ? firstWorkingDayFrom(unrolled) : unrolled);
      }),
      { numRuns: 500 },
    );
  });

  it('given any receipt and opening when counting legally then the months run from the rule set’s clock start, six from the same base as three', () => {
    fc.assert(
      fc.property(receivedAndLater, rules, ({ received, later: opened }, r) => {
        const ruleSet = ruleSetFor(received, r);
        const base = ruleSet.investigationClockStart === 'review_deadline' ? addDays(received, ruleSet.reviewDays) : opened;
        const roll = (d: string) => (ruleSet.rollForward ? firstWorkingDayFrom(d) : d);
        expect(investigationDeadlines({ receivedDate: received, openedDate: opened }, ruleSet, 'legal')).toEqual({
          ordinary: roll(addMonths(base, ruleSet.ordinaryMonths)),
          extended: roll(addMonths(base, ruleSet.extendedMonths)),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('given any receipt when computing deadlines then review < ordinary investigation < extended investigation, whatever the method', () => {
    fc.assert(
      fc.property(receivedAndLater, rules, method, ({ received, later: opened }, r, m) => {
        const ruleSet = ruleSetFor(received, r);
        const review = reviewDeadline(received, ruleSet, m);
        const { ordinary, extended } = investigationDeadlines({ receivedDate: received, openedDate: opened }, ruleSet, m);
        expect(received < review && review < ordinary && ordinary < extended).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('given two receipts under one rule set when the second is later then none of its deadlines is earlier', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 400 }), rules, method, (first, gap, r, m) => {
        const second = addDays(first, gap);
        const ruleSet = ruleSetFor(first, r);
        fc.pre(ruleSetFor(second, r).id === ruleSet.id);
        // opened on receipt: the earliest opening, so bvl 1992's clock moves with the receipt too
        const a = investigationDeadlines({ receivedDate: first, openedDate: first }, ruleSet, m);
        const b = investigationDeadlines({ receivedDate: second, openedDate: second }, ruleSet, m);
        expect(reviewDeadline(first, ruleSet, m) <= reviewDeadline(second, ruleSet, m)).toBe(true);
        expect(a.ordinary <= b.ordinary && a.extended <= b.extended).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('given any deadline and day when asking the status then daysLeft counts the days, overdue exactly when the day is past it, due soon within the window', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 30 }), (deadline, offset, dueSoonDays) => {
        const asOf = addDays(deadline, offset);
        const { status, daysLeft } = deadlineStatus(deadline, asOf, dueSoonDays);
        expect(daysLeft).toBe(daysBetween(asOf, deadline));
        // concluding on asOf would still be on time exactly when the open item is not overdue
        expect(status === 'overdue').toBe(!isOnTime(asOf, deadline));
        expect(status === 'due_soon').toBe(daysLeft >= 0 && daysLeft <= dueSoonDays);
      }),
      { numRuns: 500 },
    );
  });
});
