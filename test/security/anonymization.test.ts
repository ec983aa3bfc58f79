import fc from 'fast-check';
import { authHeaders, type AuthHeaders } from '../support/auth';
import { identityNumber } from '../support/identity-numbers';
import { notification, startSecurityApp, type SecurityApp } from './security-app';

/*
 * Issue 14, findings 2, 3 and 9: no valid identity number, generated (test/support), reaches the
 * event log, the access log, the log lines or a response header, whichever way a request carries
 * it: path, query keys and values, logged headers, the body, the eventId; written plain or with
 * any separators. Ids are pseudonyms of a shape that leaves no room for names or phone numbers.
 */

/** The ways a person or a system writes one: plain, with a dash or space, split in groups, inside an id. */
const written = fc.tuple(identityNumber(), fc.constantFrom('plain', 'dash', 'groups', 'dots', 'prefixed')).map(([n, form]) => {
  switch (form) {
    case 'dash':
      return { n, text: `${n.slice(0, 6)}-${n.slice(6)}` };
    case 'groups':
      return { n, text: `${n.slice(0, 6)}-${n.slice(6, 9)}-${n.slice(9)}` };
    case 'dots':
      return { n, text: `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}.${n.slice(6)}` };
    case 'prefixed':
      return { n, text: `c-${n}` };
    default:
      return { n, text: n };
  }
});

describe('security: identity numbers never stored or logged', () => {
  let t: SecurityApp;
  let auditor: AuthHeaders;
  let intake: AuthHeaders;
  beforeAll(async () => {
    t = await startSecurityApp();
    auditor = await authHeaders(t.app, { roles: ['auditor', 'intake'], municipalities: ['*'], subject: 'auditor-1' });
    intake = await authHeaders(t.app, { roles: ['intake'], municipalities: ['3201'], subject: 'intake-1' });
  });
  afterAll(() => t.close());

  /** Everything the server kept about the requests: log lines, the access log, the event log. */
  async function kept(): Promise<string> {
    const events = await t.app.inject({ method: 'GET', url: '/v1/audit/events', headers: auditor });
    return [...t.logLines(), JSON.stringify(t.accessLog().read({ limit: 100_000 })), events.body].join('\n');
  }
  const digitsOf = (s: string) => s.replace(/\D/g, '');

  it('keeps none from the path, query keys and values, or x-request-id (finding 2)', async () => {
    await fc.assert(
      fc.asyncProperty(written, async ({ n, text }) => {
        const e = encodeURIComponent(text);
        const requests = [
          { url: `/v1/cases/${e}/events` },
          { url: `/v1/cases/${e}` },
          { url: `/v1/cases/c-1/events?view=${e}` },
          { url: `/v1/cases/c-1/events?${e}=1` },
          { url: `/v1/audit/events?caseId=${e}` },
          { url: `/v1/audit/access-log?caseId=${e}` },
          { url: `/v1/deadlines?asOf=${e}` },
          { url: '/v1/cases/c-1', headers: { 'x-request-id': text } },
        ];
        for (const { url, headers } of requests) {
          const res = await t.app.inject({ method: 'GET', url, headers: { ...auditor, ...headers } });
          expect(String(res.headers['x-request-id'])).not.toContain(n);
          expect(digitsOf(String(res.headers['x-request-id']))).not.toContain(n);
        }
        const all = await kept();
        expect(all).not.toContain(n);
        expect(all).not.toContain(text);
      }),
      { numRuns: 25 },
    );
    // The access log did see these requests: they were logged, without the number.
    expect(t.accessLog().read({ limit: 100_000 }).length).toBeGreaterThan(25 * 5);
  });

  it('refuses one in the eventId (finding 3), in any id with any separators (finding 9), and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(written, fc.integer({ min: 0, max: 1 }), async ({ n, text }, offset) => {
        const hidden = offset === 0 ? `0${n}` : `${n}0`;
        const inEventId = await t.post(
          'c-1',
          { events: [{ ...notification('3201'), eventId: `00000000-0000-4000-8000-${hidden}` }] },
          intake,
        );
        expect(inEventId.statusCode).toBe(400);
        expect(inEventId.json().errors).toContainEqual(expect.objectContaining({ pointer: '/events/0/eventId' }));

        const inData = await t.post('c-1', { events: [notification('3201', text.replace(/[ .]/g, '-'))] }, intake);
        expect(inData.statusCode).toBe(400);
        expect(inData.json().errors).toContainEqual(expect.objectContaining({ pointer: '/events/0/data/notificationId' }));
      }),
      { numRuns: 40 },
    );
    expect(await kept()).not.toMatch(/"type":"NotificationReceived"/);
  });

  it('accepts UUIDs, plain numbers, short codes and 13-digit timestamps as ids (CONTRACT.md §1)', async () => {
    for (const caseId of ['3f2504e0-4f89-41d3-9a0c-0305e82c3301', '91234567', 'c-1733356800000', 'n1']) {
      const res = await t.post(caseId, { events: [notification('3201', `n-${Date.parse('2024-12-05')}`)] }, intake);
      expect({ caseId, status: res.statusCode }).toEqual({ caseId, status: 201 });
    }
  });

  it.each([
    ['a name and an address', 'Ola_Nordmann_Storgata_1'],
    ['a phone number', 'tlf-91234567'],
    ['an identity number in groups', '010170-101-70'],
    ['an identity number in other groups', '01-01-70-10170'],
  ])('refuses %s as a case id or a record id (finding 9)', async (_label, id) => {
    const asCase = await t.post(id, { events: [notification('3201')] }, intake);
    expect(asCase.statusCode).toBe(400);
    expect(asCase.json().errors).toContainEqual(expect.objectContaining({ parameter: 'caseId' }));
    const asRecord = await t.post('c-2', { events: [notification('3201', id)] }, intake);
    expect(asRecord.statusCode).toBe(400);
    expect(asRecord.json().errors).toContainEqual(expect.objectContaining({ pointer: '/events/0/data/notificationId' }));
  });
});
