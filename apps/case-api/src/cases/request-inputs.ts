import { lookupIdProblem, recordIdProblem } from '@fristvakt/case-recording';
import { isPlainDate, type CountingMethod, type LocalDate } from '@fristvakt/domain';
import { assertQueryDate, parseQueryTime, QueryParameterError } from '@fristvakt/projections';
import { PROBLEM_TYPES, ProblemException, type ProblemError } from '../http/problem';

/*
 * Path, header and query inputs. Each parser returns the value or pushes a named problem, so a
 * request with several bad inputs hears about all of them in one 400.
 */

/** A case id to write to (the full id shape) or, with `read`, one to read (any id of the character set). */
export function caseIdParam(caseId: string, errors: ProblemError[], read = false): string {
  const detail = read ? lookupIdProblem(caseId) : recordIdProblem(caseId);
  if (detail) errors.push({ parameter: 'caseId', detail });
  return caseId;
}

const WEAK_VERSION_TAG = /^(?:W\/)?"(\d{1,15})"$/;

/** `If-Match: W/"<n>"` (a strong `"<n>"` is taken the same way); undefined when absent. */
export function ifMatchVersion(header: string | string[] | undefined, errors: ProblemError[]): number | undefined {
  if (header === undefined) return undefined;
  const m = typeof header === 'string' ? WEAK_VERSION_TAG.exec(header.trim()) : null;
  if (!m) {
    errors.push({ header: 'If-Match', detail: 'must be a single version tag W/"<version>" as sent in ETag' });
    return undefined;
  }
  return Number(m[1]);
}

export function versionTag(version: number): string {
  return `W/"${version}"`;
}

export function asOfParam(value: unknown, today: LocalDate, errors: ProblemError[]): LocalDate {
  if (value === undefined) return today;
  if (typeof value !== 'string' || !isPlainDate(value)) {
    errors.push({ parameter: 'asOf', detail: 'must be a date YYYY-MM-DD' });
    return today;
  }
  return inQueryRange('asOf', value, errors) ? value : today;
}

function inQueryRange(parameter: string, date: string, errors: ProblemError[]): boolean {
  try {
    assertQueryDate(parameter, date);
    return true;
  } catch (error) {
    if (!(error instanceof QueryParameterError)) throw error;
    errors.push({ parameter, detail: error.message.replace(/^[^:]+: /, '') });
    return false;
  }
}

export function methodParam(value: unknown, errors: ProblemError[]): CountingMethod {
  if (value === undefined || value === 'legal') return 'legal';
  if (value === 'statistical') return 'statistical';
  errors.push({ parameter: 'method', detail: 'must be "legal" or "statistical"' });
  return 'legal';
}

/** An instant with offset or Z; undefined when absent. */
export function knownAtParam(value: unknown, errors: ProblemError[]): number | undefined {
  if (value === undefined) return undefined;
  let parsed;
  try {
    parsed = typeof value === 'string' && value.length <= 64 ? parseQueryTime('knownAt', value) : undefined;
  } catch (error) {
    if (!(error instanceof QueryParameterError)) throw error;
    errors.push({ parameter: 'knownAt', detail: error.message.replace(/^[^:]+: /, '') });
    return undefined;
  }
  if (!parsed?.ok || parsed.instantMs === undefined) {
    errors.push({ parameter: 'knownAt', detail: 'must be an ISO-8601 date-time with offset or Z' });
    return undefined;
  }
  return parsed.instantMs;
}

export function unknownQueryParams(query: unknown, known: readonly string[], errors: ProblemError[]): void {
  if (typeof query !== 'object' || query === null) return;
  for (const name of Object.keys(query)) {
    if (!known.includes(name)) errors.push({ parameter: name, detail: `unknown query parameter; known: ${known.join(', ') || 'none'}` });
  }
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

export function requireJson(contentType: string | undefined): void {
  if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType.trim())) {
    throw new ProblemException({
      type: PROBLEM_TYPES.unsupportedMediaType,
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'Send the body as application/json.',
    });
  }
}
