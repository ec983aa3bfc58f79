import { addDays, isPlainDate } from '@fristvakt/domain';
import { assertQueryDate, endOfOsloDayMs, parseKnownAt, QueryParameterError } from '@fristvakt/projections';
import { parsePinnedHead, type PinnedHead } from '@fristvakt/event-store';
import { lookupIdProblem } from '@fristvakt/case-recording';
import type { ProblemError } from '../http/problem';
import { queryParam, type ParamsOf, type RawQuery } from '../http/query-params';
import { PARAM } from '../statistics/leader-params';

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

/** A case id to filter by: any id that can name a stored case, never an identity number. */
export function caseIdQueryParam(query: RawQuery, errors: ProblemError[]): string | undefined {
  const value = single(query, 'caseId', errors);
  if (value === undefined) return undefined;
  const detail = lookupIdProblem(value);
  if (detail === undefined) return value;
  errors.push({ parameter: 'caseId', detail });
  return undefined;
}

const caseIdFilter = queryParam({ name: 'caseId' }, caseIdQueryParam);

/** `GET /v1/audit/verify` */
export const VERIFY_PARAMS = {
  expectHead: queryParam(
    { name: 'expectHead', description: '<headHash>@<headPosition> pinned earlier: the log must still extend it' },
    expectHeadParam,
  ),
};

/** `GET /v1/audit/events` */
export const EVENTS_PARAMS = {
  fromMs: queryParam({ name: 'from', description: 'recordedAt ≥ from (instant, or date = start of that Oslo day)' }, (query, errors) =>
    recordedBoundParam(query, 'from', errors),
  ),
  toMs: queryParam({ name: 'to', description: 'recordedAt ≤ to (instant, or date = end of that Oslo day)' }, (query, errors) =>
    recordedBoundParam(query, 'to', errors),
  ),
  municipality: queryParam({ name: 'municipality' }, PARAM.municipality.read),
  caseId: caseIdFilter,
  format: queryParam({ name: 'format', enum: ['ndjson', 'csv'] }, formatParam),
};
export type EventsParams = ParamsOf<typeof EVENTS_PARAMS>;

/** `GET /v1/audit/compare` */
export const COMPARE_PARAMS = {
  period: PARAM.period,
  knownAt: queryParam({ name: 'knownAt', required: true }, (query, errors) => {
    const knownAt = PARAM.knownAt.read(query, errors);
    if (knownAt === null && !errors.some((e) => 'parameter' in e && e.parameter === 'knownAt')) {
      errors.push({ parameter: 'knownAt', detail: 'required: the instant (or date) the earlier figures were known at' });
    }
    return knownAt;
  }),
  municipality: queryParam({ name: 'municipality' }, PARAM.municipality.read),
  method: queryParam({ name: 'method', enum: ['legal', 'statistical'] }, PARAM.method.read),
  asOf: queryParam({ name: 'asOf' }, PARAM.asOf.read),
};
export type CompareParams = ParamsOf<typeof COMPARE_PARAMS>;

/** `GET /v1/audit/late-registrations` */
export const LATE_REGISTRATION_PARAMS = {
  days: queryParam({ name: 'days', description: 'default 7' }, (query, errors) => integerParam(query, 'days', 7, 0, 100_000, errors)),
  /** optional here: only events that occurred in it */
  period: queryParam(
    PARAM.period.docs.map((doc) => (doc.name === 'period' ? { ...doc, description: 'only events that occurred in it' } : doc)),
    (query, errors) => (['period', 'from', 'to'].some((name) => name in query) ? PARAM.period.read(query, errors) : undefined),
  ),
  municipality: queryParam({ name: 'municipality' }, PARAM.municipality.read),
  limit: queryParam({ name: 'limit', description: 'how many of the worst to list; default 100' }, (query, errors) =>
    integerParam(query, 'limit', 100, 1, 10_000, errors),
  ),
};
export type LateRegistrationParams = ParamsOf<typeof LATE_REGISTRATION_PARAMS>;

/** `GET /v1/audit/access-log` */
export const ACCESS_LOG_PARAMS = {
  fromMs: queryParam({ name: 'from' }, (query, errors) => recordedBoundParam(query, 'from', errors)),
  toMs: queryParam({ name: 'to' }, (query, errors) => recordedBoundParam(query, 'to', errors)),
  subject: queryParam({ name: 'subject' }, (query, errors) => textParam(query, 'subject', /^[\w.@:-]{1,100}$/, errors)),
  caseId: caseIdFilter,
  afterId: queryParam({ name: 'afterId' }, (query, errors) => integerParam(query, 'afterId', 0, 0, Number.MAX_SAFE_INTEGER, errors)),
  limit: queryParam({ name: 'limit', description: 'default 1000' }, (query, errors) =>
    integerParam(query, 'limit', 1000, 1, 10_000, errors),
  ),
};
export type AccessLogParams = ParamsOf<typeof ACCESS_LOG_PARAMS>;
