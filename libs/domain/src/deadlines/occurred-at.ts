import type { LocalDate } from './api';
import {
  civilFromDayNumber,
  dayNumberFromCivil,
  daysInMonth,
  dayNumberOfInstant,
  formatLocalDate,
  isValidLocalDate,
  weekdayOfDayNumber,
} from './local-date';

/*
 * `occurredAt` (CONTRACT.md §1) is either an instant with an explicit offset or `Z`, or a plain
 * date that already is an Oslo calendar date. Offset-less date-times are refused: whether
 * "2024-03-31T23:30" is the 31st or the 1st in Oslo depends on a zone the sender did not state.
 */

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const OFFSETLESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Real-world offsets stay within ±14:00; ±18:00 is the widest any ISO library accepts. */
const MAX_OFFSET_MINUTES = 18 * 60;

const CHAR_T = 84;
const CHAR_Z = 90;
const CHAR_COLON = 58;
const CHAR_DOT = 46;
const CHAR_DASH = 45;
const CHAR_PLUS = 43;

export type ParsedOccurredAt = { ok: true; instantMs?: number; date: LocalDate } | { ok: false; reason: string };

/** Shape and calendar check only; a true result means a real Oslo date. */
export function isPlainDate(s: string): boolean {
  return PLAIN_DATE.test(s) && isValidLocalDate(s);
}

function digitAt(s: string, i: number): number {
  // Past the end charCodeAt gives NaN, which fails both comparisons.
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

function twoDigitsAt(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Only reached for malformed input, so clarity beats speed here. */
function malformed(s: string): ParsedOccurredAt {
  if (OFFSETLESS_DATE_TIME.test(s)) {
    return { ok: false, reason: 'date-time without offset; add Z or ±HH:MM, or send a plain date YYYY-MM-DD' };
  }
  return { ok: false, reason: 'must be an ISO-8601 date-time with offset (e.g. 2024-03-01T10:15:00+01:00) or a date YYYY-MM-DD' };
}

function notCalendarDate(s: string): ParsedOccurredAt {
  return { ok: false, reason: `${s.slice(0, 10)} is not a calendar date` };
}

/**
 * Validates an `occurredAt` and resolves it to its Oslo date (and, for instants, epoch ms,
 * truncated to whole milliseconds). Never throws, so request validation can collect every reason.
 * Accepts `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`.
 * Scanned by hand rather than by regex: projections call this for every event they replay.
 */
export function parseOccurredAt(s: string): ParsedOccurredAt {
  if (typeof s !== 'string') return { ok: false, reason: 'must be a string' };
  const centuries = twoDigitsAt(s, 0);
  const yearOfCentury = twoDigitsAt(s, 2);
  const month = twoDigitsAt(s, 5);
  const day = twoDigitsAt(s, 8);
  if (centuries < 0 || yearOfCentury < 0 || month < 0 || day < 0) return malformed(s);
  if (s.charCodeAt(4) !== CHAR_DASH || s.charCodeAt(7) !== CHAR_DASH) return malformed(s);
  const length = s.length;
  const year = centuries * 100 + yearOfCentury;
  const isCalendarDate = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (length === 10) return isCalendarDate ? { ok: true, date: s } : notCalendarDate(s);

  if (s.charCodeAt(10) !== CHAR_T || s.charCodeAt(13) !== CHAR_COLON) return malformed(s);
  const hour = twoDigitsAt(s, 11);
  const minute = twoDigitsAt(s, 14);
  if (hour < 0 || minute < 0) return malformed(s);
  let second = 0;
  let millis = 0;
  let pos = 16;
  if (s.charCodeAt(pos) === CHAR_COLON) {
    second = twoDigitsAt(s, 17);
    if (second < 0) return malformed(s);
    pos = 19;
    if (s.charCodeAt(pos) === CHAR_DOT) {
      const fractionStart = ++pos;
      for (let digit = digitAt(s, pos); digit >= 0; digit = digitAt(s, ++pos)) {
        // Sub-millisecond digits are validated but dropped.
        if (pos - fractionStart < 3) millis = millis * 10 + digit;
      }
      const fractionDigits = pos - fractionStart;
      millis *= fractionDigits === 1 ? 100 : fractionDigits === 2 ? 10 : 1;
      if (fractionDigits < 1 || fractionDigits > 9) return malformed(s);
    }
  }
  let offsetMinutes = 0;
  let offsetMinutesField = 0;
  const designator = s.charCodeAt(pos);
  if (designator === CHAR_Z && pos + 1 === length) {
    offsetMinutes = 0;
  } else if ((designator === CHAR_PLUS || designator === CHAR_DASH) && pos + 6 === length && s.charCodeAt(pos + 3) === CHAR_COLON) {
    const offsetHours = twoDigitsAt(s, pos + 1);
    offsetMinutesField = twoDigitsAt(s, pos + 4);
    if (offsetHours < 0 || offsetMinutesField < 0) return malformed(s);
    offsetMinutes = (designator === CHAR_DASH ? -1 : 1) * (offsetHours * 60 + offsetMinutesField);
  } else {
    return malformed(s);
  }

  if (!isCalendarDate) return notCalendarDate(s);
  // Leap seconds and 24:00 are refused rather than normalised: neither is needed for case events.
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'time of day out of range' };
  if (offsetMinutesField > 59) return { ok: false, reason: 'offset minutes out of range' };
  if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return { ok: false, reason: 'offset out of range (max ±18:00)' };
  const instantMs =
    dayNumberFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * 1000 +
    millis -
    offsetMinutes * MS_PER_MINUTE;
  return { ok: true, instantMs, date: osloDateOfInstant(instantMs) };
}

/** The Oslo calendar date of an `occurredAt`. Throws on input `parseOccurredAt` would refuse. */
export function osloDateOf(occurredAt: string): LocalDate {
  const parsed = parseOccurredAt(occurredAt);
  if (!parsed.ok) throw new RangeError(`Invalid occurredAt ${JSON.stringify(occurredAt)}: ${parsed.reason}`);
  return parsed.date;
}

/**
 * Order for "not dated before the event it refers to": instants when both sides have a time;
 * otherwise Oslo dates, so a plain date on the same day as an instant is never earlier.
 */
export function compareOccurredAt(a: string, b: string): number {
  const pa = parseOccurredAt(a);
  if (!pa.ok) throw new RangeError(`Invalid occurredAt ${JSON.stringify(a)}: ${pa.reason}`);
  const pb = parseOccurredAt(b);
  if (!pb.ok) throw new RangeError(`Invalid occurredAt ${JSON.stringify(b)}: ${pb.reason}`);
  if (pa.instantMs !== undefined && pb.instantMs !== undefined) return Math.sign(pa.instantMs - pb.instantMs);
  // Valid LocalDates order lexicographically.
  return pa.date < pb.date ? -1 : pa.date > pb.date ? 1 : 0;
}

export function osloDateOfInstant(instantMs: number): LocalDate {
  return localDateOfDayNumber(dayNumberOfInstant(instantMs + osloOffsetMinutes(instantMs) * MS_PER_MINUTE));
}

// Events cluster on relatively few days, so formatting each day once pays; the bound keeps memory flat.
const DATE_CACHE_LIMIT = 100_000;
const dateCache = new Map<number, LocalDate>();

function localDateOfDayNumber(dayNumber: number): LocalDate {
  let date = dateCache.get(dayNumber);
  if (date === undefined) {
    const { year, month, day } = civilFromDayNumber(dayNumber);
    date = formatLocalDate(year, month, day);
    if (dateCache.size >= DATE_CACHE_LIMIT) dateCache.clear();
    dateCache.set(dayNumber, date);
  }
  return date;
}

/*
 * Oslo offset by arithmetic rather than Intl: projections resolve millions of dates, and the
 * rules have been stable since 1981 (EU summer time, switching at 01:00 UTC). Earlier instants
 * (never valid as case events, which start 1993-01-01) defer to tzdata through a cached formatter.
 */
const FIRST_ARITHMETIC_YEAR = 1981;
/** From 1996 summer time ends in October; 1981–1995 it ended on the last Sunday of September. */
const OCTOBER_END_FROM_YEAR = 1996;
const MS_PER_MEAN_YEAR = 365.2425 * MS_PER_DAY;

function lastSundayDayNumber(year: number, month: number): number {
  const lastDay = dayNumberFromCivil(year, month, daysInMonth(year, month));
  return lastDay - weekdayOfDayNumber(lastDay);
}

// Replays mostly run in time order, so the previous year's switch instants are usually the ones needed.
let cachedYear = Number.NaN;
let cachedSummerStart = 0;
let cachedSummerEnd = 0;

/** Minutes east of UTC in Europe/Oslo at the instant: 120 in summer time, otherwise 60. */
export function osloOffsetMinutes(instantMs: number): number {
  // The mean-year estimate is off by at most two days around New Year, when summer time never applies.
  const year = Math.floor(instantMs / MS_PER_MEAN_YEAR) + 1970;
  if (year < FIRST_ARITHMETIC_YEAR) return tzdataOsloOffsetMinutes(instantMs);
  if (year !== cachedYear) {
    cachedSummerStart = lastSundayDayNumber(year, 3) * MS_PER_DAY + MS_PER_HOUR;
    cachedSummerEnd = lastSundayDayNumber(year, year >= OCTOBER_END_FROM_YEAR ? 10 : 9) * MS_PER_DAY + MS_PER_HOUR;
    cachedYear = year;
  }
  return instantMs >= cachedSummerStart && instantMs < cachedSummerEnd ? 120 : 60;
}

let osloFormatter: Intl.DateTimeFormat | undefined;

function tzdataOsloOffsetMinutes(instantMs: number): number {
  osloFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Oslo',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const fields: Record<string, number> = {};
  for (const part of osloFormatter.formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const localAsUtc =
    dayNumberFromCivil(fields.year, fields.month, fields.day) * MS_PER_DAY +
    fields.hour * MS_PER_HOUR +
    fields.minute * MS_PER_MINUTE +
    fields.second * 1000;
  return Math.round((localAsUtc - (instantMs - (((instantMs % 1000) + 1000) % 1000))) / MS_PER_MINUTE);
}
