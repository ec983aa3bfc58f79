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

/** Stretches of a string without letters: an identity number is written with digits and separators only. */
const LETTERS = /\p{L}+/u;
const DIGIT_GROUP = /\d+/g;

/**
 * True when `s` holds an identity number anywhere: eleven digits that pass the check digits,
 * written together or split into groups by any separators that are not letters (`01017010170`,
 * `010170 10170`, `010170-101-70`, `01.01.70/10170`, `c-010170_10170`). A run of more than eleven
 * digits is not one (CONTRACT.md §1: a 13-digit timestamp in an id is a timestamp), and no group of
 * a written number is part of such a run.
 */
export function containsNationalIdentityNumber(s: string): boolean {
  // Most strings a request carries (ids, dates, codes) have fewer than eleven digits, and counting
  // them is far cheaper than splitting the string into groups.
  if (!hasElevenDigits(s)) return false;
  for (const candidate of candidateNumbers(s)) if (isNationalIdentityNumber(candidate)) return true;
  return false;
}

/**
 * The same test for a UUID (an `eventId` or an id in UUID form). Its groups are 8, 4, 4, 4 and 12
 * hex digits, so whole decimal groups never add up to eleven digits: a crafted UUID hides a number
 * in its last group (`…-8000-001017010170`). A window that starts or ends inside a group is a
 * random stretch of hex and is not read. Even so, the last group of about one random UUID in 280
 * is all decimal, and one in a few dozen of its windows pass the check digits, so a candidate must
 * also start with a possible birth date (day and month, also as D-, H- and synthetic numbers): then
 * about one honest UUID in 20 000 is refused, and a counter-style one (`…-000000000042`) never.
 */
export function uuidContainsNationalIdentityNumber(uuid: string): boolean {
  const last = uuid.slice(-12);
  if (!/^\d{12}$/.test(last)) return false;
  return [last.slice(0, 11), last.slice(1)].some(
    (candidate) => isNationalIdentityNumber(candidate) && startsWithPossibleBirthDate(candidate),
  );
}

/** Every eleven digits made of consecutive whole digit groups of a letter-free stretch. */
function* candidateNumbers(s: string): Generator<string> {
  for (const stretch of s.split(LETTERS)) {
    const groups = stretch.match(DIGIT_GROUP);
    if (!groups) continue;
    for (let first = 0; first < groups.length; first++) {
      let digits = '';
      for (let next = first; next < groups.length && digits.length < 11; next++) {
        if (groups[next].length > 11) break;
        digits += groups[next];
        if (digits.length === 11) yield digits;
      }
    }
  }
}

/** DDMM as fødselsnummer (day 1–31, month 1–12), D-nummer (day + 40), H-nummer (month + 40) or synthetic (month + 80). */
function startsWithPossibleBirthDate(number: string): boolean {
  const day = Number(number.slice(0, 2)) % 40;
  const month = Number(number.slice(2, 4)) % 40;
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && Number(number.slice(0, 2)) < 72;
}

function hasElevenDigits(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++digits === 11) return true;
  }
  return false;
}
