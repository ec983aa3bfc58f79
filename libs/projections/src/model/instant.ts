/*
 * recordedAt → epoch ms, once per event in a rebuild. The store writes recordedAt with
 * `toISOString()` (YYYY-MM-DDTHH:mm:ss.sssZ); read digit by digit, that spelling costs a third of
 * Date.parse. Anything else, or a field where Date.parse could disagree (day 29–31 rolled over,
 * hour 24), goes to Date.parse, so the result is always Date.parse's.
 */

export function parseInstant(s: string): number {
  if (s.length !== 24 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || s.charCodeAt(10) !== T || s.charCodeAt(13) !== COLON)
    return Date.parse(s);
  if (s.charCodeAt(16) !== COLON || s.charCodeAt(19) !== DOT || s.charCodeAt(23) !== Z) return Date.parse(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const ms = digits(s, 20, 3);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    ms < 0
  ) {
    return Date.parse(s);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const T = 84;
const Z = 90;

/** The decimal number in s[from, from + count), or -1 if a character there is not a digit. */
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
