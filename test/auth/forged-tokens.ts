import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { SignJWT, type JWTPayload } from 'jose';
import { loadOrCreateEmbeddedSecret } from '../../apps/case-api/src/auth/embedded-secret';
import { embeddedSecretPath } from '../../apps/case-api/src/auth/security-config';
import type { AppConfig } from '../../apps/case-api/src/config/app-config';
import { APP_CONFIG, CLOCK, type Clock } from '../../apps/case-api/src/tokens';

/** Every way a token can be wrong that must answer 401. */
export const BAD_TOKENS = ['missing', 'expired', 'wrongly signed', 'wrong issuer', 'wrong audience', 'alg none', 'not a JWT'] as const;
export type BadToken = (typeof BAD_TOKENS)[number];

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The Authorization header for a bad token of the given kind; otherwise a valid intake/auditor token. */
export async function badAuthorization(app: INestApplication, kind: BadToken): Promise<Record<string, string>> {
  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.auth.mode !== 'embedded') throw new Error('embedded setup expected');
  const now = Math.floor(app.get<Clock>(CLOCK)().getTime() / 1000);
  const claims: JWTPayload = { sub: 'mallory', roles: ['intake', 'leader', 'auditor', 'admin'], municipalities: ['*'] };
  const secret = loadOrCreateEmbeddedSecret(embeddedSecretPath(config.auth, config.dataDir));
  const sign = (payload: JWTPayload, key: Uint8Array = secret) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(key);
  const valid = { ...claims, iss: config.auth.issuer, aud: config.auth.audience, iat: now, exp: now + 3600 };
  switch (kind) {
    case 'missing':
      return {};
    case 'expired':
      // Past the clock tolerance, not merely past exp.
      return bearer(await sign({ ...valid, iat: now - 7200, exp: now - 3600 }));
    case 'wrongly signed':
      return bearer(await sign(valid, new Uint8Array(randomBytes(32))));
    case 'wrong issuer':
      return bearer(await sign({ ...valid, iss: 'https://evil.example/' }));
    case 'wrong audience':
      return bearer(await sign({ ...valid, aud: 'another-api' }));
    case 'alg none':
      return bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(valid)}.`);
    case 'not a JWT':
      return { authorization: 'Basic aW50YWtlOmludGFrZQ==' };
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
