import { lookupIdProblem, recordIdProblem } from '@fristvakt/case-recording';
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
