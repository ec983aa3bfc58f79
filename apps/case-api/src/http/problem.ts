/** RFC 9457 problem details, plus the members this API adds per status (CONTRACT.md §2). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** 400: every offending field (JSON pointer into the body) or parameter */
  errors?: ProblemError[];
  [extension: string]: unknown;
}

export type ProblemError = { pointer: string; detail: string } | { parameter: string; detail: string } | { header: string; detail: string };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Stable problem types clients can key on; URNs, because nothing has to be served at them. */
export const PROBLEM_TYPES = {
  invalidInput: 'urn:fristvakt:problem:invalid-input',
  malformedJson: 'urn:fristvakt:problem:malformed-json',
  unsupportedMediaType: 'urn:fristvakt:problem:unsupported-media-type',
  payloadTooLarge: 'urn:fristvakt:problem:payload-too-large',
  notFound: 'urn:fristvakt:problem:not-found',
  methodNotAllowed: 'urn:fristvakt:problem:method-not-allowed',
  versionConflict: 'urn:fristvakt:problem:version-conflict',
  eventIdConflict: 'urn:fristvakt:problem:event-id-conflict',
  caseRuleViolation: 'urn:fristvakt:problem:case-rule-violation',
  storeUnavailable: 'urn:fristvakt:problem:store-unavailable',
  unauthorized: 'urn:fristvakt:problem:unauthorized',
  forbidden: 'urn:fristvakt:problem:forbidden',
  rateLimited: 'urn:fristvakt:problem:rate-limited',
  identityProviderUnavailable: 'urn:fristvakt:problem:identity-provider-unavailable',
  internal: 'urn:fristvakt:problem:internal-error',
  http: 'about:blank',
} as const;

/** Thrown by controllers for anything they refuse themselves; the filter renders it as is. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** `3 invalid inputs: caseId, /events/0/occurredAt, If-Match`: the names of the first ten. */
export function problemSummary(errors: ProblemError[]): string {
  const names = errors.map((e) => ('pointer' in e ? e.pointer || '(body)' : 'parameter' in e ? e.parameter : e.header));
  const shown = names.slice(0, 10).join(', ');
  return `${errors.length} invalid input${errors.length === 1 ? '' : 's'}: ${shown}${names.length > 10 ? ', …' : ''}`;
}

export function invalidInput(detail: string, errors: ProblemError[]): ProblemException {
  return new ProblemException({ type: PROBLEM_TYPES.invalidInput, title: 'Invalid input', status: 400, detail, errors });
}
