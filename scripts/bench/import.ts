/**
 * Import throughput: BENCH_IMPORT_EVENTS (1 000 000) generated events from NDJSON into a fresh SQLite
 * store (synchronous=FULL, as the store always runs) through `npm run import`'s path (validation,
 * decide, recorder, group commits), beside a raw better-sqlite3 insert of the same rows into the same
 * schema in the same run. The raw rows are built before its clock starts (as scripts/bench/append.ts
 * does), in transactions of 10 000 rows: the ceiling for writing these rows at all. The import runs in
 * a child process so its peak RSS is its own. Then the XML path: the imported store is exported to
 * register files (one a case, BENCH_XML_CASES of them) and those are imported into another fresh store.
 *
 * usage: npm run bench:import   (BENCH_NDJSON=/tmp/x.ndjson keeps the generated file for the next run;
 *        BENCH_RAW_CEILING=1 adds two raw rows: one transaction, and unique indexes built after the insert)
 */
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { generateEventLog, logToRequests, type LogEntry } from '@fristvakt/generator';
import { migrate } from '../../libs/event-store/src/sqlite/schema';

const TARGET_EVENTS = Number(process.env.BENCH_IMPORT_EVENTS ?? 1_000_000);
const XML_CASES = Number(process.env.BENCH_XML_CASES ?? 5_000);
const SEED = 7;
const RAW_HASH = 'f'.repeat(64);
/** kommunenummer → generator scale; five years of these hold a little over 1 000 000 events */
const MUNICIPALITIES: ReadonlyArray<[string, number]> = [
  ['0301', 44],
  ['4601', 29],
  ['5001', 22],
  ['3201', 15],
  ['3203', 15],
];

export interface ChildReport {
  seconds: number;
  eventsRead: number;
  eventsAppended: number;
  cases: number;
  refused: number;
  maxRssMb: number;
  note?: string;
}

const dir = mkdtempSync(join(tmpdir(), 'fristvakt-import-bench-'));

function* mergedLog(): Generator<LogEntry> {
  const sources = MUNICIPALITIES.map(([municipality, scale]) =>
    generateEventLog({ municipalities: [municipality], years: 5, fromYear: 2020, scale, seed: SEED }),
  );
  const heads = sources.map((s) => s.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i].done) continue;
      if (best < 0 || (heads[i].value as LogEntry).recordedAt < (heads[best].value as LogEntry).recordedAt) best = i;
    }
    if (best < 0) return;
    yield heads[best].value as LogEntry;
    heads[best] = sources[best].next();
  }
}

async function generate(file: string): Promise<void> {
  const out = createWriteStream(file);
  let events = 0;
  for (const request of logToRequests(mergedLog())) {
    if (events >= TARGET_EVENTS) break;
    const take = request.body.events.slice(0, TARGET_EVENTS - events);
    events += take.length;
    const line = `${JSON.stringify({ ...request, body: { ...request.body, events: take } })}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

type Row = [string, number, string, string, string, string];

async function rawRows(file: string): Promise<Row[]> {
  const rows: Row[] = [];
  const versions = new Map<string, number>();
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const { caseId, body } = JSON.parse(line) as {
      caseId: string;
      body: { events: Array<{ eventId: string; type: string; occurredAt: string; data: object }> };
    };
    for (const e of body.events) {
      const version = (versions.get(caseId) ?? 0) + 1;
      versions.set(caseId, version);
      rows.push([
        `case-${caseId}`,
        version,
        e.eventId,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify({ occurredAt: e.occurredAt, schemaVersion: 1 }),
      ]);
    }
  }
  return rows;
}

/** The store's table without its two UNIQUE constraints (event id; stream and version), for the ceiling row. */
const UNINDEXED_TABLE = `CREATE TABLE events (
  position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
  data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, hash TEXT, prev_hash TEXT
) STRICT`;
const BUILD_UNIQUE_INDEXES = `CREATE UNIQUE INDEX events_event_id ON events (event_id);
  CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version)`;

interface RawVariant {
  label: string;
  rowsPerTransaction: number;
  /** insert into the table without its unique indexes, then build them (inside the clock) */
  indexesAfter?: boolean;
}

function benchRaw(rows: Row[], variant: RawVariant): number {
  const file = join(dir, `raw-${variant.rowsPerTransaction}-${variant.indexesAfter ? 'late' : 'inline'}.sqlite`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  if (variant.indexesAfter) db.exec(UNINDEXED_TABLE);
  else migrate(db);
  const insert = db.prepare(
    `INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at, recorded_by, hash, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const size = variant.rowsPerTransaction;
  const chunk = db.transaction((from: number) => {
    const recordedAt = new Date().toISOString();
    for (let i = from; i < Math.min(rows.length, from + size); i++) insert.run(...rows[i], recordedAt, 'import:bench', RAW_HASH, RAW_HASH);
  });
  const started = performance.now();
  for (let from = 0; from < rows.length; from += size) chunk.immediate(from);
  if (variant.indexesAfter) db.exec(BUILD_UNIQUE_INDEXES);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(file, { force: true });
  return seconds;
}

/**
 * BENCH_RAW_CEILING=1: how fast this machine writes these rows at all, whatever the import did. The
 * store's two unique indexes are keyed by random ids (event ids, case streams), so each insert lands
 * in a random leaf of both B-trees: these rows say how much of the raw time they take.
 */
const CEILING_VARIANTS: RawVariant[] = [
  { label: 'raw insert, all rows in one transaction', rowsPerTransaction: Number.MAX_SAFE_INTEGER },
  {
    label: 'raw insert without the unique indexes, 10 000 rows a transaction, then CREATE UNIQUE INDEX',
    rowsPerTransaction: 10_000,
    indexesAfter: true,
  },
];

function child(args: string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const worker = fork(join(__dirname, 'import-child.ts'), args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    worker.once('message', (report) => resolve(report as ChildReport));
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`import child exited with ${code}`))));
  });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en').replace(/,/g, ' ');

async function main(): Promise<void> {
  const ndjson = process.env.BENCH_NDJSON ?? join(dir, 'history.ndjson');
  if (!existsSync(ndjson)) {
    const t0 = performance.now();
    await generate(ndjson);
    console.log(`generated ${ndjson} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const rows = await rawRows(ndjson);
  const rawSeconds = benchRaw(rows, { label: 'raw', rowsPerTransaction: 10_000 });
  const rawRate = rows.length / rawSeconds;
  const ceiling =
    process.env.BENCH_RAW_CEILING === '1' ? CEILING_VARIANTS.map((variant) => ({ variant, seconds: benchRaw(rows, variant) })) : [];
  const rowCount = rows.length;
  rows.length = 0;
  (globalThis as { gc?: () => void }).gc?.();

  const storeFile = join(dir, 'import.sqlite');
  const ndjsonRun = await child(['ndjson', ndjson, storeFile, join(dir, 'report-ndjson.ndjson')]);
  const rate = ndjsonRun.eventsRead / ndjsonRun.seconds;
  const xmlDir = join(dir, 'xml');
  const xmlRun = await child(['xml', storeFile, xmlDir, join(dir, 'xml.sqlite'), join(dir, 'report-xml.ndjson'), String(XML_CASES)]);

  console.log(`\nnode ${process.version}; ${fmt(ndjsonRun.eventsRead)} events in ${fmt(ndjsonRun.cases)} cases, synchronous=FULL\n`);
  console.log('| path | events | seconds | events/s | of raw | peak RSS | target |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| raw better-sqlite3 insert, 10 000 rows a transaction | ${fmt(rawRate * rawSeconds)} | ${rawSeconds.toFixed(1)} | ${fmt(rawRate)} | 100 % | | |`,
  );
  for (const { variant, seconds } of ceiling)
    console.log(
      `| ${variant.label} | ${fmt(rowCount)} | ${seconds.toFixed(1)} | ${fmt(rowCount / seconds)} | ${((rowCount / seconds / rawRate) * 100).toFixed(1)} % | | |`,
    );
  console.log(
    `| npm run import, NDJSON (${ndjsonRun.refused} refused) | ${fmt(ndjsonRun.eventsAppended)} | ${ndjsonRun.seconds.toFixed(1)} | ${fmt(rate)} | ${((rate / rawRate) * 100).toFixed(1)} % | ${fmt(ndjsonRun.maxRssMb)} MB | ≥ 100 000 events/s, ≥ 50 %, < 500 MB |`,
  );
  console.log(
    `| npm run import, register XML (${fmt(xmlRun.cases)} files, ${xmlRun.refused} refused; ${xmlRun.note ?? ''}) | ${fmt(xmlRun.eventsAppended)} | ${xmlRun.seconds.toFixed(1)} | ${fmt(xmlRun.eventsRead / xmlRun.seconds)} | | ${fmt(xmlRun.maxRssMb)} MB | |`,
  );
  rmSync(dir, { recursive: true, force: true });
}

void main();
