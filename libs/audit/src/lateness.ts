import { daysBetween, osloDateOf, osloDateOfInstant, parseOccurredAt } from '@fristvakt/domain';

const MS_PER_HOUR = 3_600_000;

/**
 * How long after it happened an event was recorded (recordedAt − occurredAt). For an instant:
 * whole hours and whole 24-hour days. For a plain date (an Oslo date without a time): whole
 * calendar days between that date and the Oslo date of recording; hours are unknown (null).
 */
export interface Lateness {
  days: number;
  hours: number | null;
}

export function latenessOf(occurredAt: string, recordedAt: string): Lateness {
  const recordedMs = Date.parse(recordedAt);
  const parsed = parseOccurredAt(occurredAt);
  if (parsed.ok && parsed.instantMs !== undefined) {
    const hours = Math.floor((recordedMs - parsed.instantMs) / MS_PER_HOUR);
    return { days: Math.floor(hours / 24), hours };
  }
  const date = parsed.ok ? parsed.date : osloDateOf(occurredAt);
  return { days: daysBetween(date, osloDateOfInstant(recordedMs)), hours: null };
}

/** Sort key: plain dates count as their whole days, instants by the hour. */
export function latenessHours(lateness: Lateness): number {
  return lateness.hours ?? lateness.days * 24;
}
