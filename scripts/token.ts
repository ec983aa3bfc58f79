/*
 * Prints a bearer token for the embedded setup, signed with the secret the server uses
 * (`<data dir>/auth-secret` or FRISTVAKT_AUTH_SECRET_FILE; created here if the server never ran):
 *
 *   TOKEN=$(npm run -s token -- --role intake --municipality 3201)
 *   npm run -s token -- --role leader --role auditor --municipality 3201,0301 --sub kari --ttl 15m
 */
import { parseArgs } from 'node:util';
import { containsNationalIdentityNumber } from '@fristvakt/case-recording';
import { ConfigError, environmentWithDotEnv, loadConfig } from '../apps/case-api/src/config/app-config';
import { loadOrCreateEmbeddedSecret } from '../apps/case-api/src/auth/embedded-secret';
import { mintEmbeddedToken, parseTtl } from '../apps/case-api/src/auth/embedded-token';
import { ALL_MUNICIPALITIES } from '../apps/case-api/src/auth/principal';
import { isRole, ROLES, type Role } from '../apps/case-api/src/auth/roles';
import { embeddedSecretPath } from '../apps/case-api/src/auth/security-config';

const USAGE = `usage: npm run -s token -- --role <${ROLES.join('|')}> [--role …] --municipality <kommunenummer|*>[,…] [--sub <subject>] [--ttl 8h]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string', multiple: true, default: [] },
        municipality: { type: 'string', multiple: true, default: [] },
        sub: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const roles = values.role.flatMap((r) => r.split(',')).map((r) => r.trim());
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length > 0)
    fail(`--role must be one or more of ${ROLES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
  const municipalities = values.municipality.flatMap((m) => m.split(',')).map((m) => m.trim());
  if (municipalities.some((m) => m !== ALL_MUNICIPALITIES && !/^\d{4}$/.test(m))) fail('--municipality must be 4-digit kommunenummer or *');
  if (municipalities.length === 0 && !roles.every((r) => r === 'admin'))
    fail('--municipality is required: the roles that see case data see only their municipalities');
  const ttlSeconds = parseTtl(values.ttl);
  if (ttlSeconds === undefined || ttlSeconds > 30 * 86_400) fail('--ttl must be a duration such as 900, 15m, 8h or 7d (at most 30d)');
  const subject = values.sub ?? `local-${roles.join('-')}`;
  if (!/^[\x21-\x7e]{1,256}$/.test(subject) || containsNationalIdentityNumber(subject)) {
    fail(
      '--sub must be 1-256 printable ASCII characters without spaces, and never a fødselsnummer/D-nummer (it is written into the event log)',
    );
  }

  let config;
  try {
    config = loadConfig(environmentWithDotEnv());
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (config.auth.mode !== 'embedded') {
    fail('FRISTVAKT_AUTH_JWKS_URL is set: tokens come from your identity provider, not from this script');
  }
  const secret = loadOrCreateEmbeddedSecret(embeddedSecretPath(config.auth, config.dataDir));
  const token = await mintEmbeddedToken(config.auth, secret, { subject, roles: roles as Role[], municipalities, ttlSeconds });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
