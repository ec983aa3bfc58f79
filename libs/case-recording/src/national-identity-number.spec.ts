import fc from 'fast-check';
import {
  containsNationalIdentityNumber,
  isNationalIdentityNumber,
  mod11CheckDigit,
  uuidContainsNationalIdentityNumber,
} from './national-identity-number';

const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Completes nine leading digits with valid check digits, or undefined when no valid number exists. */
function complete(nine: number[]): string | undefined {
  const k1 = mod11CheckDigit(nine, K1);
  if (k1 === undefined) return undefined;
  const k2 = mod11CheckDigit([...nine, k1], K2);
  if (k2 === undefined) return undefined;
  return [...nine, k1, k2].join('');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Fødselsnummer (day 1–28) or D-nummer (day + 40) with any individual number. */
const validNumber = fc
  .record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 0, max: 99 }),
    individual: fc.integer({ min: 0, max: 999 }),
    dNumber: fc.boolean(),
  })
  .map(({ day, month, year, individual, dNumber }) => {
    const prefix = `${pad2(dNumber ? day + 40 : day)}${pad2(month)}${pad2(year)}${String(individual).padStart(3, '0')}`;
    return complete(Array.from(prefix, Number));
  })
  .filter((s): s is string => s !== undefined);

describe('isNationalIdentityNumber', () => {
  it('accepts known published test numbers', () => {
    // Skatteetaten's example fødselsnummer and a D-nummer derived with the same algorithm.
    expect(isNationalIdentityNumber('01010750160')).toBe(true);
    expect(isNationalIdentityNumber(complete(Array.from('410107501', Number)))).toBe(true);
  });

  it('accepts every generated fødselsnummer and D-nummer', () => {
    fc.assert(fc.property(validNumber, (s) => isNationalIdentityNumber(s)));
  });

  it('refuses a number with any single check digit changed', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 9, max: 10 }), fc.integer({ min: 1, max: 9 }), (s, at, delta) => {
        const digits = Array.from(s, Number);
        digits[at] = (digits[at] + delta) % 10;
        return !isNationalIdentityNumber(digits.join(''));
      }),
    );
  });

  it('accepts numbers of the series issued from 2032, whose first check digit leaves a remainder of 1, 2 or 3', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 1, max: 3 }),
        (nine, remainder) => {
          const weighted = nine.reduce((sum, digit, i) => sum + digit * K1[i], 0);
          const k1 = (((remainder - weighted) % 11) + 11) % 11;
          const k2 = k1 <= 9 ? mod11CheckDigit([...nine, k1], K2) : undefined;
          fc.pre(k1 <= 9 && k2 !== undefined);
          const number = [...nine, k1, k2].join('');
          // Not a number of the old series: only the 2032 rule recognises it.
          expect(mod11CheckDigit(nine, K1)).not.toBe(k1);
          expect(isNationalIdentityNumber(number)).toBe(true);
          // A remainder of 4 or more is no series': the same digits with the first check digit one further on fail.
          if (remainder === 3 && k1 < 9) {
            const beyond = [...nine, k1 + 1];
            const k2Beyond = mod11CheckDigit(beyond, K2);
            if (k2Beyond !== undefined) expect(isNationalIdentityNumber([...beyond, k2Beyond].join(''))).toBe(false);
          }
        },
      ),
    );
  });

  it.each([
    ['10 digits', '0101075016'],
    ['12 digits', '010107501600'],
    ['letters', '0101075016a'],
    ['spaces', '010107 50160'],
    ['empty', ''],
    ['wrong check digits', '01010750161'],
  ])('refuses %s', (_label, s) => {
    expect(isNationalIdentityNumber(s)).toBe(false);
  });

  it('refuses non-strings', () => {
    for (const v of [null, undefined, 1010750160, {}, []]) expect(isNationalIdentityNumber(v)).toBe(false);
  });

  it('finds a number embedded in a longer id', () => {
    expect(containsNationalIdentityNumber('case-01010750160')).toBe(true);
    expect(containsNationalIdentityNumber('01010750160_x')).toBe(true);
    expect(containsNationalIdentityNumber('case-01010750161')).toBe(false);
    expect(containsNationalIdentityNumber('c-123')).toBe(false);
  });
});

describe('containsNationalIdentityNumber', () => {
  // CONTRACT.md §1 (issue 16): "a run of digits longer than 11 is not one". This replaced the
  // earlier rule that found a number anywhere inside a longer run.
  it('does not count a run of more than eleven digits as one', () => {
    fc.assert(
      fc.property(validNumber, fc.stringMatching(/^\d{0,5}$/), fc.stringMatching(/^\d{0,5}$/), (s, before, after) => {
        fc.pre(before.length + after.length > 0);
        return !containsNationalIdentityNumber(`c-${before}${s}${after}`);
      }),
    );
    expect(containsNationalIdentityNumber('evt-1700000000000')).toBe(false);
  });

  it('finds one split into groups by any separators that are not letters', () => {
    const separators = fc.stringMatching(/^[ ._\-/\\:,;+|#*()]{1,3}$/);
    fc.assert(
      fc.property(validNumber, fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { maxLength: 4 }), separators, (s, cuts, sep) => {
        const at = [...cuts].sort((a, b) => a - b);
        const groups = [0, ...at].map((from, i) => s.slice(from, at[i] ?? 11));
        return containsNationalIdentityNumber(`id-${groups.join(sep)}_x`);
      }),
    );
    for (const written of ['010170-101-70', '01-01-70-10170', '01.01.70 10170', '010170/10170']) {
      const digits = written.replace(/\D/g, '');
      expect(containsNationalIdentityNumber(written)).toBe(isNationalIdentityNumber(digits));
    }
  });

  it('finds the written form with a space, dash, dot or underscore', () => {
    for (const sep of [' ', '-', '.', '_']) expect(containsNationalIdentityNumber(`x${'010107'}${sep}${'50160'}y`)).toBe(true);
    expect(containsNationalIdentityNumber('010107-50161')).toBe(false);
  });

  it('leaves ordinary pseudonyms alone', () => {
    for (const s of ['c-3201-000123', '2024-01-31T10:15:00.123456789+01:00', 'n-12345678', 'u1', 'c-1733356800000-42']) {
      expect(containsNationalIdentityNumber(s)).toBe(false);
    }
  });
});

describe('uuidContainsNationalIdentityNumber', () => {
  it('finds one hidden in the last group of a UUID', () => {
    expect(uuidContainsNationalIdentityNumber('00000000-0000-4000-8000-001017010170')).toBe(true);
    expect(uuidContainsNationalIdentityNumber('00000000-0000-4000-8000-010170101700')).toBe(true);
  });

  it('leaves counter-style and random UUIDs alone', () => {
    for (let n = 0; n < 5000; n += 7) {
      expect(uuidContainsNationalIdentityNumber(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`)).toBe(false);
    }
    expect(uuidContainsNationalIdentityNumber('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(false);
  });
});
