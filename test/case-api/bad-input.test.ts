import fc from 'fast-check';
import { received } from '@fristvakt/domain/testing';
import { authHeaders, type AuthHeaders } from '../support/auth';
import { NOW, JSON_HEADERS, startTestApp, uuid, type TestApp } from './harness';

/*
 * Generated bad requests: whatever arrives, the answer is a 4xx problem+json that names the
 * problem, and nothing reaches the event log.
 */

interface BadRequest {
  label: string;
  caseId?: string;
  payload: string;
  headers?: Record<string, string>;
  status: number;
  /** for 400s on the body: a pointer (or parameter/header name) the answer must name */
  names?: string;
}

// a plain JSON object: the cases below break it field by field
const validEvent = (): Record<string, unknown> => ({
  ...received('n1', '2024-03-01T10:15:00+01:00', { eventId: uuid(), childBirthYear: 2014, acute: false }),
});
const validBody = () => ({ expectedVersion: 0, events: [validEvent()] });

const fnrPrefix = fc.record({
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 0, max: 99 }),
  ind: fc.integer({ min: 0, max: 999 }),
  d: fc.boolean(),
});
/** fødselsnummer or D-nummer that pass the check digits */
const identityNumber = fnrPrefix
  .map(({ day, month, year, ind, d }) => {
    const digits = Array.from(
      `${String(d ? day + 40 : day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).padStart(2, '0')}${String(ind).padStart(3, '0')}`,
      Number,
    );
    const check = (w: number[]) => (11 - (w.reduce((s, x, i) => s + x * digits[i], 0) % 11)) % 11;
    const k1 = check([3, 7, 6, 1, 8, 9, 4, 5, 2]);
    digits.push(k1);
    const k2 = check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    digits.push(k2);
    return k1 === 10 || k2 === 10 ? undefined : digits.join('');
  })
  .filter((s): s is string => s !== undefined);

/** A JSON value that is not a string (for fields that must be strings). */
const nonString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
/** Not a boolean. */
const nonBoolean = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant('true'));
const unknownKey = fc
  .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/)
  .filter(
    (k) =>
      ![
        'eventId',
        'type',
        'occurredAt',
        'data',
        'expectedVersion',
        'events',
        'notificationId',
        'municipality',
        'reporters',
        'childBirthYear',
        'acute',
      ].includes(k),
  );
const eventType = fc
  .string({ minLength: 0, maxLength: 30 })
  .filter(
    (s) =>
      !/^(Notification(Received|Cleared)|Investigation(Opened|Extended|Closed)|ExtensionAssessed|Measure(Started|Ended)|Placement(Started|Ended)|EventRetracted)$/.test(
        s,
      ),
  );

function body400(label: string, mutate: (b: ReturnType<typeof validBody>) => unknown, names: string): BadRequest {
  return { label, payload: JSON.stringify(mutate(validBody())), status: 400, names };
}

const badRequests: fc.Arbitrary<BadRequest> = fc.oneof(
  // malformed JSON: truncations and garbage
  fc
    .integer({ min: 1, max: 60 })
    .map((cut) => ({ label: 'truncated JSON', payload: JSON.stringify(validBody()).slice(0, cut), status: 400 })),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((s) => ({ label: 'garbage', payload: s, status: 400 })),
  fc.constant({ label: 'proto poisoning', payload: '{"__proto__":{"x":1},"events":[]}', status: 400 }),
  // not an object at the top
  fc
    .oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.string())
    .map((v) => ({ label: 'top not an object', payload: JSON.stringify(v), status: 400, names: '' })),
  // wrong types
  nonString.map((v) =>
    body400(
      'notificationId wrong type',
      (b) => (((b.events[0].data as Record<string, unknown>).notificationId = v), b),
      '/events/0/data/notificationId',
    ),
  ),
  nonString.map((v) =>
    body400(
      'municipality wrong type',
      (b) => (((b.events[0].data as Record<string, unknown>).municipality = v), b),
      '/events/0/data/municipality',
    ),
  ),
  nonBoolean.map((v) =>
    body400('acute wrong type', (b) => (((b.events[0].data as Record<string, unknown>).acute = v), b), '/events/0/data/acute'),
  ),
  fc
    .oneof(fc.string(), fc.double({ noInteger: true }), fc.integer({ max: -1 }), fc.constant(null))
    .map((v) => body400('expectedVersion wrong', (b) => (((b as Record<string, unknown>).expectedVersion = v), b), '/expectedVersion')),
  fc
    .oneof(fc.integer({ max: 1989 }), fc.integer({ min: 2025 }), fc.string(), fc.double({ noInteger: true, noNaN: true }))
    .map((v) =>
      body400(
        'childBirthYear wrong',
        (b) => (((b.events[0].data as Record<string, unknown>).childBirthYear = v), b),
        '/events/0/data/childBirthYear',
      ),
    ),
  fc
    .array(fc.oneof(fc.integer(), fc.constantFrom('0', '26', '99', 'x')), { minLength: 1, maxLength: 3 })
    .map((v) =>
      body400('bad reporters', (b) => (((b.events[0].data as Record<string, unknown>).reporters = v), b), '/events/0/data/reporters'),
    ),
  nonString.map((v) => body400('events not an array', (b) => (((b as Record<string, unknown>).events = v), b), '/events')),
  // unknown event types and fields
  eventType.map((t) => body400('unknown event type', (b) => (((b.events[0] as Record<string, unknown>).type = t), b), '/events/0/type')),
  unknownKey.map((k) => body400('unknown top-level field', (b) => ({ ...b, [k]: 'x' }), `/${k}`)),
  unknownKey.map((k) => body400('unknown event field', (b) => (((b.events[0] as Record<string, unknown>)[k] = 'x'), b), `/events/0/${k}`)),
  unknownKey.map((k) =>
    body400('unknown data field', (b) => (((b.events[0].data as Record<string, unknown>)[k] = 'Ola Nordmann'), b), `/events/0/data/${k}`),
  ),
  // missing fields
  fc
    .constantFrom('type', 'occurredAt', 'data')
    .map((k) => body400('missing event field', (b) => (delete (b.events[0] as Record<string, unknown>)[k], b), `/events/0/${k}`)),
  fc
    .constantFrom('notificationId', 'municipality', 'reporters')
    .map((k) => body400('missing data field', (b) => (delete (b.events[0].data as Record<string, unknown>)[k], b), `/events/0/data/${k}`)),
  fc.constant(body400('missing events', () => ({ expectedVersion: 0 }), '/events')),
  fc.constant(body400('empty events', () => ({ events: [] }), '/events')),
  fc
    .integer({ min: 101, max: 150 })
    .map((n) =>
      body400('too many events', () => ({ events: Array.from({ length: n }, () => ({ ...validEvent(), eventId: undefined })) }), '/events'),
    ),
  // ids that are national identity numbers
  identityNumber.map((id) =>
    body400(
      'fnr as notificationId',
      (b) => (((b.events[0].data as Record<string, unknown>).notificationId = id), b),
      '/events/0/data/notificationId',
    ),
  ),
  identityNumber.map((id) => ({ ...body400('fnr as caseId', (b) => b, 'caseId'), caseId: id })),
  identityNumber.map((id) =>
    body400('fnr as eventId', (b) => (((b.events[0] as Record<string, unknown>).eventId = id), b), '/events/0/eventId'),
  ),
  // time
  fc
    .date({ min: new Date('1993-01-01T00:00:00Z'), max: new Date('2024-06-14T00:00:00Z'), noInvalidDate: true })
    .map((d) =>
      body400(
        'offset-less date-time',
        (b) => (((b.events[0] as Record<string, unknown>).occurredAt = d.toISOString().slice(0, 19)), b),
        '/events/0/occurredAt',
      ),
    ),
  fc
    .integer({ min: 6, max: 10_000_000 })
    .map((minutes) =>
      body400(
        'future instant',
        (b) => (((b.events[0] as Record<string, unknown>).occurredAt = new Date(NOW.getTime() + minutes * 60_000).toISOString()), b),
        '/events/0/occurredAt',
      ),
    ),
  fc
    .integer({ min: 1, max: 3000 })
    .map((days) =>
      body400(
        'future date',
        (b) => (
          ((b.events[0] as Record<string, unknown>).occurredAt = new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10)),
          b
        ),
        '/events/0/occurredAt',
      ),
    ),
  fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('1992-12-30T00:00:00Z'), noInvalidDate: true })
    .map((d) =>
      body400('before 1993', (b) => (((b.events[0] as Record<string, unknown>).occurredAt = d.toISOString()), b), '/events/0/occurredAt'),
    ),
  // sizes and media types
  fc.integer({ min: 0, max: 4096 }).map((extra) => ({
    label: 'over 1 MB',
    payload: JSON.stringify({ ...validBody(), pad: 'x'.repeat(1024 * 1024 + extra) }),
    status: 413,
  })),
  fc
    .constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png')
    .map((ct) => ({
      label: 'wrong media type',
      payload: JSON.stringify(validBody()),
      headers: { 'content-type': ct },
      status: 415,
    })),
  fc.constantFrom('*', '"x"', 'W/"-1"', 'W/1', 'W/"1", W/"2"').map((im) => ({
    label: 'bad If-Match',
    payload: JSON.stringify({ events: [validEvent()] }),
    headers: { 'if-match': im },
    status: 400,
    names: 'If-Match',
  })),
  fc
    .stringMatching(/^[a-z]{1,5}[ .~!*]{1,3}[a-z]{0,5}$/)
    .map((id) => ({ ...body400('caseId with bad characters', (b) => b, 'caseId'), caseId: encodeURIComponent(id) })),
);

describe('generated bad input (e2e)', () => {
  let t: TestApp;
  let auth: AuthHeaders;
  beforeAll(async () => {
    t = await startTestApp();
    auth = await authHeaders(t.app);
    const seeded = await t.app.inject({
      method: 'POST',
      url: '/v1/cases/seed/events',
      headers: { ...JSON_HEADERS, ...auth },
      payload: JSON.stringify(validBody()),
    });
    expect(seeded.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every bad request with a 4xx problem naming it, and leaves the log unchanged', async () => {
    const head = await t.store.headPosition();
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(badRequests, fc.boolean(), async (bad, existingCase) => {
        seen.set(bad.label, (seen.get(bad.label) ?? 0) + 1);
        const caseId = bad.caseId ?? (existingCase ? 'seed' : 'fresh-case');
        const res = await t.app.inject({
          method: 'POST',
          url: `/v1/cases/${caseId}/events`,
          headers: { ...JSON_HEADERS, ...auth, ...bad.headers },
          payload: bad.payload,
        });
        expect(res.statusCode).toBe(bad.status);
        expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
        const problem = res.json();
        expect(problem).toMatchObject({
          status: bad.status,
          type: expect.any(String),
          title: expect.any(String),
          detail: expect.any(String),
        });
        expect(problem.detail.length).toBeGreaterThan(0);
        if (bad.names !== undefined) {
          const named = (problem.errors as Array<Record<string, string>>).map((e) => e.pointer ?? e.parameter ?? e.header);
          expect(named).toContain(bad.names);
        }
        expect(await t.store.headPosition()).toBe(head);
      }),
      { numRuns: 300, seed: 20240615 },
    );
    // Every kind of bad input was tried.
    expect(seen.size).toBeGreaterThanOrEqual(25);
  });
});
