import { isPlainDate, osloDateOf, osloOffsetMinutes, parseOccurredAt } from '@fristvakt/domain';
import { toEpochDay } from '../model/epoch-day';
import { LATEST, type View } from '../model/view';

export class QueryParameterError extends Error {
  override readonly name = 'QueryParameterError';
  constructor(
    readonly parameter: string,
    detail: string,
  ) {
    super(`${parameter}: ${detail}`);
  }
}

const MS_PER_DAY = 86_400_000;

/**
 * The dates a query may name, as `asOf`, `knownAt`, `from`, `to` or a period (docs/security.md):
 * a few years before the earliest event (1993) to far beyond any deadline. Outside them, date
 * arithmetic meets years it was never meant for (`0000-12-31`), so they are a 400, not a 500.
 */
export const QUERY_DATE_RANGE = { earliest: '1990-01-01', latest: '2100-12-31' } as const;

/**
 * `parseOccurredAt`, for a query: the written date is checked against {@link QUERY_DATE_RANGE}
 * before the text is parsed (an instant in year 9999 has no Oslo date that can be formatted), the
 * Oslo date after.
 */
export function parseQueryTime(parameter: string, text: string): ReturnType<typeof parseOccurredAt> {
  const written = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  if (written) assertQueryDate(parameter, written[1]);
  const parsed = parseOccurredAt(text);
  if (parsed.ok) assertQueryDate(parameter, parsed.date);
  return parsed;
}

/** Throws {@link QueryParameterError} for a date outside {@link QUERY_DATE_RANGE}. */
export function assertQueryDate(parameter: string, date: string): void {
  if (date < QUERY_DATE_RANGE.earliest || date > QUERY_DATE_RANGE.latest) {
    throw new QueryParameterError(parameter, `must lie between ${QUERY_DATE_RANGE.earliest} and ${QUERY_DATE_RANGE.latest}`);
  }
}

/**
 * `knownAt` (transaction time) as epoch ms. An instant counts as given; a plain date means "as
 * known at the end of that Oslo day", the reading a leader asking "what did we know on 5 July"
 * expects.
 */
export function parseKnownAt(knownAt: string): number {
  const parsed = parseQueryTime('knownAt', knownAt);
  if (!parsed.ok) throw new QueryParameterError('knownAt', parsed.reason);
  return parsed.instantMs ?? endOfOsloDayMs(parsed.date);
}

/** The last millisecond of an Oslo day, as epoch ms. */
export function endOfOsloDayMs(date: string): number {
  const nextMidnightUtc = (toEpochDay(date) + 1) * MS_PER_DAY;
  // Oslo midnight is 1 or 2 hours before UTC midnight; the offset just before it decides which.
  const offset = osloOffsetMinutes(nextMidnightUtc - 2 * 3_600_000);
  return nextMidnightUtc - offset * 60_000 - 1;
}

/**
 * `asOf` (valid time) as an Oslo date. Everything Fristvakt computes is day-based (deadlines are
 * dates, a deadline day counts whole), so a time is reduced to its Oslo date.
 */
export function parseAsOf(asOf: string): { date: string; day: number } {
  const parsed = parseQueryTime('asOf', asOf);
  if (!parsed.ok) throw new QueryParameterError('asOf', parsed.reason);
  const date = isPlainDate(asOf) ? asOf : osloDateOf(asOf);
  return { date, day: toEpochDay(date) };
}

export function viewOf(params: { knownAt?: string | null; asOf?: string | null }): View {
  return {
    knownAt: params.knownAt == null ? LATEST.knownAt : parseKnownAt(params.knownAt),
    asOfDay: params.asOf == null ? LATEST.asOfDay : parseAsOf(params.asOf).day,
  };
}
