import type { LocalDate } from './api';
import { dayNumberFromCivil, fromDayNumber, toDayNumber, weekdayOfDayNumber } from './local-date';

/**
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * Returned as a day number (days since 1970-01-01).
 */
export function easterSundayDayNumber(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberFromCivil(year, month, day);
}

export function easterSunday(year: number): LocalDate {
  return fromDayNumber(easterSundayDayNumber(year));
}

/** Offsets from Easter Sunday of the movable Norwegian public holidays (helligdager, lov om helligdager og helligdagsfred § 2). */
const EASTER_OFFSETS = [
  -3, // skjærtorsdag (Maundy Thursday)
  -2, // langfredag (Good Friday)
  0, // første påskedag
  1, // andre påskedag
  39, // Kristi himmelfartsdag (Ascension)
  49, // første pinsedag (Whit Sunday)
  50, // andre pinsedag (Whit Monday)
] as const;

/** Fixed-date public holidays: nyttårsdag, 1. mai, 17. mai (grunnlovsdag), første og andre juledag. */
const FIXED_MONTH_DAYS = [
  [1, 1],
  [5, 1],
  [5, 17],
  [12, 25],
  [12, 26],
] as const;

// Roll-forward may probe many days per deadline across a whole projection; the per-year set is tiny.
const holidayCache = new Map<number, ReadonlySet<number>>();

function holidaysOfYear(year: number): ReadonlySet<number> {
  let days = holidayCache.get(year);
  if (days === undefined) {
    const easter = easterSundayDayNumber(year);
    const set = new Set<number>(EASTER_OFFSETS.map((offset) => easter + offset));
    for (const [month, day] of FIXED_MONTH_DAYS) set.add(dayNumberFromCivil(year, month, day));
    days = set;
    holidayCache.set(year, days);
  }
  return days;
}

export function isNorwegianPublicHoliday(d: LocalDate): boolean {
  const dayNumber = toDayNumber(d);
  return holidaysOfYear(Number(d.slice(0, 4))).has(dayNumber);
}

export function isWeekendOrNorwegianPublicHoliday(d: LocalDate): boolean {
  const dayNumber = toDayNumber(d);
  const weekday = weekdayOfDayNumber(dayNumber);
  return weekday === 0 || weekday === 6 || holidaysOfYear(Number(d.slice(0, 4))).has(dayNumber);
}

/** domstolloven § 149: a deadline ending on a weekend or public holiday runs to the next working day. */
export function nextWorkingDayOnOrAfter(d: LocalDate): LocalDate {
  let current = d;
  while (isWeekendOrNorwegianPublicHoliday(current)) current = fromDayNumber(toDayNumber(current) + 1);
  return current;
}
