import type { Role } from '../../apps/case-api/src/auth/roles';
import { JSON_HEADERS, startTestApp, uuid, type TestApp } from '../case-api/harness';
import { authHeaders } from '../support/auth';
import { documentedOperations, ResponseValidator, servedDocument } from './served-document';

/*
 * Every operation of the served document called with each answer it can give here (success in each
 * media type, each class of error), every answer held to the document by ResponseValidator: status
 * documented, media type listed, required headers sent, JSON body valid against the schema. The
 * access matrix (test/auth/access-matrix.test.ts) adds every role × municipality × bad token. An
 * operation the document gains without a call here fails the last test.
 */

interface Call {
  method: 'GET' | 'POST';
  url: string;
  roles: Role[];
  payload?: unknown;
  headers?: Record<string, string>;
  status: number;
}

const received = (notificationId: string, occurredAt = '2024-01-31T10:15:00+01:00') => ({
  eventId: uuid(),
  type: 'NotificationReceived',
  occurredAt,
  data: { notificationId, municipality: '3201', reporters: ['11'], childBirthYear: 2014 },
});
const opened = { type: 'InvestigationOpened', occurredAt: '2024-02-02', data: { investigationId: 'u1', notificationId: 'n1' } };
const first = received('n1');
const LEADER: Role[] = ['leader'];
const AUDITOR: Role[] = ['auditor'];
const INTAKE: Role[] = ['intake'];

const CALLS: Call[] = [
  // recording: success, replay, each refusal
  { method: 'POST', url: '/v1/cases/r-1/events', roles: INTAKE, payload: { expectedVersion: 0, events: [first] }, status: 201 },
  { method: 'POST', url: '/v1/cases/r-1/events', roles: INTAKE, payload: { expectedVersion: 0, events: [first] }, status: 201 },
  {
    method: 'POST',
    url: '/v1/cases/r-1/events',
    roles: INTAKE,
    payload: { events: [opened] },
    headers: { 'if-match': 'W/"1"' },
    status: 201,
  },
  { method: 'POST', url: '/v1/cases/r-1/events', roles: INTAKE, payload: { expectedVersion: 0, events: [received('n2')] }, status: 409 },
  {
    method: 'POST',
    url: '/v1/cases/r-1/events',
    roles: INTAKE,
    payload: { events: [{ ...opened, data: { investigationId: 'u2', notificationId: 'nope' } }] },
    status: 422,
  },
  { method: 'POST', url: '/v1/cases/r-2/events', roles: INTAKE, payload: { events: [{ ...first, occurredAt: 'yesterday' }] }, status: 400 },
  {
    method: 'POST',
    url: '/v1/cases/r-2/events',
    roles: INTAKE,
    payload: { events: [{ ...received('n9'), type: 'ChildRenamed' }] },
    status: 400,
  },
  { method: 'POST', url: '/v1/cases/r-2/events', roles: INTAKE, payload: { events: [first], pad: 'x'.repeat(1024 * 1024) }, status: 413 },
  { method: 'POST', url: '/v1/cases/r-2/events', roles: INTAKE, payload: 'text', headers: { 'content-type': 'text/plain' }, status: 415 },
  // one case
  { method: 'GET', url: '/v1/cases/r-1', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/cases/r-1?asOf=2024-03-01T10:00:00Z&knownAt=2024-06-15&method=statistical', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/cases/r-1?asOf=someday', roles: LEADER, status: 400 },
  { method: 'GET', url: '/v1/cases/nobody', roles: LEADER, status: 404 },
  { method: 'GET', url: '/v1/cases/r-1/events', roles: AUDITOR, status: 200 },
  { method: 'GET', url: '/v1/cases/r-1/events?view=timeline', roles: AUDITOR, status: 200 },
  { method: 'GET', url: '/v1/cases/r-1/events?view=tree', roles: AUDITOR, status: 400 },
  { method: 'GET', url: '/v1/cases/nobody/events', roles: AUDITOR, status: 404 },
  // leaders
  { method: 'GET', url: '/v1/deadlines?municipality=3201&asOf=2024-02-05&status=ok&kind=investigation', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/deadlines?status=late', roles: LEADER, status: 400 },
  { method: 'GET', url: '/v1/deadlines?minPosition=999999', roles: LEADER, status: 503 },
  { method: 'GET', url: '/v1/compliance?municipality=3201&period=2024-H1&suppressSmallCounts=true', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/compliance?period=2024-H3', roles: LEADER, status: 400 },
  { method: 'GET', url: '/v1/compliance?period=2024&municipality=0301', roles: LEADER, status: 403 },
  { method: 'GET', url: '/v1/statistics/flow?from=2024-01-01&to=2024-06-30', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/statistics/flow', roles: LEADER, status: 400 },
  { method: 'GET', url: '/v1/reports/state-report?year=2024', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/reports/state-report?year=2024&format=html', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/reports/state-report?year=2024&format=csv', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/reports/state-report?year=1900', roles: LEADER, status: 400 },
  { method: 'GET', url: '/v1/reports/state-report/comparisons?year=2024&years=3&municipality=3201', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/reports/state-report/comparisons?year=2024&format=md', roles: LEADER, status: 400 },
  { method: 'GET', url: '/v1/reports/register-extract?year=2024&municipality=3201', roles: LEADER, status: 200 },
  { method: 'GET', url: '/v1/reports/register-extract?municipality=3201', roles: LEADER, status: 400 },
  // the admin's import: an NDJSON line is a POST body with its caseId
  {
    method: 'POST',
    url: '/v1/import',
    roles: ['admin'],
    payload: JSON.stringify({ caseId: 'imp-1', expectedVersion: 0, events: [received('n1')] }),
    headers: { 'content-type': 'application/x-ndjson' },
    status: 201,
  },
  {
    method: 'POST',
    url: '/v1/import?format=csv',
    roles: ['admin'],
    payload: '{}',
    headers: { 'content-type': 'application/x-ndjson' },
    status: 400,
  },
  // auditors
  { method: 'GET', url: '/v1/audit/verify', roles: AUDITOR, status: 200 },
  { method: 'GET', url: '/v1/audit/verify?expectHead=nonsense', roles: AUDITOR, status: 400 },
  { method: 'GET', url: '/v1/audit/events', roles: AUDITOR, status: 200 },
  { method: 'GET', url: '/v1/audit/events?format=csv&from=2024-01-01', roles: AUDITOR, status: 200 },
  { method: 'GET', url: '/v1/audit/events?format=xml', roles: AUDITOR, status: 400 },
  { method: 'GET', url: '/v1/audit/compare?period=2024-H1&knownAt=2024-06-01T00:00:00Z', roles: AUDITOR, status: 200 },
  { method: 'GET', url: '/v1/audit/compare?period=2024-H1', roles: AUDITOR, status: 400 },
  { method: 'GET', url: '/v1/audit/late-registrations?days=14&period=2024-H1', roles: AUDITOR, status: 200 },
  { method: 'GET', url: '/v1/audit/late-registrations?days=-1', roles: AUDITOR, status: 400 },
  { method: 'GET', url: '/v1/audit/access-log?limit=10', roles: AUDITOR, status: 200 },
  { method: 'GET', url: '/v1/audit/access-log?limit=0', roles: AUDITOR, status: 400 },
  // roles and tokens
  { method: 'GET', url: '/v1/compliance?period=2024', roles: INTAKE, status: 403 },
  { method: 'GET', url: '/v1/deadlines', roles: [], headers: { authorization: 'Bearer not-a-jwt' }, status: 401 },
  // probes
  { method: 'GET', url: '/health/live', roles: [], status: 200 },
  { method: 'GET', url: '/health/ready', roles: [], status: 200 },
  { method: 'GET', url: '/health', roles: [], status: 200 },
];

describe('every answer of every operation against the served OpenAPI document', () => {
  let t: TestApp;
  let validator: ResponseValidator;
  const called = new Set<string>();

  beforeAll(async () => {
    // a short wait, so the minPosition call answers 503 quickly
    t = await startTestApp({ minPositionWaitMs: 50 });
    validator = new ResponseValidator(await servedDocument(t.app));
  });
  afterAll(async () => {
    await t.close();
  });

  async function send(call: Call) {
    const auth = call.roles.length > 0 ? await authHeaders(t.app, { roles: call.roles, municipalities: ['3201'] }) : {};
    const body = call.payload === undefined ? undefined : typeof call.payload === 'string' ? call.payload : JSON.stringify(call.payload);
    return t.app.inject({
      method: call.method,
      url: call.url,
      headers: { ...(call.method === 'POST' ? JSON_HEADERS : {}), ...auth, ...call.headers },
      ...(body === undefined ? {} : { payload: body }),
    });
  }

  it.each(CALLS.map((call) => [`${call.method} ${call.url.slice(0, 90)} → ${call.status}`, call] as const))('%s', async (_name, call) => {
    const res = await send(call);
    expect({ status: res.statusCode }).toEqual({ status: call.status });
    expect(validator.problems(call.method, call.url, res)).toEqual([]);
    called.add(`${call.method} ${validator.pathOf(call.url)}`);
  });

  it('answers 429 with Retry-After as documented', async () => {
    const limited = await startTestApp({
      http: { rateLimitPerMinute: 1, requestTimeoutMs: 30_000, connectionTimeoutMs: 120_000, corsOrigins: [] },
    });
    try {
      const headers = await authHeaders(limited.app, { roles: LEADER });
      const url = '/v1/deadlines';
      expect((await limited.app.inject({ method: 'GET', url, headers })).statusCode).toBe(200);
      const res = await limited.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode).toBe(429);
      expect(validator.problems('GET', url, res)).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('called every operation of the document', () => {
    expect(documentedOperations(validator.document).filter((operation) => !called.has(operation))).toEqual([]);
  });
});
