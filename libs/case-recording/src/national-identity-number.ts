/*
 * Norwegian national identity numbers: fødselsnummer and D-nummer (first digit + 4), also the
 * synthetic/H-numbers used in test systems. All share the two mod-11 check digits, and the check
 * digits are what we test: an id that merely *looks* like one must be refused too, because the
 * event log cannot be scrubbed afterwards (DOMAIN.md §6). Birth dates are deliberately not checked.
 */

const ELEVEN_DIGITS = /^\d{11}$/;
const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** A mod-11 check digit over the leading digits, or undefined when the remainder makes it impossible (10). */
export function mod11CheckDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i] * weights[i];
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : check;
}

export function isNationalIdentityNumber(s: unknown): boolean {
  if (typeof s !== 'string' || !ELEVEN_DIGITS.test(s)) return false;
  const digits = Array.from(s, Number);
  return mod11CheckDigit(digits, K1_WEIGHTS) === digits[9] && mod11CheckDigit(digits, K2_WEIGHTS) === digits[10];
}

/** The way people write them: birth date, a space or dash, then the personal number. */
const WRITTEN_FORM = /(?<!\d)(\d{6})[ ._-](\d{5})(?!\d)/g;

/**
 * True when `s` holds an identity number anywhere: any eleven consecutive digits that pass the
 * check digits, however many digits surround them (`case-010170123451` is the number plus a
 * counter, not a pseudonym), or the written form `DDMMYY NNNNN` / `DDMMYY-NNNNN`.
 */
export function containsNationalIdentityNumber(s: string): boolean {
  // Both forms need eleven digits; most strings a request carries (ids, dates, codes) have fewer,
  // and counting them is far cheaper than the two regex scans below.
  if (!hasElevenDigits(s)) return false;
  for (const run of s.match(/\d{11,}/g) ?? []) {
    for (let start = 0; start + 11 <= run.length; start++) {
      if (isNationalIdentityNumber(run.slice(start, start + 11))) return true;
    }
  }
  for (const m of s.matchAll(WRITTEN_FORM)) {
    if (isNationalIdentityNumber(m[1] + m[2])) return true;
  }
  return false;
}

function hasElevenDigits(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++digits === 11) return true;
  }
  return false;
}
