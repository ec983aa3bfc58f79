import type { LocalDate } from './api';

/*
 * Calendar arithmetic on `YYYY-MM-DD` strings via a proleptic Gregorian day number
 * (days since 1970-01-01). Deliberately avoids `Date`, so no host time zone can leak in.
 */

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function dayNumberOfInstant(instantMs: number): number {
  return Math.floor(instantMs / MS_PER_DAY);
}

/** Parses a calendar date, or returns undefined (wrong shape, or a day the month does not have). */
export function tryParseLocalDate(s: string): CivilDate | undefined {
  const m = LOCAL_DATE.exec(s);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isValidLocalDate(s: string): s is LocalDate {
  return tryParseLocalDate(s) !== undefined;
}

/** Fails loudly: a malformed date in deadline arithmetic is a bug upstream, never something to guess at. */
export function parseLocalDate(d: LocalDate): CivilDate {
  const parsed = tryParseLocalDate(d);
  if (parsed === undefined) throw new RangeError(`Not a valid calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`);
  return parsed;
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  if (year < 0 || year > 9999) throw new RangeError(`Year ${year} is outside 0000-9999`);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function toDayNumber(d: LocalDate): number {
  const { year, month, day } = parseLocalDate(d);
  return dayNumberFromCivil(year, month, day);
}

export function fromDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return formatLocalDate(year, month, day);
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  requireInteger(n, 'Number of days');
  return fromDayNumber(toDayNumber(d) + n);
}

/**
 * Calendar months per domstolloven § 148: the same day-of-month n months later, or the last day
 * of that month when it is shorter. Callers must add from the original base every time: months
 * do not compose (2023-11-30 + 3 = 2024-02-29, but + 6 = 2024-05-30, not 2024-05-29).
 */
export function addMonths(d: LocalDate, n: number): LocalDate {
  requireInteger(n, 'Number of months');
  const { year, month, day } = parseLocalDate(d);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatLocalDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** `to − from` in whole days: positive when `to` is later. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Negative/0/positive; validates both sides so a typo cannot sort silently. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}
