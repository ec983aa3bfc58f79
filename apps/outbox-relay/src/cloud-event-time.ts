import { isPlainDate } from '@fristvakt/domain';

const osloOffsetByDate = new Map<string, string>();
const OSLO_OFFSET = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', timeZoneName: 'longOffset' });

/**
 * CloudEvents `time` must be an RFC 3339 timestamp, but `occurredAt` may be a plain Oslo date. Such a
 * date becomes the start of that day in Oslo (`2024-02-02T00:00:00+01:00`); the exact client value is
 * still in the message body.
 */
export function cloudEventTime(occurredAt: string): string {
  if (!isPlainDate(occurredAt)) return occurredAt;
  let offset = osloOffsetByDate.get(occurredAt);
  if (offset === undefined) {
    // Norway changes clocks at 01:00 UTC, so the offset in force at 00:00 UTC is the one at local midnight.
    const name = OSLO_OFFSET.formatToParts(new Date(`${occurredAt}T00:00:00Z`)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    offset = name === 'GMT' ? '+00:00' : name.slice(3);
    osloOffsetByDate.set(occurredAt, offset);
  }
  return `${occurredAt}T00:00:00${offset}`;
}
