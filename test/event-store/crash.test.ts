import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type StoredEvent } from '@fristvakt/event-store';
import { WRITER_READY, type WriterLogLine } from './crash-writer';
import { randomInt, seededRandom } from './seeded-random';
import { tempDir } from './temp-dir';

/**
 * kill -9 at random moments, two writer processes at a time on one file, many times over; then every
 * acknowledged batch must be there exactly once, no batch partly, and versions/positions gapless.
 * Reproduce a failure with CRASH_SEED=<printed seed>.
 */
const RUNS = 24;
const WRITERS_PER_RUN = 2;
const REPO_ROOT = resolve(__dirname, '../..');
const WRITER_SCRIPT = join(__dirname, 'crash-writer.ts');

interface Writer {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<NodeJS.Signals | number | null>;
  stderr: () => string;
}

function startWriter(dbPath: string, logPath: string, seed: number, tag: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER_SCRIPT, dbPath, logPath, String(seed), tag], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.once('exit', (code, signal) => done(signal ?? code)));
  const ready = new Promise<void>((done, fail) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(WRITER_READY)) done();
    });
    void exited.then((how) => fail(new Error(`writer ${tag} exited (${String(how)}) before ready: ${stderr}`)));
  });
  return { child, ready, exited, stderr: () => stderr };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Fsynced lines; only the very last line of a file may be torn by the kill. */
function readLog(path: string): WriterLogLine[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const torn = lines.pop() ?? '';
  expect(torn === '' || !torn.endsWith('}')).toBe(true);
  return lines.map((line) => JSON.parse(line) as WriterLogLine);
}

async function readEverything(store: SqliteEventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (let page = await store.readAll(0, 5_000); page.length > 0; page = await store.readAll(all[all.length - 1].position, 5_000)) {
    all.push(...page);
  }
  return all;
}

describe('SQLite event store under kill -9', () => {
  const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const temp = tempDir('crash');
  const live = new Set<ChildProcess>();
  afterAll(() => {
    // A failed assertion must not leave writers running.
    for (const child of live) child.kill('SIGKILL');
    temp.remove();
  });

  it(`keeps every acknowledged batch, whole and gapless (seed ${seed})`, async () => {
    console.log(`crash test seed ${seed} (set CRASH_SEED=${seed} to reproduce)`);
    const random = seededRandom(seed);
    const dbPath = join(temp.dir, 'events.db');
    const logPaths: string[] = [];
    let kills = 0;

    for (let run = 0; run < RUNS; run += 1) {
      const writers = Array.from({ length: WRITERS_PER_RUN }, (_, w) => {
        const logPath = join(temp.dir, `writer-r${run}-w${w}.log`);
        logPaths.push(logPath);
        const writer = startWriter(dbPath, logPath, randomInt(random, 1, 2 ** 31), `r${run}w${w}`);
        live.add(writer.child);
        void writer.exited.then(() => live.delete(writer.child));
        return writer;
      });
      await Promise.all(writers.map((writer) => writer.ready));
      for (const writer of writers) {
        await sleep(randomInt(random, 5, 150));
        writer.child.kill('SIGKILL');
        const how = await writer.exited;
        if (how !== 'SIGKILL') throw new Error(`writer died on its own (${String(how)}): ${writer.stderr()}`);
        kills += 1;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(20);

    const lines = logPaths.flatMap(readLog);
    const store = new SqliteEventStore({ path: dbPath });
    const all = await readEverything(store);
    await store.close();

    // Positions gapless, versions gapless per stream, ids unique.
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
    const perStream = new Map<string, number>();
    for (const event of all) {
      const version = (perStream.get(event.streamId) ?? 0) + 1;
      expect(event.version).toBe(version);
      perStream.set(event.streamId, version);
    }
    const byId = new Map(all.map((e) => [e.eventId, e]));
    expect(byId.size).toBe(all.length);

    // Every attempted batch is wholly present (one run, in order) or wholly absent.
    const intents = new Map<string, Extract<WriterLogLine, { kind: 'intent' }>>();
    const outcome = new Map<string, WriterLogLine>();
    for (const line of lines) {
      if (line.kind === 'intent') intents.set(line.batch, line);
      else outcome.set(line.batch, line);
    }
    let present = 0;
    let presentUnacked = 0;
    for (const intent of intents.values()) {
      const stored = intent.eventIds.map((id) => byId.get(id));
      const found = stored.filter((e): e is StoredEvent => e !== undefined);
      if (found.length === 0) {
        expect(outcome.get(intent.batch)?.kind).not.toBe('ack');
        continue;
      }
      expect(found).toHaveLength(intent.eventIds.length);
      expect(found.every((e) => e.streamId === intent.streamId)).toBe(true);
      expect(found.map((e) => e.position - found[0].position)).toEqual(found.map((_, i) => i));
      expect(found.map((e) => e.version - found[0].version)).toEqual(found.map((_, i) => i));
      expect(outcome.get(intent.batch)?.kind).not.toBe('conflict');
      present += 1;
      const ack = outcome.get(intent.batch);
      if (ack?.kind === 'ack') {
        const last = found[found.length - 1];
        expect([last.streamId, last.version, last.position]).toEqual([ack.streamId, ack.version, ack.position]);
      } else {
        presentUnacked += 1; // killed after commit, before the ack line: allowed
      }
    }
    // No event appears that no writer intended.
    const intended = new Set([...intents.values()].flatMap((i) => i.eventIds));
    expect(all.filter((e) => !intended.has(e.eventId))).toEqual([]);

    const acks = [...outcome.values()].filter((l) => l.kind === 'ack').length;
    const conflicts = [...outcome.values()].filter((l) => l.kind === 'conflict').length;
    console.log(
      `crash test: ${kills} kills, ${intents.size} batches attempted, ${acks} acknowledged, ${present} stored ` +
        `(${presentUnacked} committed but killed before ack), ${conflicts} lost races, ${all.length} events`,
    );
    expect(acks).toBeGreaterThan(0);
  }, 90_000);
});
