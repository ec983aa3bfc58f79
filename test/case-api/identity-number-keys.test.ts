import fc from 'fast-check';
import { JSON_HEADERS, startTestApp, uuid, type TestApp } from './harness';
import { authHeaders, type AuthHeaders } from '../support/auth';
import { identityNumberAsKey, repeatsIdentityNumber } from '../support/identity-numbers';

/*
 * DOMAIN.md §6 for refusals: a body that uses an identity number as a property name, at any depth
 * and whatever else is wrong with it, is refused with 400, and neither the answer nor any log line
 * repeats the number; the pointer names the member's place instead (`<key N>`).
 */

const VALID = {
  events: [
    { type: 'NotificationReceived', occurredAt: '2024-05-02', data: { notificationId: 'n1', municipality: '3201', reporters: ['11'] } },
  ],
};

describe('identity numbers as property names never reach an answer or a log line (HTTP, property)', () => {
  let t: TestApp;
  let auth: AuthHeaders;
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, { logger: 'trace', logDestination: { write: (line: string) => logLines.push(line) } });
    auth = await authHeaders(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/cases/c-1001/events',
      headers: { ...JSON_HEADERS, ...auth },
      payload: JSON.stringify({
        ...(body as object),
        events: (body as { events: object[] }).events.map((e) => ({ eventId: uuid(), ...e })),
      }),
    });

  it('accepts the template as it is (so each 400 below is the identity number)', async () => {
    const res = await post(VALID);
    expect(res.statusCode).toBe(201);
  });

  it('refuses the body, names the member by its place, and repeats the number nowhere', async () => {
    const head = await t.store.headPosition();
    await fc.assert(
      fc.asyncProperty(identityNumberAsKey(VALID), async (keyed) => {
        logLines.length = 0;
        const res = await post(keyed.body);
        expect(res.statusCode).toBe(400);
        const problem = res.json() as { detail: string; errors: Array<{ pointer?: string; detail: string }> };
        expect(problem.errors).toContainEqual({
          pointer: expect.stringMatching(/<key \d+>$/),
          detail: expect.stringContaining('property name must not contain a national identity number'),
        });
        expect({
          answer: repeatsIdentityNumber(res.body, keyed),
          headers: repeatsIdentityNumber(JSON.stringify(res.headers), keyed),
        }).toEqual({ answer: false, headers: false });
        expect(logLines.length).toBeGreaterThan(0);
        expect(logLines.filter((line) => repeatsIdentityNumber(line, keyed))).toEqual([]);
      }),
      { numRuns: 200 },
    );
    expect(await t.store.headPosition()).toBe(head);
  });
});
