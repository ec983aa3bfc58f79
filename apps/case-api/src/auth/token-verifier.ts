import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { principalFromClaims } from './claims';
import { loadOrCreateEmbeddedSecret } from './embedded-secret';
import type { Authentication } from './principal';
import { embeddedSecretPath, type AuthConfig } from './security-config';

/** Issuers' and our clocks may disagree a little; tokens live minutes to hours. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Real tokens are a few kilobytes; anything far larger is not worth parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const BEARER = /^Bearer +([A-Za-z0-9_.~+/=-]+) *$/i;

/** Verifies bearer tokens: signature with an expected algorithm only, `exp` required, `iss` and `aud` checked. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly options: JWTVerifyOptions;

  /** `dataDir` locates the embedded secret unless the config names a file. */
  constructor(
    private readonly config: AuthConfig,
    dataDir: string,
    now: () => Date = () => new Date(),
  ) {
    if (config.mode === 'jwks') {
      this.key = createRemoteJWKSet(config.jwksUrl, { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    } else {
      this.key = loadOrCreateEmbeddedSecret(embeddedSecretPath(config, dataDir));
    }
    this.options = {
      // Never `none`, and never HS256 against a provider's public keys (the classic key confusion).
      algorithms: config.mode === 'jwks' ? ['RS256', 'ES256'] : ['HS256'],
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      get currentDate() {
        return now();
      },
    };
  }

  /** The outcome for an `Authorization` header value. */
  async verifyHeader(header: string): Promise<Authentication> {
    const match = header.length <= MAX_TOKEN_LENGTH ? BEARER.exec(header) : null;
    if (!match) return { ok: false, reason: 'invalid' };
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Authentication> {
    try {
      const { payload } = await (typeof this.key === 'function'
        ? jwtVerify(token, this.key, this.options)
        : jwtVerify(token, this.key, this.options));
      const principal = principalFromClaims(payload, this.config);
      return principal ? { ok: true, principal } : { ok: false, reason: 'invalid' };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isFetchFailure(error)) {
        return { ok: false, reason: 'keys_unavailable' };
      }
      return { ok: false, reason: 'invalid' };
    }
  }
}

/**
 * jose lets fetch's own errors through when the provider cannot be reached at all. Matched by
 * name, not instanceof: fetch may raise them from another realm.
 */
function isFetchFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return (name === 'TypeError' && typeof message === 'string' && /fetch/i.test(message)) || name === 'AbortError' || name === 'TimeoutError';
}
