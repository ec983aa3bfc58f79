import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '../../apps/case-api/src/config/app-config';
import { createApp } from '../../apps/case-api/src/create-app';
import { authHeaders, type TokenClaims } from '../support/auth';

/** Cases recorded through the API while the clock moves, some of them late, some corrected later. */
describe('audit API (e2e, SQLite, controllable clock)', () => {
  let now = new Date('2024-01-01T12:00:00Z');
  let app: NestFastifyApplication;
  let dataDir: string;
  let counter = 0;
  const ids: Record<string, string> = {};

  const at = (instant: string) => (now = new Date(instant));
  const headers = (claims: TokenClaims) => authHeaders(app, claims);
  const auditor = () => headers({ roles: ['auditor'], municipalities: ['3201'], subject: 'auditor-1' });
  const get = async (url: string, claims?: TokenClaims) =>
    app.inject({ method: 'GET', url, headers: claims ? await headers(claims) : await auditor() });

  async function record(caseId: string, name: string, type: string, occurredAt: string, data: Record<string, unknown>): Promise<void> {
    counter += 1;
    const eventId = `00000000-0000-4000-8000-aaaaaaaa${String(counter).padStart(4, '0')}`;
    ids[name] = eventId;
    const res = await app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/events`,
      headers: {
        'content-type': 'application/json',
        ...(await headers({ roles: ['intake'], municipalities: ['3201', '0301'], subject: 'intake-1' })),
      },
      payload: JSON.stringify({ events: [{ eventId, type, occurredAt, data }] }),
    });
    if (res.statusCode !== 201) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
  }
  const received = (municipality = '3201') => ({ notificationId: 'n1', municipality, reporters: ['11'] });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-audit-'));
    const config: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, store: 'sqlite' };
    app = await createApp(config, { clock: () => now, logger: false });
    await app.getHttpAdapter().getInstance().ready();

    // On time, before knownAt
    at('2024-01-10T12:00:00Z');
    await record('c-d', 'd.received', 'NotificationReceived', '2024-01-10', received());
    await record('c-f', 'f.received', 'NotificationReceived', '2024-01-10', received());
    at('2024-02-01T12:00:00Z');
    await record('c-a', 'a.received', 'NotificationReceived', '2024-02-01', received());
    at('2024-02-05T12:00:00Z');
    await record('c-a', 'a.opened', 'InvestigationOpened', '2024-02-05', { investigationId: 'u1', notificationId: 'n1' });
    at('2024-03-01T12:00:00Z');
    await record('c-b', 'b.received', 'NotificationReceived', '2024-03-01', received());
    at('2024-03-05T12:00:00Z');
    await record('c-b', 'b.cleared', 'NotificationCleared', '2024-03-05', { notificationId: 'n1', reason: 'no_grounds' });
    at('2024-04-20T12:00:00Z');
    await record('c-c', 'c.received', 'NotificationReceived', '2024-04-20', received());
    at('2024-05-01T12:00:00Z');
    await record('c-c', 'c.opened', 'InvestigationOpened', '2024-05-01', { investigationId: 'u1', notificationId: 'n1' });

    // After knownAt (2024-07-05T00:00:00Z)
    at('2024-07-06T12:00:00Z');
    await record('c-e', 'e.received', 'NotificationReceived', '2024-06-25', received());
    await record('c-e', 'e.opened', 'InvestigationOpened', '2024-06-28', { investigationId: 'u1', notificationId: 'n1' });
    await record('c-f', 'f.cleared', 'NotificationCleared', '2024-06-01', { notificationId: 'n1', reason: 'no_grounds' });
    await record('c-g', 'g.received', 'NotificationReceived', '2024-07-03', received());
    await record('c-h', 'h.received', 'NotificationReceived', '2024-06-20', received('0301'));
    at('2024-07-07T12:00:00Z');
    await record('c-f', 'f.retracted', 'EventRetracted', '2024-07-07', { retractedEventId: ids['f.cleared'], reason: 'duplicate' });
    at('2024-07-08T12:00:00Z');
    await record('c-b', 'b.retracted', 'EventRetracted', '2024-07-08', {
      retractedEventId: ids['b.cleared'],
      reason: 'registration_error',
    });
    at('2024-07-10T12:00:00Z');
    await record('c-a', 'a.closed', 'InvestigationClosed', '2024-06-20', { investigationId: 'u1', outcome: 'measures_decided' });
    at('2024-07-20T12:00:00Z');
    await record('c-d', 'd.measure', 'MeasureStarted', '2024-06-01', { measureId: 'm1', category: '3.2' });
    at('2024-08-16T12:00:00Z');
    await record('c-c', 'c.closed', 'InvestigationClosed', '2024-08-15', { investigationId: 'u1', outcome: 'cleared_party_wish' });
    at('2024-09-01T12:00:00Z');
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('compare lists exactly the events that explain the difference between then and now', async () => {
    const res = await get('/v1/audit/compare?period=2024-H1&knownAt=2024-07-05T00:00:00Z&municipality=3201');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const explained = body.explainedBy.map((e: { eventId: string; why: string }) => [e.eventId, e.why]).sort();
    expect(explained).toEqual(
      [
        [ids['a.closed'], 'recorded_after'],
        [ids['b.cleared'], 'retracted_after'],
        [ids['e.received'], 'recorded_after'],
        [ids['e.opened'], 'recorded_after'],
      ].sort(),
    );
    expect(body.explainedBy.find((e: { eventId: string }) => e.eventId === ids['a.closed'])).toEqual({
      eventId: ids['a.closed'],
      caseId: 'c-a',
      type: 'InvestigationClosed',
      occurredAt: '2024-06-20',
      recordedAt: '2024-07-10T12:00:00.000Z',
      why: 'recorded_after',
    });
    // then: reviews of c-a, c-b, c-c concluded; c-a and c-c open at the end.
    // now: c-b's clearing is retracted, c-e's review concluded by its opening; c-a closed, c-c and c-e open.
    expect(body.then).toMatchObject({
      knownAt: '2024-07-05T00:00:00Z',
      investigations: { closed: 0, openAtEnd: 2 },
      reviews: { concluded: 3, openAtEnd: 2 },
    });
    expect(body.now).toMatchObject({ knownAt: null, investigations: { closed: 1, openAtEnd: 2 }, reviews: { concluded: 3, openAtEnd: 3 } });
  });

  it('compare is for auditors only, and within their municipalities', async () => {
    expect(
      (await get('/v1/audit/compare?period=2024-H1&knownAt=2024-07-05', { roles: ['leader'], municipalities: ['3201'] })).statusCode,
    ).toBe(403);
    expect((await get('/v1/audit/compare?period=2024-H1&knownAt=2024-07-05&municipality=0301')).statusCode).toBe(403);
    expect((await get('/v1/audit/compare?period=2024-H1')).statusCode).toBe(400);
  });

  // Count and head position are the whole log's size: since issue 14 only an auditor of every
  // municipality sees them (docs/security.md).
  it('verify reports the intact chain with its head', async () => {
    expect((await get('/v1/audit/verify')).json()).toEqual({ ok: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const everywhere = { roles: ['auditor' as const], municipalities: ['*'], subject: 'auditor-all' };
    const res = await get('/v1/audit/verify', everywhere);
    expect(res.json()).toEqual({ ok: true, count: 18, headPosition: 18, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const pinned = await get(`/v1/audit/verify?expectHead=${res.json().headHash}@18`, everywhere);
    expect(pinned.json()).toMatchObject({ ok: true, pinned: { ok: true } });
  });

  it('exports NDJSON and CSV, filtered by recordedAt, case and the auditor’s municipalities, retracted events included', async () => {
    const all = await get('/v1/audit/events');
    expect(all.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = all.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.caseId)).not.toContain('c-h'); // 0301 is not the auditor's
    expect(lines).toHaveLength(17);
    expect(lines.find((l) => l.eventId === ids['b.cleared'])).toMatchObject({
      type: 'NotificationCleared',
      municipality: '3201',
      hash: expect.any(String),
    });

    const july = (await get('/v1/audit/events?from=2024-07-07&to=2024-07-08')).body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(july.map((l) => l.eventId)).toEqual([ids['f.retracted'], ids['b.retracted']]);

    const csv = await get('/v1/audit/events?caseId=c-b&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.body.split('\r\n');
    expect(rows[0]).toBe('position,eventId,caseId,streamId,version,type,occurredAt,recordedAt,recordedBy,municipality,hash,data,metadata');
    expect(rows).toHaveLength(5); // header, 3 events, trailing empty
    expect(rows[1]).toContain(',"{""municipality"":""3201"",""notificationId"":""n1"",""reporters"":[""11""]}",');
  });

  it('lists late registrations by type and municipality, worst first', async () => {
    const res = await get('/v1/audit/late-registrations?days=7&period=2024-H1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 5,
      byType: { InvestigationClosed: 1, NotificationCleared: 1, MeasureStarted: 1, NotificationReceived: 1, InvestigationOpened: 1 },
      byMunicipality: { '3201': 5 },
    });
    const worst = res.json().worst.map((w: { eventId: string }) => w.eventId);
    expect(worst).toEqual([ids['d.measure'], ids['f.cleared'], ids['a.closed'], ids['e.received'], ids['e.opened']]);
    expect(res.json().worst[0].lateness).toEqual({ days: 49, hours: null });
  });

  it('shows a case timeline with both times, retraction and lateness', async () => {
    const res = await get('/v1/cases/c-b/events?view=timeline');
    expect(res.statusCode).toBe(200);
    expect(res.json().events[1]).toMatchObject({
      eventId: ids['b.cleared'],
      validTime: '2024-03-05',
      recordedTime: '2024-03-05T12:00:00.000Z',
      recordedBy: 'intake-1',
      retracted: { byEventId: ids['b.retracted'], reason: 'registration_error' },
      lateness: { days: 0, hours: null },
    });
  });

  it('logs who read case histories, exports and audit answers, readable by auditors only', async () => {
    await get('/v1/cases/c-a/events', { roles: ['intake'], municipalities: ['3201'], subject: 'intake-reader' });
    const res = await get('/v1/audit/access-log?subject=intake-reader');
    expect(res.json().entries).toEqual([
      expect.objectContaining({
        subject: 'intake-reader',
        action: 'case.history',
        caseId: 'c-a',
        status: 200,
        route: '/v1/cases/:caseId/events',
        at: '2024-09-01T12:00:00.000Z',
      }),
    ]);
    const mine = (await get('/v1/audit/access-log?subject=auditor-1')).json().entries.map((e: { action: string }) => e.action);
    expect(mine).toEqual(
      expect.arrayContaining(['audit.compare', 'audit.verify', 'audit.events', 'audit.late-registrations', 'case.history']),
    );
    expect((await get('/v1/audit/access-log', { roles: ['intake', 'leader'], municipalities: ['3201'] })).statusCode).toBe(403);
  });
});
