import fc from 'fast-check';
import { containsNationalIdentityNumber, isNationalIdentityNumber, mod11CheckDigit } from './national-identity-number';

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
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), fc.integer({ min: 1, max: 3 }), (nine, remainder) => {
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
      }),
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
  it('finds a number inside a longer run of digits', () => {
    fc.assert(
      fc.property(validNumber, fc.stringMatching(/^\d{0,5}$/), fc.stringMatching(/^\d{0,5}$/), (s, before, after) =>
        containsNationalIdentityNumber(`c-${before}${s}${after}`),
      ),
    );
  });

  it('finds the written form with a space, dash, dot or underscore', () => {
    for (const sep of [' ', '-', '.', '_']) expect(containsNationalIdentityNumber(`x${'010107'}${sep}${'50160'}y`)).toBe(true);
    expect(containsNationalIdentityNumber('010107-50161')).toBe(false);
  });

  it('leaves ordinary pseudonyms alone', () => {
    for (const s of ['c-3201-000123', '2024-01-31T10:15:00.123456789+01:00', 'n-12345678', 'u1']) {
      expect(containsNationalIdentityNumber(s)).toBe(false);
    }
  });
});
