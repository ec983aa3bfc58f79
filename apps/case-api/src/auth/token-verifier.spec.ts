import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateEmbeddedSecret } from './embedded-secret';
import { mintEmbeddedToken } from './embedded-token';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER, embeddedSecretPath, type AuthConfig } from './security-config';
import { CLOCK_TOLERANCE_SECONDS, TokenVerifier } from './token-verifier';

type EmbeddedAuth = Extract<AuthConfig, { mode: 'embedded' }>;

describe('TokenVerifier remembering verified tokens', () => {
  const config: EmbeddedAuth = {
    mode: 'embedded',
    issuer: EMBEDDED_ISSUER,
    audience: EMBEDDED_AUDIENCE,
    secretFile: null,
    rolesClaim: 'roles',
    municipalitiesClaim: 'municipalities',
  };
  let dataDir: string;
  let secret: Uint8Array;
  let clock: Date;
  let verifier: TokenVerifier;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fv-verifier-'));
    secret = loadOrCreateEmbeddedSecret(embeddedSecretPath(config, dataDir));
    clock = new Date('2024-06-15T12:00:00Z');
    verifier = new TokenVerifier(config, dataDir, () => clock);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const mint = (ttlSeconds: number) =>
    mintEmbeddedToken(config, secret, { subject: 'kari', roles: ['intake'], municipalities: ['3201'], ttlSeconds, now: clock });

  it('given a token verified once, when it is presented again after it expired, then it is refused as expired', async () => {
    const token = await mint(60);
    expect(await verifier.verify(token)).toMatchObject({ ok: true, principal: { subject: 'kari' } });

    clock = new Date(clock.getTime() + (60 + CLOCK_TOLERANCE_SECONDS + 1) * 1000);
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('given a verified token, when one character of its signature changes, then the changed token is refused', async () => {
    const token = await mint(3600);
    expect((await verifier.verify(token)).ok).toBe(true);

    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(await verifier.verify(tampered)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('given a refused token, when it is presented again, then it is refused again', async () => {
    const token = `${await mint(3600)}x`;
    expect((await verifier.verify(token)).ok).toBe(false);
    expect((await verifier.verify(token)).ok).toBe(false);
  });

  it('given a token issued beyond the clock skew in the future, when it is presented, then it is refused', async () => {
    const issuedAt = (offsetSeconds: number) =>
      mintEmbeddedToken(config, secret, {
        subject: 'kari',
        roles: ['intake'],
        municipalities: ['3201'],
        ttlSeconds: 3600,
        now: new Date(clock.getTime() + offsetSeconds * 1000),
      });
    expect(await verifier.verify(await issuedAt(365 * 86_400))).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifier.verify(await issuedAt(CLOCK_TOLERANCE_SECONDS + 2))).toEqual({ ok: false, reason: 'invalid' });
    expect((await verifier.verify(await issuedAt(CLOCK_TOLERANCE_SECONDS - 2))).ok).toBe(true);
  });
});
