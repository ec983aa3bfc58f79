/**
 * Kafka publishing: outbox-relay throughput over a backlog, append-to-consume latency while appends
 * continue at a steady rate, and a bare kafkajs producer sending the same messages to the same broker
 * in the same run, so the relay's own overhead (reading the log, encoding, checkpointing) is visible.
 * The broker is librdkafka's mock cluster (kcat must be installed): real protocol, in-memory log.
 *
 * usage: npm run bench:kafka   (BENCH_EVENTS=50000 BENCH_RATE=2000 BENCH_SECONDS=10 by default)
 */
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { caseStreamId, toNewEvent, toRecordedCaseEvent } from '@fristvakt/case-recording';
import { SqliteEventStore } from '@fristvakt/event-store';
import { createMessaging, silentLogger, TOPICS, type OutgoingMessage } from '@fristvakt/messaging';
import { loadKafkaConfig } from '../../apps/shared/src/kafka-settings';
import { caseEventMessage } from '../../apps/outbox-relay/src/case-event-message';
import { FileCheckpointStore } from '../../apps/outbox-relay/src/checkpoint-store';
import { OutboxRelay } from '../../apps/outbox-relay/src/outbox-relay';
import { tempDir } from '../../test/event-store/temp-dir';
import { appendInterleaved, caseEvent, caseIdOf, municipalityOfCase } from '../../test/kafka/case-log-fixture';
import { startMockBroker } from '../../test/kafka/mock-broker';

const TOTAL_EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const EVENTS_PER_CASE = 20;
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BATCH = 1000;

async function main(): Promise<void> {
  const broker = await startMockBroker();
  const temp = tempDir('bench-kafka');
  const store = new SqliteEventStore({ path: join(temp.dir, 'events.sqlite') });
  const kafkaConfig = loadKafkaConfig({ KAFKA_BROKERS: broker.bootstrap, KAFKA_CLIENT_ID: 'bench', KAFKA_LOG_LEVEL: 'nothing' });
  const messaging = createMessaging(kafkaConfig, silentLogger);
  const producer = messaging.producer();
  try {
    const cases = Math.ceil(TOTAL_EVENTS / EVENTS_PER_CASE);
    let started = performance.now();
    await appendInterleaved(store, { cases, eventsPerCase: EVENTS_PER_CASE, perAppend: 5 });
    const head = await store.headPosition();
    console.log(`store: ${head} events of ${cases} cases appended in ${seconds(started)} s (SQLite, synchronous=FULL)`);

    // 1. The relay over the backlog, from an empty checkpoint.
    const relay = new OutboxRelay({
      store,
      producer,
      checkpoints: new FileCheckpointStore(join(temp.dir, 'relay.checkpoint.json')),
      batchSize: BATCH,
    });
    started = performance.now();
    await relay.start();
    while (relay.status().position < head) await sleep(5);
    const relaySeconds = (performance.now() - started) / 1000;

    // 2. A bare kafkajs producer sending the very same messages (pre-encoded) in batches of the same size.
    const messages = (await store.readAll(0, head)).map((stored) => {
      const event = toRecordedCaseEvent(stored);
      return caseEventMessage(event, municipalityOfCase(Number(event.caseId.slice(2))));
    });
    const bareSeconds = await bareProducer(broker.bootstrap, messages);

    // 3. Latency: appends at a steady rate while the (caught-up) relay publishes and a consumer receives.
    const latency = await measureLatency(store, messaging, cases);
    await relay.stop();

    console.log('');
    console.log(`| what | events | seconds | events/s |`);
    console.log(`|---|---:|---:|---:|`);
    console.log(
      `| outbox relay (read log, encode, send acks=all, checkpoint) | ${head} | ${relaySeconds.toFixed(2)} | ${Math.round(head / relaySeconds)} |`,
    );
    console.log(
      `| bare kafkajs producer, same messages, batches of ${BATCH}, acks=all | ${messages.length} | ${bareSeconds.toFixed(2)} | ${Math.round(messages.length / bareSeconds)} |`,
    );
    console.log('');
    console.log(
      `append-to-consume latency at ${RATE} events/s for ${SECONDS} s (${latency.count} events; from the append call to receipt by a consumer): ` +
        `p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`,
    );
  } finally {
    await producer.disconnect();
    await store.close();
    await broker.stop();
    temp.remove();
  }
}

async function bareProducer(bootstrap: string, messages: OutgoingMessage[]): Promise<number> {
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'bench-bare', logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const started = performance.now();
  for (let i = 0; i < messages.length; i += BATCH) {
    await producer.send({
      topic: 'bench.bare-producer',
      acks: -1,
      messages: messages.slice(i, i + BATCH).map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }
  const elapsed = (performance.now() - started) / 1000;
  await producer.disconnect();
  return elapsed;
}

async function measureLatency(store: SqliteEventStore, messaging: ReturnType<typeof createMessaging>, firstCase: number) {
  const appendedAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  const consumer = messaging.consumer({
    groupId: 'bench-latency',
    topics: [TOPICS.caseEvents],
    fromBeginning: true,
    commit: 'batch',
    maxWaitMs: 20,
  });
  await consumer.start(async (message) => {
    received += 1;
    const id = message.headers.ce_id?.toString();
    const at = id === undefined ? undefined : appendedAt.get(id);
    if (at !== undefined) {
      latencies.push(performance.now() - at);
      appendedAt.delete(id!);
    }
  });
  // From the beginning (a new group may otherwise miss the first live messages), then drained, so
  // only live messages are measured and none waits behind the backlog. Drained means quiet: the mock
  // broker keeps only ~5 MB per partition, so the backlog's oldest messages may be gone.
  let quietSince = performance.now();
  let seen = -1;
  while (performance.now() - quietSince < 500) {
    if (received !== seen) [seen, quietSince] = [received, performance.now()];
    await sleep(20);
  }
  // Ticks of 10 ms, each appending RATE/100 events as one-event appends to distinct cases (like caseworkers).
  const perTick = Math.max(1, Math.round(RATE / 100));
  const ticks = SECONDS * 100;
  const versions = new Map<number, number>();
  const started = performance.now();
  let sent = 0;
  for (let tick = 0; tick < ticks; tick++) {
    const appends = Array.from({ length: perTick }, (_, i) => {
      const caseNumber = firstCase + ((tick * perTick + i) % 500);
      const version = versions.get(caseNumber) ?? 0;
      versions.set(caseNumber, version + 1);
      const event = caseEvent(caseNumber, version, 'lat');
      appendedAt.set(event.eventId, performance.now());
      sent += 1;
      return store.append(caseStreamId(caseIdOf(caseNumber)), [toNewEvent(event)], { expectedVersion: version, recordedBy: 'bench' });
    });
    await Promise.all(appends);
    const next = started + (tick + 1) * 10;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const deadline = performance.now() + 30_000;
  while (latencies.length < sent && performance.now() < deadline) await sleep(20);
  await consumer.stop();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { count: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] ?? NaN };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
