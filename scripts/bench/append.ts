/**
 * Append throughput of SqliteEventStore against raw better-sqlite3 inserts with the same pragmas and row
 * shape, so the store's own overhead (validation, idempotency lookup, version check) is visible.
 * The "concurrent 32 × batch 1" rows model the HTTP API: 32 clients, each with one 1-event append in flight
 * to its own stream at all times; latency is per append, from the call until its promise settles.
 *
 * The store runs with each of its writers: `inline` commits on the calling thread's connection, `thread`
 * (the default for files, which the case-api uses) on a writer thread. The thread frees the caller's event
 * loop from SQLite and fsync, and pays a hand-over between threads on every append; a caller that waits
 * for each append before the next (the sequential rows) feels that most. synchronous=NORMAL can only be
 * set on the inline writer's connection (the store offers no way to weaken durability; the bench reaches
 * into the connection it can see).
 *
 * Every measurement opens a fresh file and starts its clock only after a warm-up of BENCH_WARM_UP one-event
 * appends to streams of their own, on the store and on raw alike: throughput is a steady-state figure, and a
 * fresh store's writer thread spends its first appends booting and compiling (about 80 ms and 0.1 ms per
 * append for the first hundred under tsx), which would otherwise count against the short batch 50 rows.
 *
 * usage: npx tsx scripts/bench/append.ts   (BENCH_EVENTS=20000 BENCH_ROUNDS=3 BENCH_WARM_UP=500 by default)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type NewEvent, type SqliteEventStoreOptions } from '@fristvakt/event-store';
import { migrate } from '../../libs/event-store/src/sqlite/schema';

type Synchronous = 'FULL' | 'NORMAL';
type Writer = NonNullable<SqliteEventStoreOptions['writer']>;
interface Measurement {
  label: string;
  events: number;
  appends: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

const TOTAL_EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_APPENDS = Number(process.env.BENCH_WARM_UP ?? 500);
const STREAMS = 200;
const CONCURRENCY = 32;
const dir = mkdtempSync(join(tmpdir(), 'fristvakt-bench-'));
let fileCounter = 0;
const freshPath = () => join(dir, `bench-${(fileCounter += 1)}.db`);

function makeBatches(batchSize: number, total: number): Array<{ streamId: string; events: NewEvent[] }> {
  return Array.from({ length: Math.ceil(total / batchSize) }, (_, b) => ({
    streamId: `case-${b % STREAMS}`,
    events: Array.from({ length: batchSize }, (_, i) => ({
      eventId: randomUUID(),
      type: 'DeadlineSet',
      data: { caseId: `case-${b % STREAMS}`, deadlineId: randomUUID(), rule: 'bvl-2021-§2-2-undersøkelse', dueOn: '2024-06-01', index: i },
      metadata: { schemaVersion: 1, occurredAt: '2024-03-01T10:00:00.000+01:00', correlationId: randomUUID() },
    })),
  }));
}

function summarise(label: string, latencies: number[], events: number, seconds: number): Measurement {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { label, events, appends: latencies.length, seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** The warm-up appends: one event each, to streams no measured append touches. */
const warmUpBatches = () => makeBatches(1, WARM_UP_APPENDS).map(({ events }, index) => ({ streamId: `warm-up-${index}`, events }));

async function openStore(writer: Writer, synchronous: Synchronous): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ path: freshPath(), writer });
  if (synchronous !== 'FULL') {
    if (writer !== 'inline') throw new Error('synchronous=NORMAL is only reachable on the inline writer');
    // Bench-only reach into the connection: the store deliberately offers no way to weaken durability.
    (store as unknown as { db: Database.Database }).db.pragma(`synchronous = ${synchronous}`);
  }
  for (const { streamId, events } of warmUpBatches())
    await store.append(streamId, events, { expectedVersion: 0, recordedBy: 'user:bench' });
  return store;
}

async function benchStore(writer: Writer, batchSize: number, synchronous: Synchronous, total = TOTAL_EVENTS): Promise<Measurement> {
  const store = await openStore(writer, synchronous);
  const batches = makeBatches(batchSize, total);
  const versions = new Map<string, number>();
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (const { streamId, events } of batches) {
    const t0 = process.hrtime.bigint();
    const result = await store.append(streamId, events, { expectedVersion: versions.get(streamId) ?? 0, recordedBy: 'user:bench' });
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    versions.set(streamId, result.version);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return summarise(`${writer} batch ${batchSize} ${synchronous}`, latencies, batches.length * batchSize, seconds);
}

/** CONCURRENCY lanes, each appending 1-event batches to its own stream, the next one as soon as the last resolved. */
async function benchStoreConcurrent(writer: Writer, synchronous: Synchronous, total = TOTAL_EVENTS): Promise<Measurement> {
  const store = await openStore(writer, synchronous);
  const perLane = Math.ceil(total / CONCURRENCY);
  // Made before the clock starts, as the raw rows' events are.
  const lanes = Array.from({ length: CONCURRENCY }, () => makeBatches(1, perLane));
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    lanes.map(async (batches, lane) => {
      for (const [index, { events }] of batches.entries()) {
        const t0 = process.hrtime.bigint();
        await store.append(`lane-${lane}`, events, { expectedVersion: index, recordedBy: 'user:bench' });
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return summarise(`${writer} concurrent ${CONCURRENCY} × batch 1 ${synchronous}`, latencies, perLane * CONCURRENCY, seconds);
}

/**
 * The raw counterpart of the concurrent rows: what a perfect group commit achieves. Each round of
 * CONCURRENCY 1-event appends (to as many streams) is one transaction; every append in it waits for the round.
 */
function benchRawConcurrent(synchronous: Synchronous, total = TOTAL_EVENTS): Measurement {
  const { db, insertRow } = openRaw(synchronous);
  const rounds = Math.ceil(total / CONCURRENCY);
  const batches = makeBatches(1, rounds * CONCURRENCY);
  const round = db.transaction((offset: number, version: number) => {
    const recordedAt = new Date().toISOString();
    for (let lane = 0; lane < CONCURRENCY; lane += 1) {
      const [event] = batches[offset + lane].events;
      insertRow(`lane-${lane}`, version, event, recordedAt);
    }
  });
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r += 1) {
    const t0 = process.hrtime.bigint();
    round.immediate(r * CONCURRENCY, r + 1);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    for (let lane = 0; lane < CONCURRENCY; lane += 1) latencies.push(ms);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return summarise(`raw concurrent ${CONCURRENCY} × batch 1 ${synchronous}`, latencies, rounds * CONCURRENCY, seconds);
}

/**
 * Raw rows are the store's rows: the chain columns hold 64 hex characters as the store's do, so the
 * comparison is of the work per row (lookups, checks, SHA-256), not of how many bytes a row has.
 */
const RAW_HASH = 'f'.repeat(64);

function openRaw(synchronous: Synchronous) {
  const db = new Database(freshPath());
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  migrate(db);
  const insert = db.prepare(
    `INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at, recorded_by, hash, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  /** One row as the store writes it, with placeholder chain hashes. */
  const insertRow = (streamId: string, version: number, event: NewEvent, recordedAt: string) =>
    insert.run(
      streamId,
      version,
      event.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      recordedAt,
      'user:bench',
      RAW_HASH,
      RAW_HASH,
    );
  const warmUp = db.transaction((streamId: string, event: NewEvent) => {
    insertRow(streamId, 1, event, new Date().toISOString());
  });
  for (const { streamId, events } of warmUpBatches()) warmUp.immediate(streamId, events[0]);
  return { db, insertRow };
}

function benchRaw(batchSize: number, synchronous: Synchronous, total = TOTAL_EVENTS): Measurement {
  const { db, insertRow } = openRaw(synchronous);
  const batches = makeBatches(batchSize, total);
  const versions = new Map<string, number>();
  const appendBatch = db.transaction((streamId: string, events: NewEvent[]) => {
    const recordedAt = new Date().toISOString();
    let version = versions.get(streamId) ?? 0;
    for (const event of events) {
      version += 1;
      insertRow(streamId, version, event, recordedAt);
    }
    versions.set(streamId, version);
  });
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (const { streamId, events } of batches) {
    const t0 = process.hrtime.bigint();
    appendBatch.immediate(streamId, events);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return summarise(`raw batch ${batchSize} ${synchronous}`, latencies, batches.length * batchSize, seconds);
}

const rate = (m: Measurement) => m.events / m.seconds;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percent = (part: number, whole: number) => `${fmt((100 * part) / whole, 1)} %`;

function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  const headers = Object.keys(rows[0]);
  const cells = [headers, ...rows.map((row) => headers.map((h) => String(row[h])))];
  const widths = headers.map((_, c) => Math.max(...cells.map((line) => line[c].length)));
  const render = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\n${title}\n${render(headers)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of cells.slice(1)) console.log(render(line));
}

async function main(): Promise<void> {
  try {
    // Warm-up: JIT, native module, file-system metadata.
    await benchStore('inline', 1, 'FULL', 2_000);
    await benchStore('thread', 1, 'FULL', 2_000);
    benchRaw(1, 'FULL', 2_000);
    const runs = new Map<string, Measurement[]>();
    const record = (m: Measurement) => runs.set(m.label, [...(runs.get(m.label) ?? []), m]);
    const writersFor = (synchronous: Synchronous): Writer[] => (synchronous === 'FULL' ? ['inline', 'thread'] : ['inline']);
    // Raw and store run back to back, ROUNDS times: the CPU speed of these virtual machines drifts
    // by a quarter within minutes, and one pair measured far apart would compare two machines.
    for (let round = 0; round < ROUNDS; round++) {
      for (const batchSize of [1, 50]) {
        for (const synchronous of ['FULL', 'NORMAL'] as const) {
          record(benchRaw(batchSize, synchronous));
          for (const writer of writersFor(synchronous)) record(await benchStore(writer, batchSize, synchronous));
        }
      }
      for (const synchronous of ['FULL', 'NORMAL'] as const) {
        record(benchRawConcurrent(synchronous));
        for (const writer of writersFor(synchronous)) record(await benchStoreConcurrent(writer, synchronous));
      }
    }
    // Per row, the run with the median rate.
    const results = [...runs.values()].map((measured) => [...measured].sort((a, b) => rate(a) - rate(b))[Math.floor(measured.length / 2)]);
    console.log(
      `append benchmark: ${fmt(TOTAL_EVENTS)} events per case, median of ${ROUNDS} rounds, fresh WAL file each, node ${process.version}, ${tmpdir()}`,
    );
    printTable(
      'throughput (one process; sequential appends, or 32 appends in flight to 32 streams)',
      results.map((m) => ({
        case: m.label,
        events: m.events,
        appends: m.appends,
        seconds: fmt(m.seconds, 2),
        'events/s': fmt(rate(m)),
        'p50 ms/append': fmt(m.p50Ms, 3),
        'p99 ms/append': fmt(m.p99Ms, 3),
      })),
    );
    const CASES = ['batch 1', 'batch 50', `concurrent ${CONCURRENCY} × batch 1`];
    const find = (kind: Writer | 'raw', shape: string, sync: Synchronous) =>
      results.find((m) => m.label === `${kind} ${shape} ${sync}`) as Measurement;
    printTable(
      'store overhead (target: store >= 50 % of raw)',
      CASES.flatMap((shape) =>
        (['FULL', 'NORMAL'] as const).flatMap((sync) =>
          writersFor(sync).map((writer) => ({
            case: shape,
            synchronous: sync,
            writer,
            'store / raw': percent(rate(find(writer, shape, sync)), rate(find('raw', shape, sync))),
          })),
        ),
      ),
    );
    printTable(
      'cost of synchronous=FULL (rate with FULL as a share of the rate with NORMAL)',
      CASES.map((shape) => ({
        case: shape,
        'inline store FULL / NORMAL': percent(rate(find('inline', shape, 'FULL')), rate(find('inline', shape, 'NORMAL'))),
        'raw FULL / NORMAL': percent(rate(find('raw', shape, 'FULL')), rate(find('raw', shape, 'NORMAL'))),
      })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
