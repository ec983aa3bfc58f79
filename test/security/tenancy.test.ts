import { authHeaders, type AuthHeaders } from '../support/auth';
import { notification, startSecurityApp, type SecurityApp } from './security-app';

/*
 * Issue 14, findings 1 and 7: nothing about another municipality's case leaks through an error,
 * and a case cannot move to another municipality.
 */
describe('security: tenancy', () => {
  let t: SecurityApp;
  let intake3201: AuthHeaders;
  let intake3203: AuthHeaders;
  beforeAll(async () => {
    t = await startSecurityApp();
    intake3201 = await authHeaders(t.app, { roles: ['intake'], municipalities: ['3201'], subject: 'intake-3201' });
    intake3203 = await authHeaders(t.app, { roles: ['intake'], municipalities: ['3203'], subject: 'intake-3203' });
  });
  afterAll(() => t.close());

  // Finding 1 (critical): "event ids … (in case-<id>) are stored in another stream".
  it('answers an eventId taken in another municipality as simply taken, naming no case', async () => {
    const theirs = notification('3201');
    expect((await t.post('c-3201-77', { events: [theirs] }, intake3201)).statusCode).toBe(201);

    const reused = await t.post('c-3203-1', { events: [{ ...notification('3203'), eventId: theirs.eventId }] }, intake3203);
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ type: 'urn:fristvakt:problem:event-id-conflict', eventIds: [theirs.eventId] });
    expect(reused.body).not.toMatch(/c-3201-77|3201|another stream/);
    expect(reused.json().detail).toMatch(/already taken/);
  });

  // Finding 1: the nil UUID made guessing eventIds easy.
  it.each(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-000000000001'])(
    'refuses %s as an eventId',
    async (eventId) => {
      const res = await t.post('c-3201-2', { events: [{ ...notification('3201'), eventId }] }, intake3201);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ pointer: '/events/0/eventId' })]);
    },
  );

  // Finding 7: retract the only notification, then record one naming another municipality.
  it('keeps a case in the municipality of its first notification after that notification is retracted', async () => {
    const first = notification('3201');
    expect((await t.post('c-3201-9', { events: [first] }, intake3201)).statusCode).toBe(201);
    const retraction = {
      eventId: first.eventId.replace(/.$/, 'a'),
      type: 'EventRetracted',
      occurredAt: '2024-05-03',
      data: { retractedEventId: first.eventId, reason: 'wrong_case' },
    };
    expect((await t.post('c-3201-9', { events: [retraction] }, intake3201)).statusCode).toBe(201);

    const both = await authHeaders(t.app, { roles: ['intake'], municipalities: ['3201', '3203'], subject: 'intake-both' });
    const moved = await t.post('c-3201-9', { events: [notification('3203', 'n2', '2024-05-04')] }, both);
    expect(moved.statusCode).toBe(422);
    expect(moved.json()).toMatchObject({ rule: 'municipality_mismatch' });

    const read = await t.app.inject({ method: 'GET', url: '/v1/cases/c-3201-9', headers: intake3201 });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ municipality: '3201' });
    expect((await t.app.inject({ method: 'GET', url: '/v1/cases/c-3201-9', headers: intake3203 })).statusCode).toBe(404);
  });

  // Finding 10: scoped users saw the whole log's size in the verify count.
  it('tells a scoped auditor whether the chain holds, not how large the whole log is', async () => {
    const scoped = await authHeaders(t.app, { roles: ['auditor'], municipalities: ['3203'] });
    const answer = (await t.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: scoped })).json();
    expect(answer).toEqual({ ok: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const everywhere = await authHeaders(t.app, { roles: ['auditor'], municipalities: ['*'] });
    expect((await t.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: everywhere })).json()).toMatchObject({
      ok: true,
      count: expect.any(Number),
    });
  });
});
