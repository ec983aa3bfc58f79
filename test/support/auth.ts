import type { INestApplication } from '@nestjs/common';
import { loadConfig, type AppConfig } from '../../apps/case-api/src/config/app-config';
import { loadOrCreateEmbeddedSecret } from '../../apps/case-api/src/auth/embedded-secret';
import { mintEmbeddedToken } from '../../apps/case-api/src/auth/embedded-token';
import type { Role } from '../../apps/case-api/src/auth/roles';
import { embeddedSecretPath } from '../../apps/case-api/src/auth/security-config';
import { APP_CONFIG, CLOCK, type Clock } from '../../apps/case-api/src/tokens';

export interface TokenClaims {
  /** default intake */
  roles?: Role[];
  /** kommunenummer or `*`; default 3201, the municipality of the fixtures */
  municipalities?: string[];
  /** default `test-<roles>` */
  subject?: string;
  /** default 1 h */
  ttlSeconds?: number;
}

export type AuthHeaders = { authorization: string };

/** A token for a server with the embedded setup, signed with the secret in its config. */
export async function mintTestToken(config: AppConfig, claims: TokenClaims, now: Date): Promise<string> {
  if (config.auth.mode !== 'embedded') throw new Error('test tokens need the embedded token setup');
  const secret = loadOrCreateEmbeddedSecret(embeddedSecretPath(config.auth, config.dataDir));
  const roles = claims.roles ?? ['intake'];
  return mintEmbeddedToken(config.auth, secret, {
    subject: claims.subject ?? `test-${roles.join('-')}`,
    roles,
    municipalities: claims.municipalities ?? ['3201'],
    ttlSeconds: claims.ttlSeconds ?? 3600,
    now,
  });
}

/** A token an in-process test app accepts, issued at the app's (possibly pinned) clock. */
export function tokenFor(app: INestApplication, claims: TokenClaims = {}): Promise<string> {
  return mintTestToken(app.get<AppConfig>(APP_CONFIG), claims, app.get<Clock>(CLOCK)());
}

/** `{ authorization: 'Bearer …' }` to spread into `inject` headers. */
export async function authHeaders(app: INestApplication, claims: TokenClaims = {}): Promise<AuthHeaders> {
  return { authorization: `Bearer ${await tokenFor(app, claims)}` };
}

/** Headers for a server started as a child process on `dataDir` with default auth settings (real clock). */
export async function authHeadersForDataDir(dataDir: string, claims: TokenClaims = {}): Promise<AuthHeaders> {
  return { authorization: `Bearer ${await mintTestToken(loadConfig({ FRISTVAKT_DATA_DIR: dataDir }), claims, new Date())}` };
}
