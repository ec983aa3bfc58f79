import type { CountingMethod, DeadlineStatus } from '@fristvakt/domain';
import {
  DEADLINE_KINDS,
  parseAsOf,
  parseKnownAt,
  parsePeriod,
  QueryParameterError,
  type DeadlineKind,
  type Period,
} from '@fristvakt/projections';
import type { ProblemError } from '../http/problem';
import type { RawQuery } from '../http/query-params';

/*
 * Readers of the query parameters the leader, case and audit endpoints share; each route family
 * declares which it takes (`leader-params.ts` and beside each controller). Each reader returns the
 * value or pushes a problem naming the parameter, so one 400 lists every bad parameter at once. The
 * projections library parses dates and periods; its QueryParameterError already names the parameter.
 */

const MUNICIPALITY = /^\d{4}$/;
const MAX_TEXT = 64;

/** A parameter that may appear once; undefined when absent. */
function single(query: RawQuery, name: string, errors: ProblemError[]): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    errors.push({ parameter: name, detail: 'give it once' });
    return undefined;
  }
  if (value.length > MAX_TEXT) {
    errors.push({ parameter: name, detail: `longer than ${MAX_TEXT} characters` });
    return undefined;
  }
  return value;
}

function parsed<T>(name: string, errors: ProblemError[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof QueryParameterError)) throw error;
    errors.push({ parameter: error.parameter || name, detail: error.message.replace(/^[^:]+: /, '') });
    return undefined;
  }
}

/**
 * `municipality`, repeated or comma-separated (a service may host several kommuner); sorted and
 * without duplicates. Undefined when absent: the caller's whole scope.
 */
export function municipalitiesParam(query: RawQuery, errors: ProblemError[]): string[] | undefined {
  const value = query.municipality;
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [String(v)]));
  const bad = parts.map((p) => p.trim()).filter((p) => !MUNICIPALITY.test(p));
  if (bad.length > 0 || parts.length === 0 || parts.length > 400) {
    errors.push({ parameter: 'municipality', detail: 'must be 4-digit kommunenummer, repeated or comma-separated (e.g. 3201,3203)' });
    return undefined;
  }
  return [...new Set(parts.map((p) => p.trim()))].sort();
}

function oneOf<T extends string>(query: RawQuery, name: string, allowed: readonly T[], errors: ProblemError[]): T | undefined {
  const value = single(query, name, errors);
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({ parameter: name, detail: `must be one of ${allowed.join(', ')}` });
  return undefined;
}

export function statusParam(query: RawQuery, errors: ProblemError[]): DeadlineStatus | undefined {
  return oneOf(query, 'status', ['overdue', 'due_soon', 'ok'] as const, errors);
}

export function kindParam(query: RawQuery, errors: ProblemError[]): DeadlineKind | undefined {
  return oneOf(query, 'kind', DEADLINE_KINDS, errors);
}

export function methodParam(query: RawQuery, errors: ProblemError[]): CountingMethod {
  return oneOf(query, 'method', ['legal', 'statistical'] as const, errors) ?? 'legal';
}

/** `asOf`: a date or an instant (reduced to its Oslo date); undefined when absent: the handler takes the clock's Oslo date. */
export function asOfParam(query: RawQuery, errors: ProblemError[]): string | undefined {
  const value = single(query, 'asOf', errors);
  if (value === undefined) return undefined;
  return parsed('asOf', errors, () => parseAsOf(value).date);
}

/** `knownAt`: an instant, or a date meaning the end of that Oslo day; null when absent (now). */
export function knownAtParam(query: RawQuery, errors: ProblemError[]): string | null {
  const value = single(query, 'knownAt', errors);
  if (value === undefined) return null;
  return parsed('knownAt', errors, () => (parseKnownAt(value), value)) ?? null;
}

/** `period` (`2024`, `2024-H1`, `2024-Q3`, `2024-05`) or both `from` and `to`; exactly one of the two forms. */
export function periodParam(query: RawQuery, errors: ProblemError[]): Period | undefined {
  const period = single(query, 'period', errors);
  const from = single(query, 'from', errors);
  const to = single(query, 'to', errors);
  if (period !== undefined && (from !== undefined || to !== undefined)) {
    errors.push({ parameter: 'period', detail: 'give either period or from/to, not both' });
    return undefined;
  }
  if (period === undefined && from === undefined && to === undefined) {
    if (!['period', 'from', 'to'].some((name) => name in query)) {
      errors.push({ parameter: 'period', detail: 'required: YYYY, YYYY-H1, YYYY-H2, YYYY-Q1…Q4, YYYY-MM, or from and to dates' });
    }
    return undefined;
  }
  return parsed('period', errors, () => parsePeriod(period ?? { from, to }));
}

export function suppressParam(query: RawQuery, errors: ProblemError[]): boolean {
  return flagParam(query, 'suppressSmallCounts', errors);
}

/** A `true`/`false` parameter; false when absent. */
export function flagParam(query: RawQuery, name: string, errors: ProblemError[]): boolean {
  const value = single(query, name, errors);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  errors.push({ parameter: name, detail: 'must be true or false' });
  return false;
}

/** `minPosition`: a global log position (the `position` a POST answered); undefined when absent. */
export function minPositionParam(query: RawQuery, errors: ProblemError[]): number | undefined {
  const value = single(query, 'minPosition', errors);
  if (value === undefined) return undefined;
  if (/^\d{1,15}$/.test(value)) return Number(value);
  errors.push({ parameter: 'minPosition', detail: 'must be a non-negative integer: the position a POST answered' });
  return undefined;
}
