import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { CaseRecording } from '@fristvakt/case-recording';
import * as build from '@fristvakt/domain/testing';
import { SqliteEventStore, type NewEvent, type AppendOptions, type AppendResult } from '@fristvakt/event-store';
import { TOPICS, type MessageProducer, type OutgoingMessage } from '@fristvakt/messaging';
import { KafkaIntake } from '../../apps/kafka-intake/src/kafka-intake';
import { tempDir } from '../event-store/temp-dir';
import { Collector, TEST_GROUP_TIMEOUTS, testMessaging } from './collector';
import { startMockBroker, type MockBroker } from './mock-broker';
import { describeWithTool } from '../support/system-tools';

const NOW = new Date('2024-06-15T12:00:00Z');
const clock = () => NOW;
/** the upstream system this intake records for */
const SUBJECT = 'kafka-intake:fagsystem-a';
const MUNICIPALITIES = new Set(['3201', '0301']);
const GROUP = 'intake-under-test';
const FNR = '01017010170';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const notification = (n: number, notificationId = 'n1', municipality = '3201') =>
  build.received(notificationId, '2024-03-01T10:15:00+01:00', { eventId: uuid(n), municipality });
const opened = (n: number, investigationId: string, notificationId: string) =>
  build.opened(investigationId, notificationId, '2024-03-04', { eventId: uuid(n) });

interface Case {
  name: string;
  message: OutgoingMessage;
  /** undefined: must be recorded; otherwise the DLQ status and what the detail must name */
  dlq?: { status: string; detail: string };
}

function message(name: string, key: string | null, value: Buffer | string): Case['message'] {
  return { key, value: Buffer.isBuffer(value) ? value : Buffer.from(value), headers: { 'x-upstream-id': name, 'x-source': 'fagsystem-a' } };
}
const json = (value: unknown) => JSON.stringify(value);

/** In log order per case (one key per case keeps them on one partition, in order). */
const CASES: Case[] = [
  { name: 'a-new', message: message('a-new', 'c-a', json({ caseId: 'c-a', expectedVersion: 0, events: [notification(1)] })) },
  { name: 'a-open', message: message('a-open', 'c-a', json({ caseId: 'c-a', expectedVersion: 1, events: [opened(2, 'u1', 'n1')] })) },
  { name: 'a-dup', message: message('a-dup', 'c-a', json({ caseId: 'c-a', expectedVersion: 0, events: [notification(1)] })) },
  {
    name: 'a-rule',
    message: message('a-rule', 'c-a', json({ caseId: 'c-a', events: [notification(3, 'n2', '0301')] })),
    dlq: { status: '422', detail: 'municipality_mismatch' },
  },
  {
    name: 'a-stale',
    message: message('a-stale', 'c-a', json({ caseId: 'c-a', expectedVersion: 1, events: [opened(4, 'u2', 'n1')] })),
    dlq: { status: '409', detail: 'at version 2' },
  },
  {
    name: 'a-reused-id',
    message: message('a-reused-id', 'c-a', json({ caseId: 'c-a', events: [notification(2, 'n3')] })),
    dlq: { status: '409', detail: 'event id reused' },
  },
  {
    name: 'b-bad-json',
    message: message('b-bad-json', 'c-b', '{"caseId": "c-b", "events": [ '),
    dlq: { status: '400', detail: 'not valid UTF-8 JSON' },
  },
  {
    name: 'b-unknown-field',
    message: message('b-unknown-field', 'c-b', json({ caseId: 'c-b', events: [{ ...notification(5), colour: 'red' }], urgent: true })),
    dlq: { status: '400', detail: '/events/0/colour' },
  },
  {
    name: 'b-fnr-case',
    message: message('b-fnr-case', FNR, json({ caseId: FNR, events: [notification(6)] })),
    dlq: { status: '400', detail: '/caseId: must not be or contain a national identity number' },
  },
  {
    name: 'b-fnr-field',
    message: message('b-fnr-field', 'c-b', json({ caseId: 'c-b', events: [notification(7, `n-${FNR}`)] })),
    dlq: { status: '400', detail: '/events/0/data/notificationId' },
  },
  {
    name: 'b-first-not-notification',
    message: message('b-first-not-notification', 'c-b', json({ caseId: 'c-b', events: [opened(8, 'u1', 'n1')] })),
    dlq: { status: '422', detail: 'first_event_must_be_notification' },
  },
  {
    name: 'b-tombstone',
    message: { key: 'c-b', value: Buffer.alloc(0), headers: { 'x-upstream-id': 'b-tombstone' } },
    dlq: { status: '400', detail: 'no value' },
  },
  {
    name: 'b-null-value',
    message: { key: 'c-b', value: null, headers: { 'x-upstream-id': 'b-null-value' } },
    dlq: { status: '400', detail: 'no value (null, a tombstone)' },
  },
  {
    name: 'b-replayed-mark',
    message: { key: 'c-b', value: Buffer.from('{'), headers: { 'x-upstream-id': 'b-replayed-mark', 'error-null-value': 'true' } },
    dlq: { status: '400', detail: 'not valid UTF-8 JSON' },
  },
  {
    name: 'b-key-other',
    message: message('b-key-other', 'c-a', json({ caseId: 'c-b', events: [notification(9, 'n9')] })),
    dlq: { status: '400', detail: '(key): is not the caseId c-b; the key must be the caseId' },
  },
  {
    name: 'b-key-null',
    message: message('b-key-null', null, json({ caseId: 'c-b', events: [notification(10, 'n10')] })),
    dlq: { status: '400', detail: '(key): is missing; the key must be the caseId' },
  },
  {
    name: 'd-outside',
    message: message('d-outside', 'c-d', json({ caseId: 'c-d', events: [notification(11, 'n1', '9999')] })),
    dlq: { status: '403', detail: 'municipality 9999 is not one this intake may write (FRISTVAKT_INTAKE_MUNICIPALITIES=0301,3201)' },
  },
  { name: 'c-no-ids', message: message('c-no-ids', 'c-c', json({ caseId: 'c-c', events: [{ ...notification(0), eventId: undefined }] })) },
  {
    name: 'c-no-ids-again',
    message: message('c-no-ids-again', 'c-c', json({ caseId: 'c-c', events: [{ ...notification(0), eventId: undefined }] })),
  },
];

/** Fails the first `failures` appends like a locked or unreachable store would. */
class FlakyStore extends SqliteEventStore {
  failures = 0;
  override async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    }
    return super.append(streamId, events, options);
  }
}

describeWithTool('kcat', 'Kafka intake against a Kafka-protocol broker', () => {
  let broker: MockBroker;
  let temp: ReturnType<typeof tempDir>;
  let store: FlakyStore;
  let producer: MessageProducer;
  let intake: KafkaIntake | undefined;
  let dlq: Collector;

  beforeEach(async () => {
    broker = await startMockBroker();
    temp = tempDir('intake');
    store = new FlakyStore({ path: join(temp.dir, 'events.sqlite') });
    const messaging = testMessaging(broker.bootstrap);
    producer = messaging.producer();
    dlq = new Collector(messaging, TOPICS.caseIntakeDeadLetters);
  });

  afterEach(async () => {
    await intake?.stop();
    await dlq.stop();
    await producer.disconnect();
    await store.close();
    await broker.stop();
    temp.remove();
  });

  function startIntake(): Promise<void> {
    intake = new KafkaIntake({
      messaging: testMessaging(broker.bootstrap, 'intake'),
      recording: new CaseRecording(store, { clock }),
      settings: { subject: SUBJECT, municipalities: MUNICIPALITIES, groupId: GROUP },
      backoff: { initialMs: 20, maxMs: 200 },
      groupTimeouts: TEST_GROUP_TIMEOUTS,
    });
    return intake.start();
  }

  const handled = () => {
    const s = intake!.status();
    return s.appended + s.replayed + s.deadLettered;
  };

  it('records the valid messages once and puts every bad one on the DLQ with its reason and original bytes', async () => {
    // Producing first: the intake starts from the beginning of the topic.
    for (const c of CASES) await producer.send(TOPICS.caseIntake, [c.message]);
    store.failures = 3;
    await Promise.all([startIntake(), dlq.start()]);

    const bad = CASES.filter((c) => c.dlq);
    await waitFor(() => handled() === CASES.length, 60_000, `all ${CASES.length} messages handled`);
    await dlq.waitUntil((m) => m.length >= bad.length, 30_000, `${bad.length} dead letters`);

    // A transient store failure was retried, never dead-lettered.
    expect(intake!.status()).toMatchObject({ appended: 3, replayed: 2, deadLettered: bad.length, consecutiveFailures: 0 });
    expect(intake!.status().lastError).toContain('database is locked');

    const a = await store.readStream('case-c-a');
    expect(a.map((e) => [e.eventId, e.version, e.recordedBy])).toEqual([
      [uuid(1), 1, SUBJECT],
      [uuid(2), 2, SUBJECT],
    ]);
    expect((await store.readStream('case-c-c')).length).toBe(1);
    expect(await store.readStream('case-c-b')).toEqual([]);
    expect(await store.headPosition()).toBe(3);

    expect(dlq.messages).toHaveLength(bad.length);
    for (const c of bad) {
      const letter = dlq.messages.find((m) => m.headers['x-upstream-id'] === c.name);
      expect({ name: c.name, found: letter !== undefined }).toEqual({ name: c.name, found: true });
      expect(letter!.value).toBe(c.message.value?.toString() ?? '');
      // A tombstone stays one, and says so, since many tools print null and empty alike.
      expect({ name: c.name, nullValue: letter!.nullValue, marked: letter!.headers['error-null-value'] }).toEqual({
        name: c.name,
        nullValue: c.message.value === null,
        marked: c.message.value === null ? 'true' : undefined,
      });
      expect(letter!.key).toBe(c.message.key);
      expect(letter!.headers['error-status']).toBe(c.dlq!.status);
      expect(letter!.headers['error-detail']).toContain(c.dlq!.detail);
      if (c.message.headers?.['x-source']) expect(letter!.headers['x-source']).toBe('fagsystem-a');
    }

    await intake!.stop();
    intake = undefined;
    expect(await committedOffsets(broker.bootstrap)).toBe(CASES.length);
  });

  it('a restarted intake with the same group handles nothing twice; a resent message appends nothing', async () => {
    await producer.send(TOPICS.caseIntake, [CASES[0].message, CASES[1].message]);
    await startIntake();
    await waitFor(() => handled() === 2, 30_000, 'two messages handled');
    await intake!.stop();
    // Both offsets are committed, so the group resumes after them whoever joins next.
    expect(await committedOffsets(broker.bootstrap)).toBe(2);

    await producer.send(TOPICS.caseIntake, [CASES[0].message]);
    await startIntake();
    await waitFor(() => handled() === 1, 30_000, 'the resent message handled');
    expect(intake!.status()).toMatchObject({ appended: 0, replayed: 1, deadLettered: 0 });
    expect(await store.headPosition()).toBe(2);
    await intake!.stop();
    intake = undefined;
    expect(await committedOffsets(broker.bootstrap)).toBe(3);
  });
});

/** Sum over partitions of the group's committed offsets: the number of messages it has finished. */
async function committedOffsets(bootstrap: string): Promise<number> {
  const admin = new Kafka({ brokers: [bootstrap], clientId: 'offset-check', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPICS.caseIntake] });
    return topic.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
