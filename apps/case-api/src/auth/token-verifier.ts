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
/**
 * Verified tokens are remembered so a client sending the same token on every request pays for the
 * signature check once: the HMAC/RSA verification dominated the cost of a small append.
 * Bounded, and an entry never outlives the token's `exp` nor this many milliseconds.
 */
const VERIFIED_CACHE_SIZE = 10_000;
const VERIFIED_CACHE_TTL_MS = 5 * 60_000;

interface VerifiedToken {
  principal: Extract<Authentication, { ok: true }>['principal'];
  /** exp in ms, including the tolerance */
  expiresAtMs: number;
  cachedUntilMs: number;
}

/** Verifies bearer tokens: signature with an expected algorithm only, `exp` required, `iss` and `aud` checked. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly options: JWTVerifyOptions;
  private readonly verified = new Map<string, VerifiedToken>();

  /** `dataDir` locates the embedded secret unless the config names a file. */
  constructor(
    private readonly config: AuthConfig,
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
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
    const nowMs = this.now().getTime();
    const cached = this.verified.get(token);
    if (cached) {
      if (nowMs < cached.cachedUntilMs) {
        return nowMs <= cached.expiresAtMs ? { ok: true, principal: cached.principal } : { ok: false, reason: 'expired' };
      }
      this.verified.delete(token);
    }
    try {
      const { payload } = await (typeof this.key === 'function'
        ? jwtVerify(token, this.key, this.options)
        : jwtVerify(token, this.key, this.options));
      // jose checks `iat` only against a maximum age; a token issued in the future (beyond the clock
      // skew) comes from a wrong clock or a forger planning ahead, and is not accepted.
      if (typeof payload.iat === 'number' && payload.iat * 1000 > nowMs + CLOCK_TOLERANCE_SECONDS * 1000)
        return { ok: false, reason: 'invalid' };
      const principal = principalFromClaims(payload, this.config);
      if (!principal) return { ok: false, reason: 'invalid' };
      this.remember(token, principal, payload.exp as number, nowMs);
      return { ok: true, principal };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isFetchFailure(error)) {
        return { ok: false, reason: 'keys_unavailable' };
      }
      return { ok: false, reason: 'invalid' };
    }
  }

  private remember(token: string, principal: VerifiedToken['principal'], exp: number, nowMs: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, {
      principal,
      expiresAtMs: (exp + CLOCK_TOLERANCE_SECONDS) * 1000,
      cachedUntilMs: nowMs + VERIFIED_CACHE_TTL_MS,
    });
  }
}

/**
 * jose lets fetch's own errors through when the provider cannot be reached at all. Matched by
 * name, not instanceof: fetch may raise them from another realm.
 */
function isFetchFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return (
    (name === 'TypeError' && typeof message === 'string' && /fetch/i.test(message)) || name === 'AbortError' || name === 'TimeoutError'
  );
}
