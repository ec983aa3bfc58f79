/*
 * Norwegian national identity numbers: fødselsnummer and D-nummer (first digit + 4), also the
 * synthetic/H-numbers used in test systems, of the series before and from 2032. All share the two
 * mod-11 check digits, and the check digits are what we test: an id that merely *looks* like one
 * must be refused too, because the event log cannot be scrubbed afterwards (DOMAIN.md §6). Birth
 * dates are deliberately not checked.
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

/**
 * Whether `s` passes the check digits of a fødselsnummer or D-nummer, as issued before or from
 * 1 January 2032. From 2032 the Folkeregister also issues numbers whose first check digit leaves a
 * remainder of 1, 2 or 3 (the weighted sum of the first ten digits, K1 weighted 1, mod 11), where
 * older numbers always leave 0; the second check digit is computed as before. Both are recognised
 * now: an event written today is kept for decades, and a number of the new series must not get in
 * on the day it is first issued.
 */
export function isNationalIdentityNumber(s: unknown): boolean {
  if (typeof s !== 'string' || !ELEVEN_DIGITS.test(s)) return false;
  const digits = Array.from(s, Number);
  return firstCheckRemainder(digits) <= MAX_FIRST_CHECK_REMAINDER && mod11CheckDigit(digits, K2_WEIGHTS) === digits[10];
}

/** 0 for every number issued before 2032; 0–3 from 2032 (Skatteetaten, "Nye fødselsnummer og d-nummer fra 2032"). */
const MAX_FIRST_CHECK_REMAINDER = 3;

function firstCheckRemainder(digits: readonly number[]): number {
  let sum = digits[9];
  for (let i = 0; i < K1_WEIGHTS.length; i++) sum += digits[i] * K1_WEIGHTS[i];
  return sum % 11;
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
