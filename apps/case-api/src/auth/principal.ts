import type { RecordingPrincipal } from '@fristvakt/case-recording';
import type { Role } from './roles';

export { ALL_MUNICIPALITIES, holdsMunicipality } from '@fristvakt/case-recording';

/**
 * Who is calling, as the verified bearer token says: `subject` is the token's `sub` (written as
 * `recordedBy`), `municipalities` the kommunenummer it may see, or every municipality (`*`).
 */
export interface Principal extends RecordingPrincipal {
  roles: ReadonlySet<Role>;
}

/** The outcome of checking a request's Authorization header; absent when it had none. */
export type Authentication = { ok: true; principal: Principal } | { ok: false; reason: AuthenticationFailure };

/** `keys_unavailable`: the identity provider's JWKS could not be fetched; not the client's fault. */
export type AuthenticationFailure = 'expired' | 'invalid' | 'keys_unavailable';

/*
 * Keyed by the Fastify request object, which is the same from the onRequest hook that verifies
 * the token through the rate limiter to the Nest guard and handlers.
 */
const byRequest = new WeakMap<object, Authentication>();

export function attachAuthentication(request: object, authentication: Authentication): void {
  byRequest.set(request, authentication);
}

export function authenticationOf(request: object): Authentication | undefined {
  return byRequest.get(request);
}

export function principalOf(request: object): Principal | undefined {
  const authentication = byRequest.get(request);
  return authentication?.ok ? authentication.principal : undefined;
}
