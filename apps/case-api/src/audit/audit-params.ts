import { addDays, isPlainDate } from '@fristvakt/domain';
import { assertQueryDate, endOfOsloDayMs, parseKnownAt, QueryParameterError } from '@fristvakt/projections';
import { parsePinnedHead, type PinnedHead } from '@fristvakt/event-store';
import { lookupIdProblem } from '@fristvakt/case-recording';
import type { ProblemError } from '../http/problem';
import type { RawQuery } from '../statistics/query-params';

/*
 * Query inputs only the audit endpoints have; the shared ones (period, knownAt, municipality,
 * method, asOf) come from statistics/query-params, so leaders and auditors parse them alike.
 */

function single(query: RawQuery, name: string, errors: ProblemError[]): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 100) {
    errors.push({ parameter: name, detail: 'give it once, at most 100 characters' });
    return undefined;
  }
  return value;
}

/** An instant, or a date: `from` at the start of that Oslo day, `to` at its end. Epoch ms. */
export function recordedBoundParam(query: RawQuery, name: 'from' | 'to', errors: ProblemError[]): number | undefined {
  const value = single(query, name, errors);
  if (value === undefined) return undefined;
  try {
    if (name === 'from' && isPlainDate(value)) {
      assertQueryDate(name, value);
      return endOfOsloDayMs(addDays(value, -1)) + 1;
    }
    return parseKnownAt(value);
  } catch (error) {
    if (!(error instanceof QueryParameterError)) throw error;
    errors.push({ parameter: name, detail: `${error.message.replace(/^[^:]+: /, '')} (an instant with offset, or a date)` });
    return undefined;
  }
}

export function integerParam(query: RawQuery, name: string, fallback: number, min: number, max: number, errors: ProblemError[]): number {
  const value = single(query, name, errors);
  if (value === undefined) return fallback;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (n >= min && n <= max) return n;
  errors.push({ parameter: name, detail: `must be an integer ${min}-${max}` });
  return fallback;
}

export function textParam(query: RawQuery, name: string, pattern: RegExp, errors: ProblemError[]): string | undefined {
  const value = single(query, name, errors);
  if (value === undefined) return undefined;
  if (pattern.test(value)) return value;
  errors.push({ parameter: name, detail: `must match ${pattern.source}` });
  return undefined;
}

export function formatParam(query: RawQuery, errors: ProblemError[]): 'ndjson' | 'csv' {
  const value = single(query, 'format', errors);
  if (value === undefined || value === 'ndjson') return 'ndjson';
  if (value === 'csv') return 'csv';
  errors.push({ parameter: 'format', detail: 'must be ndjson or csv' });
  return 'ndjson';
}

export function expectHeadParam(query: RawQuery, errors: ProblemError[]): PinnedHead | undefined {
  const value = single(query, 'expectHead', errors);
  if (value === undefined) return undefined;
  try {
    return parsePinnedHead(value);
  } catch (error) {
    errors.push({ parameter: 'expectHead', detail: (error as Error).message });
    return undefined;
  }
}

export function problemSummary(errors: ProblemError[]): string {
  const names = errors.map((e) => ('parameter' in e ? e.parameter : 'header' in e ? e.header : e.pointer));
  return `${errors.length} invalid input${errors.length === 1 ? '' : 's'}: ${names.join(', ')}`;
}

/** A case id to filter by: any id that can name a stored case, never an identity number. */
export function caseIdQueryParam(query: RawQuery, errors: ProblemError[]): string | undefined {
  const value = single(query, 'caseId', errors);
  if (value === undefined) return undefined;
  const detail = lookupIdProblem(value);
  if (detail === undefined) return value;
  errors.push({ parameter: 'caseId', detail });
  return undefined;
}
