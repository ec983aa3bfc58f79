import fc from 'fast-check';
import { compareOccurredAt, isPlainDate, osloDateOf, osloDateOfInstant, osloOffsetMinutes, parseOccurredAt } from './occurred-at';

/** tzdata reference (slow path) to check the DST arithmetic against. */
const intlOsloDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const intlOsloHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' });
const intlOffsetMinutes = (ms: number): number => {
  const osloHour = Number(intlOsloHour.format(ms));
  return ((((osloHour - new Date(ms).getUTCHours()) % 24) + 24) % 24) * 60;
};

const HOUR = 3_600_000;

describe('osloDateOf', () => {
  it.each([
    // the examples from the brief: same instant, different days depending on the offset written
    ['2024-03-31T23:30:00+02:00', '2024-03-31'],
    ['2024-03-31T22:30:00Z', '2024-04-01'],
    // DST start days: 01:00 UTC is the switch
    ['2024-03-31T00:30:00Z', '2024-03-31'],
    ['2024-03-31T01:30:00+01:00', '2024-03-31'],
    ['2024-03-31T03:30:00+02:00', '2024-03-31'],
    ['2024-03-30T23:30:00Z', '2024-03-31'],
    ['2024-03-30T22:59:59Z', '2024-03-30'],
    ['2023-03-26T21:59:59Z', '2023-03-26'],
    ['2023-03-26T22:00:00Z', '2023-03-27'],
    ['2023-03-25T22:59:59Z', '2023-03-25'],
    ['2023-03-25T23:00:00Z', '2023-03-26'],
    // a wall-clock time in the wrong offset is still that instant: 22:30Z on 25 March is 23:30 in Oslo
    ['2023-03-26T00:30:00+02:00', '2023-03-25'],
    // DST end days: the ambiguous 02:xx hour exists twice, both on the same date
    ['2024-10-27T02:30:00+02:00', '2024-10-27'],
    ['2024-10-27T02:30:00+01:00', '2024-10-27'],
    ['2024-10-27T21:59:59Z', '2024-10-27'],
    ['2024-10-27T22:30:00Z', '2024-10-27'],
    ['2024-10-27T22:59:59.999Z', '2024-10-27'],
    ['2024-10-27T23:00:00Z', '2024-10-28'],
    ['2024-10-26T21:59:59Z', '2024-10-26'],
    ['2024-10-26T22:00:00Z', '2024-10-27'],
    ['2023-10-29T22:30:00Z', '2023-10-29'],
    ['2023-10-29T23:00:00Z', '2023-10-30'],
    ['2023-10-28T22:00:00Z', '2023-10-29'],
    // summer and winter midnights, month and year ends
    ['2024-06-30T21:59:59Z', '2024-06-30'],
    ['2024-06-30T22:00:00Z', '2024-07-01'],
    ['2023-12-31T22:59:59Z', '2023-12-31'],
    ['2023-12-31T23:00:00Z', '2024-01-01'],
    ['2024-02-28T23:30:00Z', '2024-02-29'],
    ['2023-02-28T23:30:00Z', '2023-03-01'],
    ['2022-12-31T23:30:00Z', '2023-01-01'],
    // other offsets
    ['2023-12-31T19:30:00-05:00', '2024-01-01'],
    ['2024-01-01T00:30:00-05:00', '2024-01-01'],
    ['2024-01-01T07:30:00+09:00', '2023-12-31'],
    ['2024-01-01T08:30:00+09:00', '2024-01-01'],
    ['2024-03-01T10:15Z', '2024-03-01'],
    ['2024-03-01T10:15:00.123456789+01:00', '2024-03-01'],
    // 1993-1995: summer time still ended on the last Sunday of September
    ['1995-09-23T22:30:00Z', '1995-09-24'],
    ['1995-09-24T22:30:00Z', '1995-09-24'],
    ['1995-10-20T22:30:00Z', '1995-10-20'],
    // plain dates are already Oslo dates
    ['2024-03-31', '2024-03-31'],
    ['2024-02-29', '2024-02-29'],
  ])('given occurredAt %s when resolving then the Oslo date is %s', (occurredAt, expected) => {
    expect(osloDateOf(occurredAt)).toBe(expected);
  });

  it.each([['2024-03-31T23:30:00'], ['2023-02-29'], ['yesterday']])(
    'given the invalid occurredAt %s when resolving then it throws',
    (bad) => {
      expect(() => osloDateOf(bad)).toThrow(/Invalid occurredAt/);
    },
  );

  it('given random instants 1981-2100 when resolving then the arithmetic agrees with tzdata (Intl)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1981, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(osloDateOfInstant(ms)).toBe(intlOsloDate.format(ms));
        expect(osloDateOf(new Date(ms).toISOString())).toBe(intlOsloDate.format(ms));
      }),
      { numRuns: 5000 },
    );
  });

  it('given instants around every DST switch 1993-2060 when resolving then the offset agrees with tzdata', () => {
    for (let year = 1993; year <= 2060; year++) {
      for (const month of [2, 8, 9]) {
        // scan the last eight days of March / September / October hour by hour around 01:00 UTC
        for (let day = 24; day <= (month === 8 ? 30 : 31); day++) {
          for (const ms of [-HOUR - 1, -1, 0, 1, HOUR, 21 * HOUR, 22 * HOUR, 23 * HOUR - 1].map(
            (delta) => Date.UTC(year, month, day, 1) + delta,
          )) {
            expect(osloOffsetMinutes(ms)).toBe(intlOffsetMinutes(ms));
            expect(osloDateOfInstant(ms)).toBe(intlOsloDate.format(ms));
          }
        }
      }
    }
  });

  // Current tzdata links Europe/Oslo to Europe/Berlin, so pre-1970 Norwegian history is not reproduced;
  // case events start in 1993, and this only guards the fallback's plumbing.
  it('given instants before 1981 when resolving then the result follows tzdata (Intl)', () => {
    for (const iso of ['1965-06-01T22:30:00Z', '1970-06-01T22:30:00Z', '1980-12-31T23:30:00Z', '1962-01-01T12:00:00Z']) {
      const ms = Date.parse(iso);
      expect(osloDateOfInstant(ms)).toBe(intlOsloDate.format(ms));
    }
    expect(osloDateOfInstant(Date.parse('1970-06-01T22:30:00Z'))).toBe('1970-06-01');
    expect(osloDateOfInstant(Date.parse('1980-12-31T23:30:00Z'))).toBe('1981-01-01');
  });
});

describe('parseOccurredAt', () => {
  it.each([
    ['2024-03-01T10:15:00+01:00', '2024-03-01'],
    ['2024-03-01T10:15:00Z', '2024-03-01'],
    ['2024-03-01T10:15Z', '2024-03-01'],
    ['2024-03-01T10:15:00.5Z', '2024-03-01'],
    ['2024-03-01T10:15:00.123456789-03:30', '2024-03-01'],
    ['2024-03-01T10:15:00-00:00', '2024-03-01'],
    ['2024-02-29T12:00:00+14:00', '2024-02-28'],
  ])('given the instant %s when parsing then it is accepted with the instant and Oslo date %s', (s, date) => {
    const parsed = parseOccurredAt(s);
    expect(parsed).toEqual({ ok: true, instantMs: Date.parse(s), date });
  });

  it.each([['2024-03-01'], ['2024-02-29'], ['2000-02-29']])(
    'given the plain date %s when parsing then it is accepted as that date without an instant',
    (s) => {
      expect(parseOccurredAt(s)).toEqual({ ok: true, date: s });
    },
  );

  it.each([
    ['2024-03-01T10:15:00', /without offset/],
    ['2024-03-01T10:15', /without offset/],
    ['2024-03-01T10:15:00.123', /without offset/],
    ['2023-02-29', /not a calendar date/],
    ['2023-02-29T10:00:00Z', /not a calendar date/],
    ['2024-04-31', /not a calendar date/],
    ['2024-13-01', /not a calendar date/],
    ['2024-00-10', /not a calendar date/],
    ['2024-01-00', /not a calendar date/],
    ['2024-01-01T24:00:00Z', /time of day/],
    ['2024-01-01T10:60:00Z', /time of day/],
    ['2024-01-01T10:00:60Z', /time of day/],
    ['2024-01-01T10:00:00+19:00', /offset out of range/],
    ['2024-01-01T10:00:00+01:60', /offset minutes/],
    ['2024-01-01T10:00:00+0100', /ISO-8601/],
    ['2024-01-01T10:00:00+01', /ISO-8601/],
    ['2024-01-01 10:00:00Z', /ISO-8601/],
    ['2024-01-01t10:00:00z', /ISO-8601/],
    ['2024-01-01Z', /ISO-8601/],
    ['2024-01-01T10:00:00.Z', /ISO-8601/],
    ['2024-01-01T10:00:00.1234567890Z', /ISO-8601/],
    ['2024-01-01T10:00:00Zx', /ISO-8601/],
    ['2024-01-01T10:00:00+01:00x', /ISO-8601/],
    ['2024-01-01T1a:00:00Z', /ISO-8601/],
    ['2024-01-01T10:00:00+01:0', /ISO-8601/],
    ['2024-1-01', /ISO-8601/],
    ['24-01-01', /ISO-8601/],
    [' 2024-01-01', /ISO-8601/],
    ['2024-01-01\n', /ISO-8601/],
    ['', /ISO-8601/],
    ['garbage', /ISO-8601/],
    ['1709284500000', /ISO-8601/],
  ])('given %j when parsing then it is refused with a reason matching %s', (s, reason) => {
    const parsed = parseOccurredAt(s);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('given any instant with any offset when parsing then it is accepted and agrees with Date.parse', () => {
    const offset = fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45))
        .map(([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    );
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1993, 0, 1), max: Date.UTC(2100, 0, 1) }), offset, (ms, tz) => {
        const s = new Date(ms).toISOString().slice(0, 23) + tz;
        const parsed = parseOccurredAt(s);
        expect(parsed).toEqual({ ok: true, instantMs: Date.parse(s), date: osloDateOfInstant(Date.parse(s)) });
      }),
      { numRuns: 2000 },
    );
  });

  it('given arbitrary text when parsing then it never throws and only accepts what Date.parse also reads', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{0,10})?)?)?(Z|[+-]\d{2}:\d{2})?$/)),
        (s) => {
          const parsed = parseOccurredAt(s);
          if (parsed.ok && parsed.instantMs !== undefined) expect(parsed.instantMs).toBe(Date.parse(s));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('given a non-string when parsing then it is refused instead of throwing', () => {
    expect(parseOccurredAt(1709284500000 as unknown as string)).toEqual({ ok: false, reason: 'must be a string' });
  });
});

describe('isPlainDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-02-29T10:00:00Z', false],
    ['2024-2-29', false],
  ])('given %s when checking then it is %s', (s, expected) => {
    expect(isPlainDate(s)).toBe(expected);
  });
});

describe('compareOccurredAt', () => {
  it.each([
    // both instants: compare instants, whatever the offsets
    ['2024-03-01T10:00:00+01:00', '2024-03-01T09:30:00Z', -1],
    ['2024-03-01T10:00:00+01:00', '2024-03-01T09:00:00Z', 0],
    ['2024-03-01T10:00:00.001Z', '2024-03-01T10:00:00Z', 1],
    ['2024-03-31T23:30:00+02:00', '2024-03-31T22:30:00Z', -1],
    // a plain date on the same Oslo day is never earlier, either way round
    ['2024-03-01', '2024-03-01T23:59:00+01:00', 0],
    ['2024-03-01T00:00:00+01:00', '2024-03-01', 0],
    // same Oslo day although the UTC date differs
    ['2024-03-01', '2024-02-29T23:30:00Z', 0],
    ['2024-04-01', '2024-03-31T22:30:00Z', 0],
    // different Oslo days
    ['2024-02-29', '2024-03-01T00:10:00+01:00', -1],
    ['2024-03-02', '2024-03-01T22:59:00Z', 1],
    ['2024-03-01T22:59:00Z', '2024-03-02', -1],
    ['2024-03-01T23:00:00Z', '2024-03-02', 0],
    // two plain dates
    ['2024-03-01', '2024-03-02', -1],
    ['2024-03-02', '2024-03-02', 0],
    ['2024-12-31', '2024-03-02', 1],
  ])('given %s and %s when comparing then the sign is %i', (a, b, sign) => {
    expect(Math.sign(compareOccurredAt(a, b))).toBe(sign);
    expect(Math.sign(compareOccurredAt(b, a))).toBe(-sign || 0);
  });

  it('given an invalid side when comparing then it throws naming the value', () => {
    expect(() => compareOccurredAt('2024-03-01T10:00:00', '2024-03-01')).toThrow(/2024-03-01T10:00:00/);
    expect(() => compareOccurredAt('2024-03-01', '2023-02-29')).toThrow(/2023-02-29/);
  });

  it('given random occurredAt values when comparing then the order is antisymmetric', () => {
    const occurredAt = fc.oneof(
      fc.integer({ min: Date.UTC(1993, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms).toISOString()),
      fc.integer({ min: Date.UTC(1993, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
    );
    fc.assert(
      fc.property(occurredAt, occurredAt, (a, b) => {
        expect(Math.sign(compareOccurredAt(a, b))).toBe(-Math.sign(compareOccurredAt(b, a)) || 0);
      }),
    );
  });
});
