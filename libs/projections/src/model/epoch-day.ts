/*
 * The read model keeps dates as epoch days (days since 1970-01-01): a small integer per fact
 * instead of a 10-character string, and comparisons are plain `<`. Calendar arithmetic stays in
 * the domain library; this file only converts between the two spellings of the same date.
 */

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// A rebuild converts a date per event, but a log spans only a few thousand distinct dates.
const parsed = new Map<string, number>();

/** `YYYY-MM-DD` → epoch day. The caller passes dates the domain already validated. */
export function toEpochDay(date: string): number {
  const known = parsed.get(date);
  if (known !== undefined) return known;
  const day = parseEpochDay(date);
  if (parsed.size < 100_000) parsed.set(date, day);
  return day;
}

function parseEpochDay(date: string): number {
  const m = LOCAL_DATE.exec(date);
  if (m === null) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / MS_PER_DAY;
  // Date.UTC rolls 2024-02-30 over into March; a round trip exposes it.
  if (formatEpochDay(day) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return day;
}

function formatEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

// Queries format the same few thousand dates over and over; keep the strings.
const formatted = new Map<number, string>();

/** Epoch day → `YYYY-MM-DD`. */
export function fromEpochDay(day: number): string {
  let s = formatted.get(day);
  if (s === undefined) {
    s = formatEpochDay(day);
    if (formatted.size < 100_000) formatted.set(day, s);
  }
  return s;
}
