import fc from 'fast-check';
import { addMonths, fromDayNumber, toDayNumber } from '../deadlines/local-date';
import { addMonthsToDay } from './calendar';

describe('addMonthsToDay', () => {
  it('given any day and month count, then it lands where addMonths on the date does (month ends clamped, leap days)', () => {
    const days = fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2100-12-31') });
    fc.assert(
      fc.property(days, fc.integer({ min: -120, max: 120 }), (day, months) => {
        expect(addMonthsToDay(day, months)).toBe(toDayNumber(addMonths(fromDayNumber(day), months)));
      }),
      { numRuns: 5000 },
    );
  });

  it('given 31 January, then one month on is the last day of February', () => {
    expect(fromDayNumber(addMonthsToDay(toDayNumber('2024-01-31'), 1))).toBe('2024-02-29');
    expect(fromDayNumber(addMonthsToDay(toDayNumber('2023-01-31'), 1))).toBe('2023-02-28');
    expect(fromDayNumber(addMonthsToDay(toDayNumber('2024-05-31'), -3))).toBe('2024-02-29');
  });

  it('given a fractional month count, then it refuses as addMonths does', () => {
    expect(() => addMonthsToDay(0, 1.5)).toThrow(RangeError);
  });
});
