import fc from 'fast-check';
import { CaseRecording } from '@fristvakt/case-recording';
import { InMemoryEventStore } from '@fristvakt/event-store';
import { createMessaging, jsonLineLogger, TOPICS, type MessageProducer } from '@fristvakt/messaging';
import { loadKafkaConfig } from '../../apps/shared/src/kafka-settings';
import { IntakeDecider } from '../../apps/kafka-intake/src/intake-decision';
import { KafkaIntake } from '../../apps/kafka-intake/src/kafka-intake';
import { identityNumberAsKey, repeatsIdentityNumber } from '../support/identity-numbers';
import { Collector, TEST_GROUP_TIMEOUTS, testMessaging } from './collector';
import { startMockBroker, type MockBroker } from './mock-broker';
import { describeWithTool } from '../support/system-tools';

/*
 * DOMAIN.md §6 for the intake: a message whose value uses an identity number as a property name, at
 * any depth and whatever else is wrong with it, goes to the DLQ, and neither its error headers nor
 * any log line of the intake or its Kafka client repeat the number. (The DLQ message keeps the
 * original bytes, as it must for a replay; what Fristvakt writes about it never quotes them.)
 */

const NOW = new Date('2024-06-15T12:00:00Z');
const clock = () => NOW;
const CASE_ID = 'c-1002';
const VALID = {
  caseId: CASE_ID,
  events: [
    { type: 'NotificationReceived', occurredAt: '2024-05-02', data: { notificationId: 'n1', municipality: '3201', reporters: ['11'] } },
  ],
};
const SETTINGS = { subject: 'kafka-intake:fagsystem-a', municipalities: new Set(['3201']) };
const message = (body: object) => ({ key: Buffer.from(CASE_ID), value: Buffer.from(JSON.stringify(body)) });

describe('identity numbers as property names in intake messages (property)', () => {
  it('are refused with 400, the member named by its place and the number nowhere in the reason', async () => {
    const store = new InMemoryEventStore({ clock });
    const decider = new IntakeDecider({ recording: new CaseRecording(store, { clock }), settings: SETTINGS });
    expect(await decider.decide(message(VALID))).toMatchObject({ kind: 'recorded' });
    await fc.assert(
      fc.asyncProperty(identityNumberAsKey(VALID), async (keyed) => {
        const outcome = await decider.decide(message(keyed.body));
        if (outcome.kind !== 'rejected') throw new Error(`recorded: ${JSON.stringify(keyed.body)}`);
        expect(outcome.rejection.status).toBe(400);
        expect(outcome.rejection.detail).toMatch(/<key \d+>: property name must not contain a national identity number/);
        expect(repeatsIdentityNumber(outcome.rejection.detail, keyed)).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(await store.headPosition()).toBe(1);
  });
});

describeWithTool('kcat', 'identity numbers as property names, through a Kafka-protocol broker', () => {
  let broker: MockBroker;
  let producer: MessageProducer;
  let dlq: Collector;
  let intake: KafkaIntake;
  const logLines: string[] = [];
  const capture = (name: string) => jsonLineLogger(name, 'debug', (line) => logLines.push(line));

  beforeAll(async () => {
    broker = await startMockBroker();
    const messaging = testMessaging(broker.bootstrap);
    producer = messaging.producer();
    dlq = new Collector(messaging, TOPICS.caseIntakeDeadLetters);
    const clientConfig = loadKafkaConfig({
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_CLIENT_ID: 'intake',
      KAFKA_REQUEST_TIMEOUT_MS: '2000',
      KAFKA_LOG_LEVEL: 'debug',
    });
    intake = new KafkaIntake({
      messaging: createMessaging(clientConfig, capture('kafka')),
      recording: new CaseRecording(new InMemoryEventStore({ clock }), { clock }),
      settings: { ...SETTINGS, groupId: 'intake-identity-numbers' },
      groupTimeouts: TEST_GROUP_TIMEOUTS,
      logger: capture('kafka-intake'),
    });
  });

  afterAll(async () => {
    await intake.stop();
    await dlq.stop();
    await producer.disconnect();
    await broker.stop();
  });

  it('puts every such message on the DLQ, and no error header or log line repeats the number', async () => {
    // A fixed seed: the same sample on every run, drawn from the same generator as the property above.
    const samples = fc.sample(identityNumberAsKey(VALID), { seed: 20, numRuns: 30 });
    await producer.send(
      TOPICS.caseIntake,
      samples.map((keyed, index) => ({ ...message(keyed.body), headers: { 'x-sample': String(index) } })),
    );
    await Promise.all([intake.start(), dlq.start()]);
    await dlq.waitUntil((m) => m.length >= samples.length, 60_000, `${samples.length} dead letters`);

    expect(intake.status()).toMatchObject({ appended: 0, deadLettered: samples.length });
    expect(logLines.length).toBeGreaterThan(0);
    for (const letter of dlq.messages) {
      const keyed = samples[Number(letter.headers['x-sample'])];
      expect(letter.headers['error-status']).toBe('400');
      expect(letter.value).toBe(JSON.stringify(keyed.body));
      const { 'x-sample': _sample, ...written } = letter.headers;
      expect({ sample: letter.headers['x-sample'], repeats: repeatsIdentityNumber(JSON.stringify(written), keyed) }).toEqual({
        sample: letter.headers['x-sample'],
        repeats: false,
      });
    }
    for (const keyed of samples) expect(logLines.filter((line) => repeatsIdentityNumber(line, keyed))).toEqual([]);
  });
});
