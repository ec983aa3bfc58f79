import { loadConfig } from '../../apps/case-api/src/config/app-config';
import { loadOrCreateEmbeddedSecret } from '../../apps/case-api/src/auth/embedded-secret';
import { mintEmbeddedToken } from '../../apps/case-api/src/auth/embedded-token';
import { embeddedSecretPath } from '../../apps/case-api/src/auth/security-config';

/** A bearer header for an intake user in 3201, signed with the embedded secret of the server's data dir. */
export async function benchAuthorization(dataDir: string): Promise<string> {
  const config = loadConfig({ FRISTVAKT_DATA_DIR: dataDir });
  if (config.auth.mode !== 'embedded') throw new Error('benches run the embedded setup');
  const secret = loadOrCreateEmbeddedSecret(embeddedSecretPath(config.auth, config.dataDir));
  const token = await mintEmbeddedToken(config.auth, secret, {
    subject: 'bench-intake',
    roles: ['intake'],
    municipalities: ['3201'],
    ttlSeconds: 3600,
  });
  return `Bearer ${token}`;
}
