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
 * `knownAt` (transaction time) as epoch ms. An instant counts as given; a plain date means "as
 * known at the end of that Oslo day", the reading a leader asking "what did we know on 5 July"
 * expects.
 */
export function parseKnownAt(knownAt: string): number {
  const parsed = parseOccurredAt(knownAt);
  if (!parsed.ok) throw new QueryParameterError('knownAt', parsed.reason);
  if (parsed.instantMs !== undefined) return parsed.instantMs;
  const nextMidnightUtc = (toEpochDay(parsed.date) + 1) * MS_PER_DAY;
  // Oslo midnight is 1 or 2 hours before UTC midnight; the offset just before it decides which.
  const offset = osloOffsetMinutes(nextMidnightUtc - 2 * 3_600_000);
  return nextMidnightUtc - offset * 60_000 - 1;
}

/**
 * `asOf` (valid time) as an Oslo date. Everything Fristvakt computes is day-based (deadlines are
 * dates, a deadline day counts whole), so a time is reduced to its Oslo date.
 */
export function parseAsOf(asOf: string): { date: string; day: number } {
  const parsed = parseOccurredAt(asOf);
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
