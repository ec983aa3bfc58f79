import { CaseRecording } from '@fristvakt/case-recording';
import { received, withoutEventId } from '@fristvakt/domain/testing';
import { InMemoryEventStore } from '@fristvakt/event-store';
import { IntakeDecider, MAX_VALUE_BYTES, type IntakeOutcome } from './intake-decision';

const NOW = new Date('2024-06-15T12:00:00Z');
const clock = () => NOW;
const ID_1 = '3f0c6f2e-5a1b-4c7d-9e8f-0a1b2c3d4e5f';
const ID_2 = '4a1d7e3f-6b2c-4d8e-8f90-1b2c3d4e5f60';

const notification = (eventId: string | undefined, municipality = '3201', notificationId = 'n1') => {
  const event = received(notificationId, '2024-03-01T10:15:00+01:00', { municipality });
  return eventId ? { ...event, eventId } : withoutEventId(event);
};
/** A message as an upstream system should send it: the value's caseId as the key. */
const bytes = (value: object) => {
  const caseId = (value as { caseId?: unknown }).caseId;
  return { key: typeof caseId === 'string' ? Buffer.from(caseId) : null, value: Buffer.from(JSON.stringify(value)) };
};
const raw = (value: Buffer | null) => ({ key: Buffer.from('c-1'), value });

describe('IntakeDecider', () => {
  let store: InMemoryEventStore;
  let decider: IntakeDecider;
  beforeEach(() => {
    store = new InMemoryEventStore({ clock });
    decider = new IntakeDecider({
      recording: new CaseRecording(store, { clock }),
      settings: { subject: 'kafka-intake:test', municipalities: new Set(['3201', '0301']) },
    });
  });

  const rejected = (outcome: IntakeOutcome) => {
    if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
    return outcome.rejection;
  };

  it('records a valid message as the configured subject', async () => {
    const outcome = await decider.decide(bytes({ caseId: 'c-1', expectedVersion: 0, events: [notification(ID_1)] }));
    expect(outcome).toEqual({ kind: 'recorded', result: { caseId: 'c-1', version: 1, position: 1, eventIds: [ID_1], replayed: false } });
    const [stored] = await store.readStream('case-c-1');
    expect(stored.recordedBy).toBe('kafka-intake:test');
  });

  it('appends nothing for a replay of the same eventIds', async () => {
    const value = bytes({ caseId: 'c-1', expectedVersion: 0, events: [notification(ID_1)] });
    await decider.decide(value);
    const again = await decider.decide(value);
    expect(again).toMatchObject({ kind: 'recorded', result: { replayed: true, version: 1 } });
    expect(await store.headPosition()).toBe(1);
  });

  it('gives events without an eventId the same ids on every delivery, so a redelivery is a replay', async () => {
    const value = bytes({ caseId: 'c-1', events: [notification(undefined)] });
    const first = await decider.decide(value);
    const second = await decider.decide(value);
    expect(first.kind === 'recorded' && first.result.eventIds[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(second).toMatchObject({ kind: 'recorded', result: { replayed: true } });
    expect(await store.headPosition()).toBe(1);
  });

  it.each([
    ['no value', null, 'no value'],
    ['an empty value', Buffer.alloc(0), 'no value'],
    ['bad JSON', Buffer.from('{"caseId": "c-1", "events": ['), 'not valid UTF-8 JSON'],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'not valid UTF-8 JSON'],
    ['a JSON array', Buffer.from('[1,2]'), 'must be a JSON object'],
  ])('refuses %s with 400', async (_name, value, detail) => {
    expect(rejected(await decider.decide(raw(value)))).toEqual({ status: 400, detail: expect.stringContaining(detail) });
  });

  it('refuses a value over 1 MB with 413', async () => {
    const value = Buffer.alloc(MAX_VALUE_BYTES + 1, 0x20);
    expect(rejected(await decider.decide(raw(value))).status).toBe(413);
  });

  it('names every offending field, the missing caseId and unknown members included', async () => {
    const event = { ...notification(ID_1), data: { ...notification(ID_1).data, colour: 'red' } };
    // A key, so that the message is not refused for the key alone (see below).
    const rejection = rejected(await decider.decide({ ...bytes({ events: [event], priority: 'high' }), key: Buffer.from('c-1') }));
    expect(rejection.status).toBe(400);
    expect(rejection.detail).toContain('/caseId: is required');
    expect(rejection.detail).toContain('/events/0/data/colour: unknown property');
    expect(rejection.detail).toContain('/priority: unknown property');
  });

  it('refuses a fødselsnummer as caseId or inside an id', async () => {
    const asCaseId = rejected(await decider.decide(bytes({ caseId: '01017010170', events: [notification(ID_1)] })));
    expect(asCaseId).toEqual({
      status: 400,
      detail: expect.stringContaining('/caseId: must not be or contain a national identity number'),
    });
    const inData = { ...notification(ID_1), data: { ...notification(ID_1).data, notificationId: 'n-01017010170' } };
    const inBody = rejected(await decider.decide(bytes({ caseId: 'c-1', events: [inData] })));
    expect(inBody).toEqual({ status: 400, detail: expect.stringContaining('/events/0/data/notificationId') });
    expect(await store.headPosition()).toBe(0);
  });

  it('refuses a broken case rule with 422 naming the rule', async () => {
    await decider.decide(bytes({ caseId: 'c-1', events: [notification(ID_1)] }));
    const rejection = rejected(
      await decider.decide(
        bytes({
          caseId: 'c-1',
          events: [notification(ID_2, '0301', 'n2')],
        }),
      ),
    );
    expect(rejection).toEqual({ status: 422, detail: expect.stringContaining('municipality_mismatch') });
  });

  it('refuses a stale expectedVersion with 409', async () => {
    await decider.decide(bytes({ caseId: 'c-1', events: [notification(ID_1)] }));
    const opened = {
      eventId: ID_2,
      type: 'InvestigationOpened',
      occurredAt: '2024-03-04',
      data: { investigationId: 'u1', notificationId: 'n1' },
    };
    const rejection = rejected(await decider.decide(bytes({ caseId: 'c-1', expectedVersion: 0, events: [opened] })));
    expect(rejection).toEqual({ status: 409, detail: expect.stringContaining('at version 1') });
  });

  it('refuses a message without a key, or with a key other than its caseId, and says why the key matters', async () => {
    const value = { caseId: 'c-1', events: [notification(ID_1)] };
    const missing = rejected(await decider.decide({ ...bytes(value), key: null }));
    expect(missing).toEqual({
      status: 400,
      detail: expect.stringContaining('(key): is missing; the key must be the caseId, which puts every message of a case on one partition'),
    });
    const other = rejected(await decider.decide({ ...bytes(value), key: Buffer.from('c-2') }));
    expect(other).toEqual({ status: 400, detail: expect.stringContaining('(key): is not the caseId c-1;') });
    expect(other.detail).not.toContain('c-2');
    expect(await store.headPosition()).toBe(0);
  });

  it('refuses a message for its key before looking into the body, and names a bad caseId beside it', async () => {
    const rejection = rejected(await decider.decide({ ...bytes({ caseId: 'c 1', events: [], colour: 'red' }), key: null }));
    expect(rejection.detail).toMatch(/^2 invalid inputs: \(key\): is missing; .*; \/caseId: must be 1-64 characters/);
  });

  it('records only in its municipalities: another one named is 403, a case of another one is 404, as over HTTP', async () => {
    const narrow = new IntakeDecider({
      recording: new CaseRecording(store, { clock }),
      settings: { subject: 'kafka-intake:test', municipalities: new Set(['3201']) },
    });
    expect(rejected(await narrow.decide(bytes({ caseId: 'c-9', events: [notification(ID_1, '9999')] })))).toEqual({
      status: 403,
      detail: 'municipality 9999 is not one this intake may write (FRISTVAKT_INTAKE_MUNICIPALITIES=3201)',
    });
    await decider.decide(bytes({ caseId: 'c-301', events: [notification(ID_1, '0301')] }));
    const opened = {
      eventId: ID_2,
      type: 'InvestigationOpened',
      occurredAt: '2024-03-04',
      data: { investigationId: 'u1', notificationId: 'n1' },
    };
    expect(rejected(await narrow.decide(bytes({ caseId: 'c-301', events: [opened] })))).toEqual({
      status: 404,
      detail: 'case c-301 does not exist in the municipalities this intake may write (FRISTVAKT_INTAKE_MUNICIPALITIES=3201)',
    });
    expect(await store.headPosition()).toBe(1);
  });

  it('records anywhere with *', async () => {
    const everywhere = new IntakeDecider({
      recording: new CaseRecording(store, { clock }),
      settings: { subject: 'kafka-intake:national', municipalities: '*' },
    });
    expect(await everywhere.decide(bytes({ caseId: 'c-9', events: [notification(ID_1, '9999')] }))).toMatchObject({ kind: 'recorded' });
    expect((await store.readStream('case-c-9'))[0].recordedBy).toBe('kafka-intake:national');
  });

  it('counts the caseId among the members when it names one that holds an identity number', async () => {
    const value = { caseId: 'c-1', events: [notification(ID_1)], '01017010170': 1 };
    const rejection = rejected(await decider.decide(bytes(value)));
    expect(rejection.detail).toContain('/<key 2>: property name must not contain a national identity number');
    expect(rejection.detail).not.toContain('01017010170');
  });

  it('throws (to be retried) when the store fails', async () => {
    jest.spyOn(store, 'append').mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked'));
    await expect(decider.decide(bytes({ caseId: 'c-1', events: [notification(ID_1)] }))).rejects.toThrow('SQLITE_BUSY');
  });
});
