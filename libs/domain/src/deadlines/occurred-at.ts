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

// Seconds and fraction optional (ISO-8601 extended format); offset always `Z` or `±HH:MM`.
const OCCURRED_AT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2})))?$/;
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Real-world offsets stay within ±14:00; ±18:00 is the widest any ISO library accepts. */
const MAX_OFFSET_MINUTES = 18 * 60;

export type ParsedOccurredAt =
  | { ok: true; instantMs?: number; date: LocalDate }
  | { ok: false; reason: string };

/** Shape and calendar check only; a true result means a real Oslo date. */
export function isPlainDate(s: string): boolean {
  return PLAIN_DATE.test(s) && isValidLocalDate(s);
}

/**
 * Validates an `occurredAt` and resolves it to its Oslo date (and, for instants, epoch ms,
 * truncated to whole milliseconds). Never throws, so request validation can collect every reason.
 */
export function parseOccurredAt(s: string): ParsedOccurredAt {
  if (typeof s !== 'string') return { ok: false, reason: 'must be a string' };
  const m = OCCURRED_AT.exec(s);
  if (m === null) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) {
      return { ok: false, reason: 'date-time without offset; add Z or ±HH:MM, or send a plain date YYYY-MM-DD' };
    }
    return { ok: false, reason: 'must be an ISO-8601 date-time with offset (e.g. 2024-03-01T10:15:00+01:00) or a date YYYY-MM-DD' };
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `${m[1]}-${m[2]}-${m[3]} is not a calendar date` };
  }
  if (m[4] === undefined) return { ok: true, date: s };

  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  // Leap seconds and 24:00 are refused rather than normalised: neither is needed for case events.
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'time of day out of range' };
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetMins > 59) return { ok: false, reason: 'offset minutes out of range' };
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return { ok: false, reason: 'offset out of range (max ±18:00)' };
  }
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
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
  const { year, month, day } = civilFromDayNumber(dayNumberOfInstant(instantMs + osloOffsetMinutes(instantMs) * MS_PER_MINUTE));
  return formatLocalDate(year, month, day);
}

/*
 * Oslo offset by arithmetic rather than Intl: projections resolve millions of dates, and the
 * rules have been stable since 1981 (EU summer time, switching at 01:00 UTC). Earlier instants
 * (never valid as case events, which start 1993-01-01) defer to tzdata through a cached formatter.
 */
const FIRST_ARITHMETIC_YEAR = 1981;
/** From 1996 summer time ends in October; 1981–1995 it ended on the last Sunday of September. */
const OCTOBER_END_FROM_YEAR = 1996;

function lastSundayDayNumber(year: number, month: number): number {
  const lastDay = dayNumberFromCivil(year, month, daysInMonth(year, month));
  return lastDay - weekdayOfDayNumber(lastDay);
}

/** Minutes east of UTC in Europe/Oslo at the instant: 120 in summer time, otherwise 60. */
export function osloOffsetMinutes(instantMs: number): number {
  // The UTC year is right even near New Year: summer time is never in force there.
  const { year } = civilFromDayNumber(dayNumberOfInstant(instantMs));
  if (year < FIRST_ARITHMETIC_YEAR) return tzdataOsloOffsetMinutes(instantMs);
  const start = lastSundayDayNumber(year, 3) * MS_PER_DAY + MS_PER_HOUR;
  const end = lastSundayDayNumber(year, year >= OCTOBER_END_FROM_YEAR ? 10 : 9) * MS_PER_DAY + MS_PER_HOUR;
  return instantMs >= start && instantMs < end ? 120 : 60;
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
