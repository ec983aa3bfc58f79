import fc from 'fast-check';
import { addDays, addMonths, compareLocalDates, daysBetween, fromDayNumber, isValidLocalDate, toDayNumber } from './local-date';

/** Reference arithmetic through UTC `Date`, independent of the day-number implementation. */
const viaUtcDate = (d: string, days: number): string =>
  new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)) + days)).toISOString().slice(0, 10);

const localDateArb = fc
  .date({ min: new Date('1993-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('addDays', () => {
  it.each([
    ['2024-01-31', 7, '2024-02-07'],
    ['2024-02-22', 7, '2024-02-29'],
    ['2023-02-22', 7, '2023-03-01'],
    ['2023-12-28', 7, '2024-01-04'],
    ['2024-03-31', 1, '2024-04-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-05-24', 0, '2024-05-24'],
    ['2024-01-31', 97, '2024-05-07'],
  ])('given %s when adding %i days then the date is %s', (base, n, expected) => {
    expect(addDays(base, n)).toBe(expected);
  });

  it('given any date and offset when adding days then it agrees with UTC Date arithmetic', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        expect(addDays(d, n)).toBe(viaUtcDate(d, n));
      }),
    );
  });

  it.each([['2023-02-29'], ['2024-1-01'], ['garbage'], ['2024-01-01T00:00:00Z']])(
    'given the invalid date %s when adding days then it throws',
    (bad) => {
      expect(() => addDays(bad, 1)).toThrow(RangeError);
    },
  );

  it('given a fractional day count when adding days then it throws', () => {
    expect(() => addDays('2024-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addMonths (domstolloven § 148)', () => {
  it.each([
    // the same day-of-month exists
    ['2024-02-07', 3, '2024-05-07'],
    ['2024-10-31', 3, '2025-01-31'],
    ['2024-05-31', 3, '2024-08-31'],
    // 31st into shorter months
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-08-31', 3, '2024-11-30'],
    ['2023-12-31', 6, '2024-06-30'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    // 29/30 into February, leap and non-leap
    ['2023-11-30', 3, '2024-02-29'],
    ['2022-11-30', 3, '2023-02-28'],
    ['2023-11-29', 3, '2024-02-29'],
    ['2022-11-29', 3, '2023-02-28'],
    // from 29 February
    ['2024-02-29', 3, '2024-05-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    // backwards and zero
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-01-15', 0, '2024-01-15'],
  ])('given %s when adding %i months then the date is %s', (base, n, expected) => {
    expect(addMonths(base, n)).toBe(expected);
  });

  it.each([
    ['2023-11-30', '2024-05-30', '2024-05-29'],
    ['2024-01-31', '2024-07-31', '2024-07-30'],
  ])('given %s when adding 6 months then it is %s from the base, not %s by chaining 3 + 3', (base, six, chained) => {
    expect(addMonths(base, 6)).toBe(six);
    expect(addMonths(addMonths(base, 3), 3)).toBe(chained);
  });

  it('given any date when adding months then the day-of-month is kept or clamped to the month end', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -24, max: 24 }), (d, n) => {
        const result = addMonths(d, n);
        const monthsApart = (Number(result.slice(0, 4)) - Number(d.slice(0, 4))) * 12 + Number(result.slice(5, 7)) - Number(d.slice(5, 7));
        expect(monthsApart).toBe(n);
        const day = Number(d.slice(8, 10));
        const resultDay = Number(result.slice(8, 10));
        if (resultDay !== day) {
          expect(resultDay).toBeLessThan(day);
          expect(addDays(result, 1).slice(8, 10)).toBe('01');
        }
      }),
    );
  });

  it('given any date when chaining month additions then the result is never later than adding from the base', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), (d, a, b) => {
        expect(compareLocalDates(addMonths(addMonths(d, a), b), addMonths(d, a + b))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('given an invalid base when adding months then it throws', () => {
    expect(() => addMonths('2023-02-29', 3)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2024-01-31', '2024-02-07', 7],
    ['2024-02-07', '2024-01-31', -7],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-05-07', '2024-05-07', 0],
    ['2024-05-08', '2024-06-30', 53],
    ['2022-12-31', '2023-01-01', 1],
  ])('given from %s and to %s when counting then it is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('given any date and offset when counting back then daysBetween inverts addDays', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe('calendar validation and day numbers', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-00-01', false],
    ['2024-13-01', false],
    ['2024-01-00', false],
    ['2024-1-1', false],
    ['', false],
  ])('given %s when validating then validity is %s', (d, valid) => {
    expect(isValidLocalDate(d)).toBe(valid);
  });

  it('given the epoch when converting then the day number is 0 and round-trips', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('1969-12-31'))).toBe('1969-12-31');
    expect(fromDayNumber(toDayNumber('2400-02-29'))).toBe('2400-02-29');
  });
});
