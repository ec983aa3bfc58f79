import { FristvaktMetrics } from '@fristvakt/observability';
import { METRICS } from '../../apps/case-api/src/tokens';
import { authHeaders } from '../support/auth';
import { notification, startOpsApp, type OpsApp } from './ops-app';

/** `name{labels} value` lines of the exposition, keyed by everything before the value. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    map.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return map;
}

describe('metrics: Prometheus exposition after traffic', () => {
  let t: OpsApp;
  beforeAll(async () => {
    t = await startOpsApp();
  });
  afterAll(() => t.close());

  const scrape = async () => {
    // /metrics carries counts per municipality: an admin (scraper) token reads it.
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: await authHeaders(t.app, { roles: ['admin'], municipalities: [] }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  it('counts requests by route pattern, appends, and each kind of conflict', async () => {
    const first = [notification('n1'), notification('n2')];
    expect((await t.post('case-secret-1', { expectedVersion: 0, events: first })).statusCode).toBe(201);
    expect((await t.post('case-secret-1', { expectedVersion: 0, events: first })).statusCode).toBe(201); // exact resend
    expect((await t.post('case-secret-2', { expectedVersion: 0, events: [notification('n1')] })).statusCode).toBe(201);
    expect((await t.post('case-secret-2', { expectedVersion: 0, events: [notification('n9')] })).statusCode).toBe(409);
    expect(
      (await t.post('case-secret-3', { expectedVersion: 0, events: [{ ...notification('n1'), eventId: first[0].eventId }] })).statusCode,
    ).toBe(409);
    const rule = { type: 'InvestigationOpened', occurredAt: '2024-03-02', data: { investigationId: 'u1', notificationId: 'n1' } };
    expect(
      (await t.post('case-secret-4', { expectedVersion: 0, events: [{ eventId: first[0].eventId.replace('9000', '9999'), ...rule }] }))
        .statusCode,
    ).toBe(422);
    expect((await t.app.inject({ method: 'GET', url: '/v1/cases/case-secret-1?asOf=2024-06-01', headers: t.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/cases/case-secret-unknown', headers: t.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/no/such/path/case-secret-5' })).statusCode).toBe(404);

    const text = await scrape();
    const s = samples(text);
    const events = '/v1/cases/:caseId/events';
    expect(s.get(`http_requests_total{method="POST",route="${events}",status="201"}`)).toBe(3);
    expect(s.get(`http_requests_total{method="POST",route="${events}",status="409"}`)).toBe(2);
    expect(s.get(`http_requests_total{method="POST",route="${events}",status="422"}`)).toBe(1);
    expect(s.get('http_requests_total{method="GET",route="/v1/cases/:caseId",status="200"}')).toBe(1);
    expect(s.get('http_requests_total{method="GET",route="/v1/cases/:caseId",status="404"}')).toBe(1);
    expect(s.get('http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(s.get(`http_request_duration_seconds_count{method="POST",route="${events}",status="201"}`)).toBe(3);
    expect(s.get(`http_request_duration_seconds_sum{method="POST",route="${events}",status="201"}`)).toBeGreaterThan(0);
    expect(s.get(`http_request_duration_seconds_bucket{le="+Inf",method="POST",route="${events}",status="201"}`)).toBe(3);

    expect(s.get('fristvakt_appends_total{outcome="appended"}')).toBe(2);
    expect(s.get('fristvakt_appends_total{outcome="replayed"}')).toBe(1);
    expect(s.get('fristvakt_appended_events_total')).toBe(3);
    expect(s.get('fristvakt_append_conflicts_total{kind="version",rule=""}')).toBe(1);
    expect(s.get('fristvakt_append_conflicts_total{kind="event_id",rule=""}')).toBe(1);
    expect(s.get('fristvakt_append_conflicts_total{kind="rule",rule="first_event_must_be_notification"}')).toBe(1);

    // No case id, no query string ever reaches a label.
    expect(text).not.toMatch(/case-secret|asOf=/);
    // Default process metrics.
    expect(s.get('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(text).toContain('# TYPE fristvakt_dlq_messages_total counter');
  });

  it('exports the lag of every registered follower of the log, and DLQ counts', async () => {
    const metrics = t.app.get<FristvaktMetrics>(METRICS);
    const head = await t.store.headPosition();
    t.health.registerFollower('fake-relay', { lag: async () => ({ position: head - 1, headPosition: head, behind: 1 }) });
    t.clock.advance(90_000);
    metrics.deadLettered('case-events-intake', 'invalid_event');

    const s = samples(await scrape());
    expect(s.get('fristvakt_lag_events{component="fake-relay"}')).toBe(1);
    expect(s.get('fristvakt_lag_seconds{component="fake-relay"}')).toBe(90);
    expect(s.get('fristvakt_dlq_messages_total{topic="case-events-intake",reason="invalid_event"}')).toBe(1);
  });
});
