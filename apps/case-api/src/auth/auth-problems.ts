import { PROBLEM_TYPES, ProblemException } from '../http/problem';
import type { AuthenticationFailure } from './principal';
import type { Role } from './roles';

export const WWW_AUTHENTICATE_REALM = 'Bearer realm="fristvakt"';

const UNAUTHORIZED_DETAIL: Record<AuthenticationFailure | 'missing', string> = {
  missing: 'Send a bearer token: Authorization: Bearer <token>.',
  expired: 'The bearer token has expired; get a new one.',
  // One message for every other failure, so probing tells nothing about keys or configuration.
  invalid: 'The bearer token is not valid here (signature, algorithm, issuer, audience, expiry or claims).',
  keys_unavailable: '',
};

export function unauthorized(reason: AuthenticationFailure | 'missing'): ProblemException {
  if (reason === 'keys_unavailable') {
    return new ProblemException({
      type: PROBLEM_TYPES.identityProviderUnavailable,
      title: 'Service Unavailable',
      status: 503,
      detail: "The identity provider's signing keys could not be fetched; try again shortly.",
    });
  }
  return new ProblemException({
    type: PROBLEM_TYPES.unauthorized,
    title: 'Unauthorized',
    status: 401,
    detail: UNAUTHORIZED_DETAIL[reason],
  });
}

export function wwwAuthenticate(reason: AuthenticationFailure | 'missing'): string {
  if (reason === 'missing') return WWW_AUTHENTICATE_REALM;
  return `${WWW_AUTHENTICATE_REALM}, error="invalid_token", error_description="${reason === 'expired' ? 'token expired' : 'token invalid'}"`;
}

export function roleNotAllowed(allowed: readonly Role[]): ProblemException {
  return forbidden(
    allowed.length === 0
      ? 'This endpoint is not open to any role.'
      : `This endpoint is for the role${allowed.length === 1 ? '' : 's'} ${allowed.join(', ')}; the token holds none of them.`,
  );
}

export function municipalityNotAllowed(municipality: string): ProblemException {
  return forbidden(`The token does not hold municipality ${municipality}.`);
}

function forbidden(detail: string): ProblemException {
  return new ProblemException({ type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail });
}

export function rateLimited(retryAfterSeconds: number): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.rateLimited,
    title: 'Too Many Requests',
    status: 429,
    detail: `Too many requests; retry after ${retryAfterSeconds} s.`,
  });
}
