import { authHeaders, type AuthHeaders } from '../support/auth';
import { NOW, JSON_HEADERS, startTestApp, uuid, type TestApp } from './harness';

const received = (notificationId: string, occurredAt = '2024-01-31T09:00:00+01:00') => ({
  eventId: uuid(),
  type: 'NotificationReceived',
  occurredAt,
  data: { notificationId, municipality: '3201', reporters: ['11', '9'], childBirthYear: 2014 },
});

describe('case API (e2e, in-process, SQLite in a temp dir)', () => {
  let t: TestApp;
  let auth: AuthHeaders;
  beforeAll(async () => {
    t = await startTestApp();
    // 0301 too: one test reuses an eventId with another municipality and expects the 409.
    auth = await authHeaders(t.app, { roles: ['intake', 'auditor'], municipalities: ['3201', '0301'], subject: 'e2e-intake' });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (caseId: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/events`,
      headers: { ...JSON_HEADERS, ...auth, ...headers },
      payload: JSON.stringify(body),
    });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth });

  function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> }, status: number) {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    return body;
  }

  it('records the flow notification → investigation opened → extended → closed, then reads it back', async () => {
    const n = received('n1');
    const first = await post('flow-1', { expectedVersion: 0, events: [n] });
    expect(first.statusCode).toBe(201);
    expect(first.headers.etag).toBe('W/"1"');
    expect(first.json()).toEqual({ caseId: 'flow-1', version: 1, position: expect.any(Number), eventIds: [n.eventId] });

    const opened = {
      eventId: uuid(),
      type: 'InvestigationOpened',
      occurredAt: '2024-02-02',
      data: { investigationId: 'u1', notificationId: 'n1' },
    };
    const second = await post('flow-1', { events: [opened] }, { 'if-match': 'W/"1"' });
    expect(second.statusCode).toBe(201);
    expect(second.headers.etag).toBe('W/"2"');

    const rest = [
      { type: 'InvestigationExtended', occurredAt: '2024-04-20', data: { investigationId: 'u1', reason: 'complex_case' } },
      {
        type: 'InvestigationClosed',
        occurredAt: '2024-06-01T14:00:00+02:00',
        data: { investigationId: 'u1', outcome: 'measures_decided' },
      },
    ];
    const third = await post('flow-1', { expectedVersion: 2, events: rest });
    expect(third.statusCode).toBe(201);
    expect(third.json()).toMatchObject({ version: 4 });
    expect(third.json().eventIds).toHaveLength(2);

    const view = await get('/v1/cases/flow-1');
    expect(view.statusCode).toBe(200);
    expect(view.headers.etag).toBe('W/"4"');
    expect(view.json()).toMatchObject({
      caseId: 'flow-1',
      municipality: '3201',
      version: 4,
      asOf: '2024-06-15',
      method: 'legal',
      notifications: [
        {
          notificationId: 'n1',
          receivedDate: '2024-01-31',
          reviewDeadline: '2024-02-07',
          concludedDate: '2024-02-02',
          conclusion: 'investigation',
          onTime: true,
          ruleSet: 'bvl2021',
        },
      ],
      investigations: [
        {
          investigationId: 'u1',
          notificationId: 'n1',
          openedDate: '2024-02-02',
          deadline: '2024-08-07',
          extension: { decidedDate: '2024-04-20', status: 'pending', inForce: true },
          closedDate: '2024-06-01',
          outcome: 'measures_decided',
          onTime: true,
          ruleSet: 'bvl2021',
        },
      ],
    });

    const statistical = await get('/v1/cases/flow-1?method=statistical&asOf=2024-03-01');
    expect(statistical.statusCode).toBe(200);
    // As of 1 March only the notification and the opening had occurred.
    expect(statistical.json()).toMatchObject({
      method: 'statistical',
      asOf: '2024-03-01',
      investigations: [{ investigationId: 'u1', deadline: '2024-05-07', extension: null, closedDate: null, status: 'ok' }],
    });

    // like the leader queries: asOf an instant (its Oslo date), knownAt a date (the end of that Oslo day)
    const late = await get('/v1/cases/flow-1?asOf=2024-03-01T23:30:00Z&knownAt=2024-06-15');
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ asOf: '2024-03-02', version: 4, investigations: [{ investigationId: 'u1', closedDate: null }] });
    // everything was recorded on 15 June (the test clock), so the answer known at the end of 14 June has no events
    const before = await get('/v1/cases/flow-1?knownAt=2024-06-14');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ municipality: null, notifications: [], investigations: [] });

    const events = await get('/v1/cases/flow-1/events');
    expect(events.statusCode).toBe(200);
    const body = events.json();
    expect(body.caseId).toBe('flow-1');
    expect(body.version).toBe(4);
    expect(body.events.map((e: { type: string; version: number }) => [e.type, e.version])).toEqual([
      ['NotificationReceived', 1],
      ['InvestigationOpened', 2],
      ['InvestigationExtended', 3],
      ['InvestigationClosed', 4],
    ]);
    expect(body.events[0]).toEqual({
      ...n,
      caseId: 'flow-1',
      version: 1,
      position: expect.any(Number),
      recordedAt: NOW.toISOString(),
      recordedBy: 'e2e-intake',
      schemaVersion: 1,
    });
    const positions = body.events.map((e: { position: number }) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('answers 409 with both versions for a stale expectedVersion or If-Match', async () => {
    await post('stale-1', { events: [received('n1')] });
    const byBody = expectProblem(await post('stale-1', { expectedVersion: 0, events: [received('n2')] }), 409);
    expect(byBody).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    const byHeader = expectProblem(await post('stale-1', { events: [received('n2')] }, { 'if-match': 'W/"7"' }), 409);
    expect(byHeader).toMatchObject({ expectedVersion: 7, actualVersion: 1 });
  });

  it('answers 400 when If-Match and expectedVersion disagree, or If-Match is not a version tag', async () => {
    const both = expectProblem(await post('im-1', { expectedVersion: 0, events: [received('n1')] }, { 'if-match': 'W/"1"' }), 400);
    expect(both.errors).toEqual([{ header: 'If-Match', detail: expect.stringContaining('expectedVersion') }]);
    expectProblem(await post('im-1', { events: [received('n1')] }, { 'if-match': '*' }), 400);
    expect((await get('/v1/cases/im-1')).statusCode).toBe(404);
  });

  it('returns the original result for an exact resend and appends nothing', async () => {
    const body = { expectedVersion: 0, events: [received('n1'), received('n2')] };
    const original = await post('idem-1', body);
    expect(original.statusCode).toBe(201);
    const head = await t.store.headPosition();
    const again = await post('idem-1', body);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(original.json());
    expect(again.headers.etag).toBe(original.headers.etag);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('answers 409 when an eventId is reused with different content', async () => {
    const n = received('n1');
    await post('reuse-1', { events: [n] });
    const problem = expectProblem(await post('reuse-1', { events: [{ ...n, data: { ...n.data, municipality: '0301' } }] }), 409);
    expect(problem.eventIds).toEqual([n.eventId]);
    expectProblem(await post('reuse-2', { events: [n] }), 409);
  });

  it('answers 422 naming the rule and the event, and stores nothing', async () => {
    const head = await t.store.headPosition();
    const problem = expectProblem(
      await post('rule-1', {
        events: [{ type: 'InvestigationOpened', occurredAt: '2024-02-02', data: { investigationId: 'u1', notificationId: 'n1' } }],
      }),
      422,
    );
    expect(problem).toMatchObject({ rule: 'first_event_must_be_notification', eventIndex: 0 });
    expect(problem.detail).toContain('first_event_must_be_notification');

    const two = expectProblem(
      await post('rule-2', {
        events: [
          received('n1'),
          { type: 'InvestigationClosed', occurredAt: '2024-02-02', data: { investigationId: 'u9', outcome: 'measures_decided' } },
        ],
      }),
      422,
    );
    expect(two).toMatchObject({ rule: 'unknown_investigation', eventIndex: 1 });
    expect(two.detail).toContain('u9');
    expect(await t.store.headPosition()).toBe(head);
  });

  it('answers 404 for an unknown case and an unknown route', async () => {
    expectProblem(await get('/v1/cases/nobody'), 404);
    expectProblem(await get('/v1/cases/nobody/events'), 404);
    expectProblem(await get('/v2/anything'), 404);
  });

  it('answers 405 with Allow for a method a known path does not have', async () => {
    const del = await t.app.inject({ method: 'DELETE', url: '/v1/cases/flow-1', headers: auth });
    expectProblem(del, 405);
    expect(del.headers.allow).toBe('GET, HEAD');
    const put = await t.app.inject({ method: 'PUT', url: '/v1/cases/flow-1/events?x=1', headers: auth });
    expectProblem(put, 405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expect(put.json()).toMatchObject({ type: 'urn:fristvakt:problem:method-not-allowed', instance: '/v1/cases/flow-1/events' });
    // an unknown path stays 404 whatever the method
    expectProblem(await t.app.inject({ method: 'DELETE', url: '/v2/anything', headers: auth }), 404);
  });

  it('answers 400 for a caseId that is not an acceptable id', async () => {
    const fnr = expectProblem(await get('/v1/cases/01010750160'), 400);
    expect(fnr.errors).toEqual([{ parameter: 'caseId', detail: expect.stringContaining('fødselsnummer') }]);
    expectProblem(await get(`/v1/cases/${'a'.repeat(65)}`), 400);
    expectProblem(await post('bad%20id', { events: [received('n1')] }), 400);
  });

  it('answers 400 for bad query parameters, naming each', async () => {
    await post('q-1', { events: [received('n1')] });
    const problem = expectProblem(await get('/v1/cases/q-1?asOf=2024-13-01&method=fast&foo=1'), 400);
    expect((problem.errors as Array<{ parameter: string }>).map((e) => e.parameter).sort()).toEqual(['asOf', 'foo', 'method']);
  });

  it('answers 413 for a body over 1 MB and 415 for other media types', async () => {
    const big = JSON.stringify({ events: [received('n1')], pad: 'x'.repeat(1024 * 1024) });
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/v1/cases/big-1/events', headers: { ...JSON_HEADERS, ...auth }, payload: big }),
      413,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/v1/cases/m-1/events',
        headers: { ...auth, 'content-type': 'text/plain' },
        payload: '{}',
      }),
      415,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/v1/cases/m-1/events',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=1',
      }),
      415,
    );
    expectProblem(await t.app.inject({ method: 'POST', url: '/v1/cases/m-1/events', headers: auth, payload: '' }), 415);
  });

  it('answers 400 for malformed JSON without echoing the body', async () => {
    const problem = expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/v1/cases/j-1/events',
        headers: { ...JSON_HEADERS, ...auth },
        payload: '{"events": [01010750160',
      }),
      400,
    );
    expect(JSON.stringify(problem)).not.toContain('01010750160');
  });

  it('serves health and the OpenAPI document with every event schema', async () => {
    const health = await get('/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: 'ok',
      components: expect.arrayContaining([{ name: 'store', ready: true }, expect.objectContaining({ name: 'projections', ready: true })]),
    });

    const doc = await get('/docs/openapi.json');
    expect(doc.statusCode).toBe(200);
    const schemas = doc.json().components.schemas;
    expect(schemas.CaseEvent.discriminator.propertyName).toBe('type');
    expect(schemas.CaseEvent.oneOf).toHaveLength(19);
    expect(schemas.NotificationReceivedData.required).toEqual(['notificationId', 'municipality', 'reporters']);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/v1/cases/{caseId}/events', '/v1/cases/{caseId}', '/health']));
  });

  it('serves the Swagger UI page and its assets from the package, not a CDN', async () => {
    const page = await get('/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const scripts = [...page.body.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/swagger-ui-standalone-preset.js',
      '/docs/assets/swagger-initializer.js',
    ]);
    for (const script of scripts) {
      const asset = await get(script);
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toContain('javascript');
    }
    expect((await get('/docs/assets/swagger-initializer.js')).body).toContain('/docs/openapi.json');
    expect((await get('/docs/assets/..%2Fpackage.json')).statusCode).toBe(404);
  });
});
