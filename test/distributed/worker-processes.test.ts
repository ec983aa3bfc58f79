import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openEventStore, type EventStore } from '@fristvakt/event-store';
import { TOPICS, type MessageProducer } from '@fristvakt/messaging';
import { tempDir } from '../event-store/temp-dir';
import { startEventStoreDbEmulator, type EventStoreDbEmulator } from '../eventstoredb/emulator/emulator';
import { waitUntil } from '../eventstoredb/wait-until';
import { Collector, testMessaging } from '../kafka/collector';
import { startMockBroker, type MockBroker } from '../kafka/mock-broker';
import { describeWithTool } from '../support/system-tools';

const ROOT = resolve(__dirname, '../..');
const RELAY_MAIN = join(ROOT, 'apps/outbox-relay/src/main.ts');
const INTAKE_MAIN = join(ROOT, 'apps/kafka-intake/src/main.ts');
const CASE_ID = 'c-worker-1';
const EVENT_ID = '5f0c6f5e-8a39-4e53-9a53-3c0f3b1f6a01';

/**
 * The standalone relay and intake on EventStoreDB, through the settings case-api reads: a message on
 * the intake topic is recorded by one process in EventStoreDB and published by the other to the
 * case-events topic; both keep their heartbeat files fresh for the container health checks.
 */
describeWithTool('kcat', 'relay and intake processes on EventStoreDB', () => {
  let emulator: EventStoreDbEmulator;
  let broker: MockBroker;
  let store: EventStore;
  let temp: ReturnType<typeof tempDir>;
  let collector: Collector;
  let producer: MessageProducer;
  const children: ChildProcess[] = [];
  const stderr: string[] = [];

  beforeAll(async () => {
    emulator = await startEventStoreDbEmulator();
    broker = await startMockBroker();
    store = await openEventStore({ kind: 'eventstoredb', connectionString: emulator.connectionString });
    temp = tempDir('worker-processes');
    const messaging = testMessaging(broker.bootstrap);
    collector = new Collector(messaging, TOPICS.caseEvents);
    producer = messaging.producer();
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await producer?.disconnect();
    await collector?.stop();
    await store?.close();
    await broker?.stop();
    await emulator?.close();
    temp?.remove();
  });

  function start(main: string, name: string, extra: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        KAFKA_BROKERS: broker.bootstrap,
        KAFKA_CLIENT_ID: name,
        KAFKA_REQUEST_TIMEOUT_MS: '2000',
        KAFKA_LOG_LEVEL: 'nothing',
        FRISTVAKT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: emulator.connectionString,
        FRISTVAKT_DATA_DIR: join(temp.dir, name),
        FRISTVAKT_HEARTBEAT_FILE: heartbeatOf(name),
        ...extra,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(`${name}: ${chunk}`));
    children.push(child);
    return child;
  }
  const heartbeatOf = (name: string) => join(temp.dir, `${name}.heartbeat`);

  it('records an intake message in EventStoreDB and relays it to the case-events topic', async () => {
    const relay = start(RELAY_MAIN, 'relay');
    const intake = start(INTAKE_MAIN, 'intake', {
      FRISTVAKT_INTAKE_SUBJECT: 'kafka-intake:worker-test',
      FRISTVAKT_INTAKE_MUNICIPALITIES: '3201',
    });
    await collector.start();

    const body = {
      caseId: CASE_ID,
      expectedVersion: 0,
      events: [
        {
          eventId: EVENT_ID,
          type: 'NotificationReceived',
          occurredAt: '2024-03-01',
          data: { notificationId: 'n1', municipality: '3201', reporters: ['11'] },
        },
      ],
    };
    await producer.send(TOPICS.caseIntake, [{ key: CASE_ID, value: Buffer.from(JSON.stringify(body)), headers: {} }]);

    const [stored] = await waitForStream(store, `case-${CASE_ID}`, 90_000, stderr);
    expect(stored).toMatchObject({ eventId: EVENT_ID, version: 1, recordedBy: 'kafka-intake:worker-test' });
    await collector.waitUntil(
      (messages) => messages.some((m) => m.headers.ce_id === EVENT_ID),
      60_000,
      'the recorded event on the case-events topic',
    );
    const relayed = collector.messages.find((m) => m.headers.ce_id === EVENT_ID)!;
    expect(JSON.parse(relayed.value)).toMatchObject({ caseId: CASE_ID, eventId: EVENT_ID, position: stored.position });

    // Each worker beats while it runs: the file exists and gets newer (every 10 s).
    for (const name of ['relay', 'intake']) expect(existsSync(heartbeatOf(name))).toBe(true);
    const first = ['relay', 'intake'].map((name) => statSync(heartbeatOf(name)).mtimeMs);
    await waitUntil(
      () => ['relay', 'intake'].every((name, i) => statSync(heartbeatOf(name)).mtimeMs > first[i]),
      'both heartbeat files to be refreshed',
      25_000,
    );

    for (const child of [relay, intake]) {
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});

async function waitForStream(store: EventStore, streamId: string, timeoutMs: number, stderr: string[]) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await store.readStream(streamId);
    if (events.length > 0) return events;
    if (Date.now() > deadline)
      throw new Error(`nothing recorded in ${streamId} within ${timeoutMs} ms; workers said: ${stderr.join('').slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
