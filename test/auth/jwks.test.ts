import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { startTestApp, type TestApp } from '../case-api/harness';

/*
 * The production setup: tokens from the municipality's OIDC provider, verified against its JWKS.
 * A local HTTP server stands in for Entra ID / ID-porten.
 */

const ISSUER = 'https://login.example.no/tenant/v2.0';
const AUDIENCE = 'api://fristvakt';

describe('JWKS verification (RS256 / ES256 from an OIDC provider)', () => {
  let jwks: Server;
  let jwksUrl: URL;
  let rsa: { privateKey: CryptoKey; publicKey: CryptoKey };
  let ec: { privateKey: CryptoKey; publicKey: CryptoKey };
  let t: TestApp;
  const published: JWK[] = [];

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true });
    ec = await generateKeyPair('ES256', { extractable: true });
    published.push({ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' });
    published.push({ ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' });
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    jwksUrl = new URL(`http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`);
    t = await startTestApp(
      {
        auth: { mode: 'jwks', jwksUrl, issuer: ISSUER, audience: AUDIENCE, rolesClaim: 'roles', municipalitiesClaim: 'kommuner' },
        // The tokens are signed now (setIssuedAt): on a clock pinned in the past they would be issued in its future.
      },
      { clock: () => new Date() },
    );
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => jwks.close(r));
  });

  const claims = (extra: JWTPayload = {}): JWTPayload => ({ sub: 'entra-oid-1', roles: ['auditor'], kommuner: ['3201'], ...extra });
  const sign = (payload: JWTPayload, alg: 'RS256' | 'ES256', kid: string, key: CryptoKey) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg, kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  const status = async (token: string) =>
    (await t.app.inject({ method: 'GET', url: '/v1/cases/none', headers: { authorization: `Bearer ${token}` } })).statusCode;

  it('accepts RS256 and ES256 tokens signed with the published keys (404: authorized, case unknown)', async () => {
    expect(await status(await sign(claims(), 'RS256', 'rsa-1', rsa.privateKey))).toBe(404);
    expect(await status(await sign(claims(), 'ES256', 'ec-1', ec.privateKey))).toBe(404);
  });

  it('reads the configured municipalities claim and ignores roles it does not know', async () => {
    const token = await sign(claims({ roles: ['Fristvakt.Superuser', 'leader'] }), 'RS256', 'rsa-1', rsa.privateKey);
    expect(await status(token)).toBe(404);
    const noRole = await sign(claims({ roles: ['Fristvakt.Superuser'] }), 'RS256', 'rsa-1', rsa.privateKey);
    expect(await status(noRole)).toBe(403);
  });

  it('refuses HS256 signed with the public key (algorithm confusion), unknown keys, and alg none', async () => {
    const pem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    const confused = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(pem);
    expect(await status(confused)).toBe(401);
    const other = await generateKeyPair('RS256');
    expect(await status(await sign(claims(), 'RS256', 'rsa-1', other.privateKey))).toBe(401);
    expect(await status(await sign(claims(), 'RS256', 'rsa-unknown', other.privateKey))).toBe(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims(), iss: ISSUER, aud: AUDIENCE, exp: 9e9 })).toString('base64url')}.`;
    expect(await status(none)).toBe(401);
  });

  it('refuses tokens without exp, with a subject that is an identity number, or a malformed municipalities claim', async () => {
    const noExp = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(rsa.privateKey);
    expect(await status(noExp)).toBe(401);
    expect(await status(await sign(claims({ sub: '01010750160' }), 'RS256', 'rsa-1', rsa.privateKey))).toBe(401);
    expect(await status(await sign(claims({ kommuner: ['Bærum'] }), 'RS256', 'rsa-1', rsa.privateKey))).toBe(401);
  });
});

describe('JWKS unreachable', () => {
  it('answers 503, not 401, so clients keep their tokens', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const t = await startTestApp({
      auth: {
        mode: 'jwks',
        jwksUrl: new URL(`http://127.0.0.1:${port}/keys`),
        issuer: ISSUER,
        audience: AUDIENCE,
        rolesClaim: 'roles',
        municipalitiesClaim: 'municipalities',
      },
    });
    try {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ sub: 's', roles: ['auditor'], municipalities: ['3201'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
      const res = await t.app.inject({ method: 'GET', url: '/v1/cases/none', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(503);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    } finally {
      await t.close();
    }
  });
});
