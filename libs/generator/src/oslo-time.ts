/**
 * Local Oslo wall-clock times for generated events. Deadlines are counted on Oslo dates, so the
 * generator thinks in local dates and minutes and converts to instants only at the edges.
 */
import { addDays, isWeekendOrNorwegianPublicHoliday, osloDateOfInstant, osloOffsetMinutes, type LocalDate } from '@fristvakt/domain';

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/**
 * The instant of a local Oslo wall-clock time. A time inside the spring-forward gap does not
 * exist and moves one hour later; an ambiguous autumn time takes its first (summer-time) reading.
 */
export function osloInstant(date: LocalDate, minuteOfDay: number): number {
  const [y, m, d] = date.split('-').map(Number);
  for (let shift = 0; shift <= 60; shift += 60) {
    const wallAsUtc = Date.UTC(y, m - 1, d, 0, minuteOfDay + shift);
    for (const offset of [120, 60]) {
      const instant = wallAsUtc - offset * MS_PER_MINUTE;
      if (osloOffsetMinutes(instant) === offset) return instant;
    }
  }
  throw new RangeError(`No Oslo instant for ${date} minute ${minuteOfDay}`);
}

/** ISO-8601 with the Oslo offset in force at the instant, e.g. 2024-03-31T03:30:00+02:00 */
export function formatOslo(instantMs: number): string {
  const offset = osloOffsetMinutes(instantMs);
  const wall = new Date(Math.floor(instantMs / MS_PER_MINUTE) * MS_PER_MINUTE + offset * MS_PER_MINUTE);
  return `${wall.toISOString().slice(0, 19)}${offset === 120 ? '+02:00' : '+01:00'}`;
}

export const osloDate = osloDateOfInstant;

export function isWorkingDay(date: LocalDate): boolean {
  return !isWeekendOrNorwegianPublicHoliday(date);
}

export function workingDayOnOrAfter(date: LocalDate): LocalDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The last working day on or before `date`, but never before `floor` (then `floor` itself). */
export function workingDayOnOrBefore(date: LocalDate, floor: LocalDate): LocalDate {
  let d = date;
  while (!isWorkingDay(d) && d > floor) d = addDays(d, -1);
  return d;
}

/** 1 = Monday … 7 = Sunday */
export function isoWeekday(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}
