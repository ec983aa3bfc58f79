import { registeredRoutes } from '../../apps/case-api/src/auth/install-security';
import type { Role } from '../../apps/case-api/src/auth/roles';
import { JSON_HEADERS, startTestApp, uuid, type TestApp } from '../case-api/harness';
import { authHeaders } from '../support/auth';
import { ResponseValidator, servedDocument } from '../openapi/served-document';
import { BAD_TOKENS, badAuthorization } from './forged-tokens';

/*
 * Every /v1 route × every role × own / other municipality, and every kind of bad token, with the
 * status CONTRACT.md §2 "Who" implies. The routes come from the running app, so a route added
 * without a row here fails the suite. Rows for endpoints that do not exist yet are the contract's
 * roles, ready for whoever adds them; adjust `own` if such an endpoint needs other parameters.
 */

const OWN = '3201';
const OTHER = '0301';

type Scope =
  /** one case by id: another municipality's answers 404, as if it did not exist */
  | 'case'
  /** recording into a case: 404 for another municipality's case, 403 for opening one there */
  | 'case-write'
  /** figures filtered by `municipality`: 403 for another one */
  | 'query'
  /** the whole log, no municipality (integrity check) */
  | 'global';

interface Row {
  roles: Role[];
  scope: Scope;
  /** a request that succeeds for an allowed role of municipality 3201 */
  own: { url: string; payload?: unknown };
  /** query string without `municipality`, for query rows */
  query?: string;
}

const seedBatch = (municipality: string) => ({
  expectedVersion: 0,
  events: [
    {
      eventId: uuid(),
      type: 'NotificationReceived',
      occurredAt: '2024-05-02T09:00:00+02:00',
      data: { notificationId: 'n1', municipality, reporters: ['11'] },
    },
  ],
});
const OWN_BATCH = seedBatch(OWN);
const OTHER_BATCH = seedBatch(OTHER);

const query = (path: string, params: string): Row['own'] => ({ url: `${path}?${params}${params ? '&' : ''}municipality=${OWN}` });

const MATRIX: Record<string, Row> = {
  // A resend of the seed batch: an idempotent replay, 201 with the original result.
  'POST /v1/cases/:caseId/events': { roles: ['intake'], scope: 'case-write', own: { url: '/v1/cases/own-1/events', payload: OWN_BATCH } },
  'GET /v1/cases/:caseId': { roles: ['intake', 'leader', 'auditor'], scope: 'case', own: { url: '/v1/cases/own-1' } },
  'GET /v1/cases/:caseId/events': { roles: ['intake', 'auditor'], scope: 'case', own: { url: '/v1/cases/own-1/events' } },
  'GET /v1/deadlines': { roles: ['intake', 'leader', 'auditor'], scope: 'query', own: query('/v1/deadlines', ''), query: '' },
  'GET /v1/compliance': { roles: ['leader', 'auditor'], scope: 'query', own: query('/v1/compliance', 'period=2024'), query: 'period=2024' },
  'GET /v1/statistics/flow': {
    roles: ['leader', 'auditor'],
    scope: 'query',
    own: query('/v1/statistics/flow', 'period=2024'),
    query: 'period=2024',
  },
  'GET /v1/audit/events': { roles: ['auditor'], scope: 'query', own: query('/v1/audit/events', ''), query: '' },
  'GET /v1/audit/verify': { roles: ['auditor'], scope: 'global', own: { url: '/v1/audit/verify' } },
  'GET /v1/audit/compare': {
    roles: ['auditor'],
    scope: 'query',
    own: query('/v1/audit/compare', 'period=2024-H1&knownAt=2024-06-01T00:00:00Z'),
    query: 'period=2024-H1&knownAt=2024-06-01T00:00:00Z',
  },
  'GET /v1/audit/late-registrations': {
    roles: ['auditor'],
    scope: 'query',
    own: query('/v1/audit/late-registrations', 'days=7&period=2024'),
    query: 'days=7&period=2024',
  },
  // entries are filtered to what the auditor's municipalities cover; there is no municipality parameter
  'GET /v1/audit/access-log': { roles: ['auditor'], scope: 'global', own: { url: '/v1/audit/access-log' } },
  'GET /v1/reports/state-report': {
    roles: ['leader', 'auditor'],
    scope: 'query',
    own: query('/v1/reports/state-report', 'year=2024'),
    query: 'year=2024',
  },
  'GET /v1/reports/state-report/comparisons': {
    roles: ['leader', 'auditor'],
    scope: 'query',
    own: query('/v1/reports/state-report/comparisons', 'year=2024'),
    query: 'year=2024',
  },
  'GET /v1/reports/register-extract': {
    roles: ['leader', 'auditor'],
    scope: 'query',
    own: query('/v1/reports/register-extract', 'year=2024'),
    query: 'year=2024',
  },
  // One NDJSON line as a JSON body; cases of municipalities the admin lacks are refused inside the 201 answer.
  'POST /v1/import': {
    roles: ['admin'],
    scope: 'global',
    own: { url: '/v1/import', payload: { caseId: 'import-1', body: seedBatch(OWN) } },
  },
};

const ROLES: Role[] = ['intake', 'leader', 'auditor', 'admin'];

describe('access matrix (every /v1 route × role × municipality × token)', () => {
  let t: TestApp;
  let routes: string[];
  /** every answer below is also held to the served OpenAPI document */
  let openApi: ResponseValidator;

  beforeAll(async () => {
    t = await startTestApp();
    openApi = new ResponseValidator(await servedDocument(t.app));
    routes = [
      ...new Set(
        registeredRoutes(t.app)
          .filter((r) => r.method !== 'HEAD' && r.url.startsWith('/v1'))
          .map((r) => `${r.method} ${r.url}`),
      ),
    ];
    for (const [caseId, batch, municipality] of [
      ['own-1', OWN_BATCH, OWN],
      ['other-1', OTHER_BATCH, OTHER],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/events`,
        headers: { ...JSON_HEADERS, ...(await authHeaders(t.app, { roles: ['intake'], municipalities: [municipality] })) },
        payload: JSON.stringify(batch),
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function send(route: string, request: { url: string; payload?: unknown }, headers: Record<string, string>) {
    const method = route.split(' ')[0] as 'GET' | 'POST';
    const res = await t.app.inject({
      method,
      url: request.url,
      headers: method === 'POST' ? { ...JSON_HEADERS, ...headers } : headers,
      ...(request.payload === undefined ? {} : { payload: JSON.stringify(request.payload) }),
    });
    if (res.statusCode >= 400) expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(openApi.problems(method, request.url, res)).toEqual([]);
    return res;
  }

  it('finds the routes of the app and has a row for every /v1 route', () => {
    expect(routes).toEqual(
      expect.arrayContaining(['POST /v1/cases/:caseId/events', 'GET /v1/cases/:caseId', 'GET /v1/cases/:caseId/events']),
    );
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
  });

  it('finds every /v1 route in the OpenAPI document, so each answer below is checked against it', () => {
    const documented = Object.entries(openApi.document.paths)
      .filter(([path]) => path.startsWith('/v1'))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect([...documented].sort()).toEqual([...routes].sort());
  });

  it('answers each role by the contract, for its own municipality', async () => {
    for (const route of routes) {
      const row = MATRIX[route];
      for (const role of ROLES) {
        const res = await send(route, row.own, await authHeaders(t.app, { roles: [role], municipalities: [OWN] }));
        const expected = row.roles.includes(role) ? (route.startsWith('POST') ? 201 : 200) : 403;
        expect({ route, role, status: res.statusCode }).toEqual({ route, role, status: expected });
      }
    }
  });

  it('hides or refuses another municipality for the roles that may call the route', async () => {
    for (const route of routes) {
      const row = MATRIX[route];
      for (const role of ROLES) {
        const headers = await authHeaders(t.app, { roles: [role], municipalities: [OTHER] });
        const cases: Array<{ what: string; request: Row['own']; status: number }> = [];
        if (!row.roles.includes(role)) {
          cases.push({ what: 'role not allowed', request: row.own, status: 403 });
        } else if (row.scope === 'case') {
          cases.push({ what: "another municipality's case", request: row.own, status: 404 });
          cases.push({ what: 'a case that does not exist', request: { url: row.own.url.replace('own-1', 'no-such-case') }, status: 404 });
        } else if (row.scope === 'case-write') {
          cases.push({ what: "writing to another municipality's case", request: row.own, status: 404 });
          cases.push({
            what: 'opening a case in a municipality the token lacks',
            request: { url: '/v1/cases/new-1/events', payload: seedBatch(OWN) },
            status: 403,
          });
          cases.push({ what: 'its own case', request: { url: '/v1/cases/other-1/events', payload: OTHER_BATCH }, status: 201 });
        } else if (row.scope === 'query') {
          cases.push({ what: 'filter on another municipality', request: row.own, status: 403 });
          cases.push({
            what: 'no filter: its own municipalities',
            request: { url: `${row.own.url.split('?')[0]}?${row.query ?? ''}` },
            status: 200,
          });
        } else {
          cases.push({ what: 'the whole log', request: row.own, status: route.startsWith('POST') ? 201 : 200 });
        }
        for (const c of cases) {
          const res = await send(route, c.request, headers);
          expect({ route, role, what: c.what, status: res.statusCode }).toEqual({ route, role, what: c.what, status: c.status });
        }
      }
    }
  });

  it("answers another municipality's case exactly like a missing one", async () => {
    const headers = await authHeaders(t.app, { roles: ['auditor'], municipalities: [OTHER] });
    const hidden = await t.app.inject({ method: 'GET', url: '/v1/cases/own-1', headers });
    const missing = await t.app.inject({ method: 'GET', url: '/v1/cases/own-2', headers });
    expect(hidden.statusCode).toBe(404);
    const strip = (body: Record<string, unknown>) => ({ ...body, detail: String(body.detail).replace(/own-\d/, 'X'), instance: undefined });
    expect(strip(hidden.json())).toEqual(strip(missing.json()));
  });

  it('lets a token holding every municipality (*) see every case', async () => {
    const headers = await authHeaders(t.app, { roles: ['auditor'], municipalities: ['*'] });
    for (const caseId of ['own-1', 'other-1'])
      expect((await t.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/events`, headers })).statusCode).toBe(200);
  });

  it.each(BAD_TOKENS)('answers 401 with WWW-Authenticate on every /v1 route for a %s token', async (kind) => {
    const headers = await badAuthorization(t.app, kind);
    for (const route of routes) {
      const res = await send(route, MATRIX[route].own, headers);
      expect({ route, kind, status: res.statusCode }).toEqual({ route, kind, status: 401 });
      expect(String(res.headers['www-authenticate'])).toMatch(/^Bearer realm="fristvakt"/);
    }
  });

  it('records the token subject as recordedBy, whatever the client sends', async () => {
    const headers = {
      ...(await authHeaders(t.app, { roles: ['intake', 'auditor'], subject: 'kari.nordmann@3201' })),
      'x-recorded-by': 'someone-else',
    };
    const batch = seedBatch(OWN);
    expect((await send('POST x', { url: '/v1/cases/by-1/events', payload: batch }, headers)).statusCode).toBe(201);
    const stored = (await send('GET x', { url: '/v1/cases/by-1/events' }, headers)).json();
    expect(stored.events.map((e: { recordedBy: string }) => e.recordedBy)).toEqual(['kari.nordmann@3201']);
    const sneaky = { events: [{ ...batch.events[0], eventId: uuid(), recordedBy: 'someone-else' }] };
    expect((await send('POST x', { url: '/v1/cases/by-1/events', payload: sneaky }, headers)).statusCode).toBe(400);
  });

  describe('supervision across municipalities (DOMAIN.md §7.4)', () => {
    // a child of 3201 placed in a foster home whose supervision was moved to 0301 by agreement
    const placed = {
      expectedVersion: 0,
      events: [
        {
          eventId: uuid(),
          type: 'NotificationReceived',
          occurredAt: '2024-01-10',
          data: { notificationId: 'n1', municipality: OWN, reporters: ['11'], childBirthYear: 2015 },
        },
        {
          eventId: uuid(),
          type: 'PlacementStarted',
          occurredAt: '2024-01-20',
          data: { placementId: 'p1', category: '2.2', basis: 'care_order' },
        },
        {
          eventId: uuid(),
          type: 'SupervisionResponsibilitySet',
          occurredAt: '2024-01-20',
          data: { placementId: 'p1', municipality: OTHER },
        },
        { eventId: uuid(), type: 'MeasureStarted', occurredAt: '2024-01-22', data: { measureId: 'm1', category: '4.6' } },
      ],
    };
    const leaderOf = (municipality: string) => authHeaders(t.app, { roles: ['leader', 'auditor'], municipalities: [municipality] });
    const json = async (url: string, headers: Record<string, string>) => {
      const res = await t.app.inject({ method: 'GET', url, headers });
      return { status: res.statusCode, body: res.json() };
    };

    beforeAll(async () => {
      const res = await send(
        'POST x',
        { url: '/v1/cases/c-7001/events', payload: placed },
        await authHeaders(t.app, { roles: ['intake'], municipalities: [OWN] }),
      );
      expect(res.statusCode).toBe(201);
    });

    it('shows the supervising municipality the supervision visits it owes and counts the child in its figures, and nothing else of the case', async () => {
      const headers = await leaderOf(OTHER);
      const board = await json(`/v1/deadlines?asOf=2024-05-20&minPosition=1`, headers);
      expect(board.status).toBe(200);
      const items = board.body.items.filter((i: { caseId: string }) => i.caseId === 'c-7001');
      // the first quarter's visit is overdue (DOMAIN.md §7.6: owed quarter by quarter within the half-year)
      expect(items).toEqual([
        expect.objectContaining({
          kind: 'supervision_visit',
          municipality: OWN,
          supervisedBy: OTHER,
          id: 'p1',
          owed: 1,
          deadline: '2024-03-31',
          status: 'overdue',
        }),
      ]);
      const figures = (await json('/v1/compliance?period=2024-H1', headers)).body.followUp;
      expect(figures.supervision).toMatchObject({ denominator: 1, numerator: 0, notMet: ['c-7001'] });
      expect([figures.plans.denominator, figures.carePlans.denominator, figures.followUpVisits.denominator]).toEqual([0, 0, 0]);
      for (const url of ['/v1/cases/c-7001', '/v1/cases/c-7001/events']) expect((await json(url, headers)).status).toBe(404);
    });

    it('shows the care municipality the status of the supervision without counting it as its own', async () => {
      const headers = await leaderOf(OWN);
      const items = (await json('/v1/deadlines?asOf=2024-05-20', headers)).body.items.filter(
        (i: { caseId: string }) => i.caseId === 'c-7001',
      );
      expect(items.map((i: { kind: string }) => i.kind).sort()).toEqual([
        'care_plan',
        'follow_up_visit',
        'plan',
        'review',
        'supervision_visit',
      ]);
      expect(items.find((i: { kind: string }) => i.kind === 'supervision_visit')).toMatchObject({ supervisedBy: OTHER });
      const figures = (await json('/v1/compliance?period=2024-H1', headers)).body.followUp;
      expect(figures.supervision).toMatchObject({ denominator: 0, elsewhere: { children: 1, met: 0, notMet: ['c-7001'] } });
      expect(figures.followUpVisits).toMatchObject({ denominator: 1, notMet: ['c-7001'] });
      expect(figures.plans).toMatchObject({ denominator: 1, numerator: 0 });
    });
  });

  it('leaves health and docs open', async () => {
    const open = registeredRoutes(t.app).filter(
      (r) => r.method === 'GET' && !r.url.startsWith('/v1') && r.url !== '/metrics' && !r.url.includes(':') && !r.url.includes('*'),
    );
    expect(open.map((r) => r.url)).toEqual(expect.arrayContaining(['/health', '/docs/openapi.json']));
    for (const { url } of open) {
      const status = (await t.app.inject({ method: 'GET', url })).statusCode;
      expect({ url, refused: status === 401 || status === 403 }).toEqual({ url, refused: false });
    }
  });

  // Issue 14: the counts per municipality in /metrics are for the operator's scraper only.
  it('answers /metrics to an admin token only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    for (const role of ['intake', 'leader', 'auditor'] as const) {
      const headers = await authHeaders(t.app, { roles: [role], municipalities: ['*'] });
      expect({ role, status: (await t.app.inject({ method: 'GET', url: '/metrics', headers })).statusCode }).toEqual({ role, status: 403 });
    }
    const admin = await authHeaders(t.app, { roles: ['admin'], municipalities: [] });
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: admin })).statusCode).toBe(200);
  });
});
