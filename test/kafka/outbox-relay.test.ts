import { join } from 'node:path';
import { SqliteEventStore } from '@fristvakt/event-store';
import { TOPICS, type MessageProducer } from '@fristvakt/messaging';
import { FileCheckpointStore } from '../../apps/outbox-relay/src/checkpoint-store';
import { OutboxRelay } from '../../apps/outbox-relay/src/outbox-relay';
import { tempDir } from '../event-store/temp-dir';
import { appendInterleaved, caseIdOf, municipalityOfCase } from './case-log-fixture';
import { cloudEventProblems } from './cloud-events';
import { Collector, orderViolations, testMessaging } from './collector';
import { startMockBroker, type MockBroker } from './mock-broker';
import { describeWithTool } from '../support/system-tools';

describeWithTool('kcat', 'outbox relay against a Kafka-protocol broker', () => {
  let broker: MockBroker;
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let producer: MessageProducer;
  let collector: Collector;
  let relay: OutboxRelay;

  beforeEach(async () => {
    broker = await startMockBroker();
    temp = tempDir('relay');
    store = new SqliteEventStore({ path: join(temp.dir, 'events.sqlite') });
    const messaging = testMessaging(broker.bootstrap);
    producer = messaging.producer();
    collector = new Collector(messaging, TOPICS.caseEvents);
  });

  afterEach(async () => {
    await relay?.stop();
    await producer.disconnect();
    await collector.stop();
    await store.close();
    await broker.stop();
    temp.remove();
  });

  function startRelay(): Promise<void> {
    relay = new OutboxRelay({
      store,
      producer,
      checkpoints: new FileCheckpointStore(join(temp.dir, 'relay.checkpoint.json')),
      batchSize: 500,
      backoff: { initialMs: 50, maxMs: 500 },
      headRefreshMs: 100,
    });
    return relay.start();
  }

  it('publishes 10 000 events of 500 cases: every ce_id once seen, per-case order kept, CloudEvents headers', async () => {
    await appendInterleaved(store, { cases: 500, eventsPerCase: 20, perAppend: 5 });
    await Promise.all([collector.start(), startRelay()]);

    await collector.waitUntil((m) => new Set(m.map((x) => x.headers.ce_id)).size >= 10_000, 60_000, '10 000 distinct ce_ids');

    const ids = collector.distinctCeIds();
    expect(ids.size).toBe(10_000);
    for (let c = 0; c < 500; c++) for (let i = 0; i < 20; i++) expect(ids.has(`e-${c}-${i}`)).toBe(true);
    expect(orderViolations(collector.messages)).toEqual([]);
    expect(cloudEventProblems(collector.messages)).toEqual([]);

    const first = collector.messages.find((m) => m.headers.ce_id === 'e-7-0')!;
    expect(first.key).toBe(caseIdOf(7));
    expect(first.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_source: `/fristvakt/municipalities/${municipalityOfCase(7)}`,
      ce_type: 'no.fristvakt.case.NotificationReceived.v1',
      ce_time: '2024-01-15T00:00:00+01:00',
      ce_subject: caseIdOf(7),
      ce_partitionkey: caseIdOf(7),
      'content-type': 'application/json',
    });
    expect(JSON.parse(first.value)).toMatchObject({
      eventId: 'e-7-0',
      type: 'NotificationReceived',
      occurredAt: '2024-01-15',
      caseId: caseIdOf(7),
      version: 1,
      recordedBy: 'test:fixture',
      schemaVersion: 1,
      data: { notificationId: 'n-7', municipality: municipalityOfCase(7) },
    });
    const later = collector.messages.find((m) => m.headers.ce_id === 'e-7-3')!;
    expect(later.headers).toMatchObject({ ce_type: 'no.fristvakt.case.MeasureStarted.v1', ce_time: '2024-03-04T09:30:00+01:00' });

    await relay.stop();
    expect(relay.status()).toMatchObject({ position: 10_000, checkpoint: 10_000, lag: 0, lastError: null });
  });

  it('rides out a broker outage mid-stream: reports it, resumes, and nothing is missing', async () => {
    await appendInterleaved(store, { cases: 100, eventsPerCase: 10, perAppend: 5 });
    await Promise.all([collector.start(), startRelay()]);
    await collector.waitUntil((m) => m.length >= 1000, 30_000, 'the first 1000 events');

    broker.pause();
    const appending = appendInterleaved(store, { cases: 100, eventsPerCase: 10, perAppend: 5, firstCase: 100 });
    await waitFor(() => relay.status().connected === false, 30_000, 'the relay to notice the outage');
    const during = relay.status();
    expect(during.lastError).not.toBeNull();
    await appending;
    expect(relay.status().position).toBeLessThan(2000);

    broker.resume();
    await collector.waitUntil((m) => new Set(m.map((x) => x.headers.ce_id)).size >= 2000, 60_000, '2000 distinct ce_ids');
    expect(collector.distinctCeIds().size).toBe(2000);
    expect(orderViolations(collector.messages)).toEqual([]);
    expect(cloudEventProblems(collector.messages)).toEqual([]);
    await waitFor(() => relay.status().position === 2000, 30_000, 'the relay to acknowledge everything');
    expect(relay.status()).toMatchObject({ connected: true, consecutiveFailures: 0, lag: 0 });
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
