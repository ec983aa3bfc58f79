import { join, resolve } from 'node:path';

export const EMBEDDED_ISSUER = 'fristvakt-embedded';
export const EMBEDDED_AUDIENCE = 'fristvakt';
export const AUTH_SECRET_FILE = 'auth-secret';

/**
 * How bearer tokens are verified: against the municipality's OIDC provider (Entra ID,
 * ID-porten; asymmetric keys published as a JWKS) or, out of the box, with an HS256 secret that
 * the server generates into its data directory and `npm run token` signs with.
 */
export type AuthConfig =
  | { mode: 'jwks'; jwksUrl: URL; issuer: string; audience: string; rolesClaim: string; municipalitiesClaim: string }
  | {
      mode: 'embedded';
      /** null: `auth-secret` in the data directory (see `embeddedSecretPath`) */
      secretFile: string | null;
      issuer: string;
      audience: string;
      rolesClaim: string;
      municipalitiesClaim: string;
    };

export interface HttpSecurityConfig {
  /** requests per minute per token subject (per IP without a valid token) on `/v1` */
  rateLimitPerMinute: number;
  /** the whole request, headers and body, must arrive within this */
  requestTimeoutMs: number;
  /** an idle socket is closed after this */
  connectionTimeoutMs: number;
  /** browser origins allowed to call the API; empty: CORS off */
  corsOrigins: string[];
}

/** The variable's value, or its documented default (CONFIG_DOC) when unset; '' means unset. */
type Read = (name: string) => string;

const CLAIM_PATH = /^[A-Za-z0-9_:/.-]{1,128}$/;

export function readAuthConfig(read: Read, problems: string[]): AuthConfig {
  const rolesClaim = claimName(read, 'FRISTVAKT_AUTH_ROLES_CLAIM', problems);
  const municipalitiesClaim = claimName(read, 'FRISTVAKT_AUTH_MUNICIPALITIES_CLAIM', problems);
  const jwksText = read('FRISTVAKT_AUTH_JWKS_URL');
  const issuer = read('FRISTVAKT_AUTH_ISSUER');
  const audience = read('FRISTVAKT_AUTH_AUDIENCE');
  const secretFile = read('FRISTVAKT_AUTH_SECRET_FILE');

  if (jwksText === '') {
    return {
      mode: 'embedded',
      secretFile: secretFile === '' ? null : resolve(secretFile),
      issuer: issuer || EMBEDDED_ISSUER,
      audience: audience || EMBEDDED_AUDIENCE,
      rolesClaim,
      municipalitiesClaim,
    };
  }
  const jwksUrl = parseJwksUrl(jwksText, problems);
  // A secret file next to a JWKS would be silently ignored; say so instead.
  if (secretFile !== '') problems.push('FRISTVAKT_AUTH_SECRET_FILE must not be set together with FRISTVAKT_AUTH_JWKS_URL');
  if (issuer === '')
    problems.push('FRISTVAKT_AUTH_ISSUER is required with FRISTVAKT_AUTH_JWKS_URL (the "iss" your provider puts in tokens)');
  if (audience === '')
    problems.push('FRISTVAKT_AUTH_AUDIENCE is required with FRISTVAKT_AUTH_JWKS_URL (the "aud" of tokens issued for this API)');
  return { mode: 'jwks', jwksUrl: jwksUrl ?? new URL('https://invalid.invalid/'), issuer, audience, rolesClaim, municipalitiesClaim };
}

/** Where the embedded HS256 key lives; the server and `npm run token` must agree on it. */
export function embeddedSecretPath(auth: Extract<AuthConfig, { mode: 'embedded' }>, dataDir: string): string {
  return auth.secretFile ?? join(dataDir, AUTH_SECRET_FILE);
}

function parseJwksUrl(text: string, problems: string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`FRISTVAKT_AUTH_JWKS_URL must be a URL, got ${JSON.stringify(text)}`);
    return undefined;
  }
  // Keys fetched in clear text could be swapped on the way; plain http only for a local provider.
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    problems.push(`FRISTVAKT_AUTH_JWKS_URL must be https (http only for localhost), got ${JSON.stringify(text)}`);
    return undefined;
  }
  return url;
}

function claimName(read: Read, name: string, problems: string[]): string {
  const claim = read(name);
  if (!CLAIM_PATH.test(claim))
    problems.push(`${name} must be a claim name (dots for nesting, e.g. realm_access.roles), got ${JSON.stringify(claim)}`);
  return claim;
}

export function readHttpSecurityConfig(read: Read, problems: string[]): HttpSecurityConfig {
  return {
    rateLimitPerMinute: positiveInteger(read, 'FRISTVAKT_RATE_LIMIT_PER_MINUTE', problems),
    requestTimeoutMs: positiveInteger(read, 'FRISTVAKT_REQUEST_TIMEOUT_MS', problems),
    connectionTimeoutMs: positiveInteger(read, 'FRISTVAKT_CONNECTION_TIMEOUT_MS', problems),
    corsOrigins: corsOrigins(read('FRISTVAKT_CORS_ORIGINS'), problems),
  };
}

function positiveInteger(read: Read, name: string, problems: string[]): number {
  const text = read(name);
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1)) problems.push(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

function corsOrigins(text: string, problems: string[]): string[] {
  if (text === '') return [];
  const origins: string[] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    let origin: string | undefined;
    try {
      const url = new URL(item);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin + (item.endsWith('/') ? '/' : '') === item)
        origin = url.origin;
    } catch {
      origin = undefined;
    }
    if (origin === undefined) {
      problems.push(
        `FRISTVAKT_CORS_ORIGINS must be a comma-separated list of origins such as https://fristvakt.kommune.no (no "*", no path), got ${JSON.stringify(item)}`,
      );
    } else {
      origins.push(origin);
    }
  }
  return origins;
}
