import type { AppConfig } from '../config/app-config';
import { loadOrCreateEmbeddedSecret } from '../auth/embedded-secret';
import { mintEmbeddedToken } from '../auth/embedded-token';
import { embeddedSecretPath } from '../auth/security-config';
import type { Clock } from '../tokens';

export const DEMO_TOKEN_TTL_SECONDS = 15 * 60;
export const DEMO_SUBJECT = 'dashboard-demo';

/**
 * Whether the dashboard's one-click login exists. It hands a leader token for every municipality
 * to anyone who can reach the page, with no password: acceptable on a laptop or a demo with
 * generated data, never next to real cases. So it needs both the embedded token setup (a real
 * identity provider means real users) and an explicit FRISTVAKT_DASHBOARD_DEMO_LOGIN=true; the
 * config refuses that setting together with a JWKS URL.
 */
export function demoLoginEnabled(config: AppConfig): boolean {
  return config.dashboardDemoLogin && config.auth.mode === 'embedded';
}

/** A short-lived leader token, so a forgotten demo tab does not stay logged in for a working day. */
export async function mintDemoToken(config: AppConfig, clock: Clock): Promise<{ token: string; expiresIn: number }> {
  if (config.auth.mode !== 'embedded') throw new Error('the demo login needs the embedded token setup');
  const secret = loadOrCreateEmbeddedSecret(embeddedSecretPath(config.auth, config.dataDir));
  const token = await mintEmbeddedToken(config.auth, secret, {
    subject: DEMO_SUBJECT,
    roles: ['leader'],
    municipalities: ['*'],
    ttlSeconds: DEMO_TOKEN_TTL_SECONDS,
    now: clock(),
  });
  return { token, expiresIn: DEMO_TOKEN_TTL_SECONDS };
}
