import { osloDateOfInstant, parseOccurredAt } from '../deadlines';

/** Events before barnevernloven 1992 came into force are out of scope (CONTRACT.md §1). */
export const EARLIEST_DATE = '1993-01-01';
/** Clients' clocks may run a little ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Why an `occurredAt` cannot be the valid time of an event; each layer words it for its audience. */
export type ValidTimeProblem =
  | { kind: 'invalid'; reason: string }
  | { kind: 'before_earliest' }
  /** `plainDate`: a date after today's Oslo date; otherwise an instant beyond the clock skew */
  | { kind: 'in_future'; plainDate: boolean };

/**
 * The valid-time rule for `occurredAt`: a date-time with offset or a plain Oslo date, from
 * {@link EARLIEST_DATE}, and not in the future. `nowMs` null skips the future check (re-checking
 * events accepted before, where only their relations matter).
 */
export function validTimeProblem(occurredAt: string, nowMs: number | null): ValidTimeProblem | null {
  const parsed = parseOccurredAt(occurredAt);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason };
  if (parsed.date < EARLIEST_DATE) return { kind: 'before_earliest' };
  if (nowMs === null) return null;
  // A plain date carries no time of day: any date up to today's Oslo date is in the past.
  if (parsed.instantMs === undefined) return parsed.date > osloDateOfInstant(nowMs) ? { kind: 'in_future', plainDate: true } : null;
  return parsed.instantMs > nowMs + CLOCK_SKEW_MS ? { kind: 'in_future', plainDate: false } : null;
}
