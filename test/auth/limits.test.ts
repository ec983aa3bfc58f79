import { JSON_HEADERS, startTestApp, type TestApp } from '../case-api/harness';
import { authHeaders } from '../support/auth';

describe('limits and headers (e2e)', () => {
  describe('rate limit per token subject', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ http: { rateLimitPerMinute: 3, requestTimeoutMs: 30_000, connectionTimeoutMs: 120_000, corsOrigins: [] } });
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers 429 problem+json with Retry-After past the limit, per subject, never on health', async () => {
      const kari = await authHeaders(t.app, { roles: ['auditor'], subject: 'kari' });
      const ola = await authHeaders(t.app, { roles: ['auditor'], subject: 'ola' });
      const get = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/cases/none', headers });
      for (let i = 0; i < 3; i++) expect((await get(kari)).statusCode).toBe(404);
      const limited = await get(kari);
      expect(limited.statusCode).toBe(429);
      expect(String(limited.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ status: 429, type: 'urn:fristvakt:problem:rate-limited' });
      // Another subject from the same address has its own budget.
      expect((await get(ola)).statusCode).toBe(404);
      for (let i = 0; i < 5; i++) expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).not.toBe(429);
    });
  });

  describe('defaults', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('sets security headers, with a same-origin CSP on the docs page', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/docs' });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|https?:)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const api = await t.app.inject({ method: 'GET', url: '/v1/cases/x', headers: await authHeaders(t.app) });
      expect(api.headers['x-content-type-options']).toBe('nosniff');
    });

    it('has CORS off unless origins are configured', async () => {
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/v1/cases/x',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const get = await t.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('sets request and connection timeouts on the server', () => {
      const fastify = t.app.getHttpAdapter().getInstance();
      // initialConfig carries requestTimeout at runtime though its type leaves it out.
      expect((fastify.initialConfig as { requestTimeout?: number }).requestTimeout).toBe(30_000);
      expect(fastify.initialConfig.connectionTimeout).toBe(120_000);
    });

    it('still refuses a body over 1 MB and more than 100 events', async () => {
      const headers = { ...JSON_HEADERS, ...(await authHeaders(t.app)) };
      const big = await t.app.inject({
        method: 'POST',
        url: '/v1/cases/b/events',
        headers,
        payload: JSON.stringify({ events: ['x'.repeat(1_100_000)] }),
      });
      expect(big.statusCode).toBe(413);
      const event = { type: 'MeasureEnded', occurredAt: '2024-01-01', data: { measureId: 'm' } };
      const many = await t.app.inject({
        method: 'POST',
        url: '/v1/cases/b/events',
        headers,
        payload: JSON.stringify({ events: Array(101).fill(event) }),
      });
      expect(many.statusCode).toBe(400);
    });
  });

  describe('configured CORS origins', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        http: {
          rateLimitPerMinute: 6000,
          requestTimeoutMs: 30_000,
          connectionTimeoutMs: 120_000,
          corsOrigins: ['https://fristvakt.baerum.kommune.no'],
        },
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers preflights for those origins only', async () => {
      const preflight = (origin: string) =>
        t.app.inject({
          method: 'OPTIONS',
          url: '/v1/cases/x',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
        });
      const allowed = await preflight('https://fristvakt.baerum.kommune.no');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://fristvakt.baerum.kommune.no');
      expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
      expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('OpenAPI', () => {
  it('declares bearer auth with 401/403/429 on every /v1 operation', async () => {
    const t = await startTestApp();
    try {
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json();
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const operations = Object.entries(
        doc.paths as Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>,
      )
        .filter(([path]) => path.startsWith('/v1'))
        .flatMap(([, item]) => Object.values(item));
      expect(operations.length).toBeGreaterThan(0);
      for (const op of operations) {
        expect(op.security).toEqual([{ bearer: [] }]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
      }
    } finally {
      await t.close();
    }
  });
});
