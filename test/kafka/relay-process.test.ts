import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@fristvakt/event-store';
import { TOPICS } from '@fristvakt/messaging';
import { tempDir } from '../event-store/temp-dir';
import { appendInterleaved } from './case-log-fixture';
import { cloudEventProblems } from './cloud-events';
import { Collector, orderViolations, testMessaging } from './collector';
import { startMockBroker, type MockBroker } from './mock-broker';
import { describeWithTool } from '../support/system-tools';

const ROOT = resolve(__dirname, '../..');

function coversPositions(messages: Array<{ value: string }>, upTo: number): boolean {
  const received = new Set(messages.map((m) => (JSON.parse(m.value) as { position: number }).position));
  for (let p = 1; p <= upTo; p++) if (!received.has(p)) return false;
  return true;
}
const MAIN = join(ROOT, 'apps/outbox-relay/src/main.ts');

describeWithTool('kcat', 'outbox relay process: SIGKILL mid-batch and restart', () => {
  let broker: MockBroker;
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let collector: Collector;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    broker = await startMockBroker();
    temp = tempDir('relay-process');
    store = new SqliteEventStore({ path: join(temp.dir, 'events.sqlite') });
    collector = new Collector(testMessaging(broker.bootstrap), TOPICS.caseEvents);
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await collector.stop();
    await store.close();
    await broker.stop();
    temp.remove();
  });

  function startRelay(): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        KAFKA_BROKERS: broker.bootstrap,
        KAFKA_CLIENT_ID: 'relay-under-test',
        KAFKA_REQUEST_TIMEOUT_MS: '2000',
        KAFKA_LOG_LEVEL: 'nothing',
        FRISTVAKT_DATA_DIR: temp.dir,
        // Small batches, each checkpointed: a kill lands between an ack and its checkpoint or mid-send.
        FRISTVAKT_RELAY_BATCH_SIZE: '200',
        FRISTVAKT_RELAY_CHECKPOINT_MS: '0',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.resume();
    children.push(child);
    return child;
  }

  const checkpoint = (): number => {
    try {
      return (JSON.parse(readFileSync(join(temp.dir, 'outbox-relay.checkpoint.json'), 'utf8')) as { position: number }).position;
    } catch {
      return 0;
    }
  };
  const waitFor = async (condition: () => boolean, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((done) => setTimeout(done, 2));
    }
  };
  const distinct = (size: number) => (m: { headers: Record<string, string> }[]) => new Set(m.map((x) => x.headers.ce_id)).size >= size;

  it('loses nothing and keeps per-case order; the checkpoint is never ahead of what the broker has', async () => {
    await appendInterleaved(store, { cases: 500, eventsPerCase: 20, perAppend: 5 });
    await collector.start();

    const first = startRelay();
    // Killed as soon as it has checkpointed 2000 of the 10 000: it is busy sending the rest.
    await waitFor(() => checkpoint() >= 2000, 60_000, 'the first relay to checkpoint 2000 events');
    const exited = new Promise((done) => first.once('exit', done));
    first.kill('SIGKILL');
    await exited;

    // Everything up to the checkpoint was acknowledged by the broker before it was saved: with no
    // relay running, the broker alone must deliver all of it.
    const saved = checkpoint();
    expect(saved).toBeGreaterThan(0);
    await collector.waitUntil((m) => coversPositions(m, saved), 30_000, `every position up to the checkpoint ${saved}`);

    const second = startRelay();
    // Appended by this process while the relay runs in another: it must see them by polling the file.
    await appendInterleaved(store, { cases: 50, eventsPerCase: 20, perAppend: 10, firstCase: 500 });
    await collector.waitUntil(distinct(11_000), 90_000, 'all 11 000 events');

    expect(collector.distinctCeIds().size).toBe(11_000);
    expect(orderViolations(collector.messages)).toEqual([]);
    expect(cloudEventProblems(collector.messages)).toEqual([]);

    const stopped = new Promise<number | null>((done) => second.once('exit', (code) => done(code)));
    second.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(checkpoint()).toBe(11_000);
  });
});
