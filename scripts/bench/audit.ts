/**
 * Audit benchmark over 1 000 000 events (npm run bench:audit):
 *   1. hash-chain verification throughput of a SQLite store file (target ≥ 200 000 events/s), next
 *      to raw SHA-256 over exactly the bytes the chain hashes;
 *   2. peak RSS of a full NDJSON export (target < 300 MB), streamed in a child process through the
 *      same function the endpoint uses, into a sink that applies backpressure.
 * Options: --events <n> (default 1000000), --keep (leave the temp dir).
 */
import { spawn } from 'node:child_process';
import { hash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { auditRecords, exportChunks } from '@fristvakt/audit';
import { canonicalEventText, eventHash, GENESIS_HASH, SqliteEventStore, verifySqliteChainFile } from '@fristvakt/event-store';
import { migrate } from '../../libs/event-store/src/sqlite/schema';

const MUNICIPALITIES = ['3201', '0301', '4601', '5001', '1103'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string' }, keep: { type: 'boolean' }, 'child-export': { type: 'string' } } });
  if (values['child-export']) return childExport(values['child-export']);
  const total = Number(values.events ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'fristvakt-bench-audit-'));
  const file = join(dir, 'events.sqlite');
  try {
    let started = Date.now();
    const bytes = generate(file, total);
    log(
      `generated ${total} chained events (${(bytes / 1e6).toFixed(0)} MB hashed text) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    started = Date.now();
    const report = await verifySqliteChainFile(file);
    const verifySeconds = (Date.now() - started) / 1000;
    if (!report.ok) throw new Error(`verification failed: ${JSON.stringify(report)}`);
    const shaSeconds = rawSha256Seconds(file);
    log(
      `verify: ${report.count} events in ${verifySeconds.toFixed(2)} s = ${rate(report.count, verifySeconds)} events/s (target ≥ 200 000)` +
        ` | raw SHA-256 of the same bytes: ${shaSeconds.toFixed(2)} s = ${rate(report.count, shaSeconds)} events/s`,
    );

    const exported = await measureExport(file);
    log(
      `export NDJSON: ${exported.lines} lines, ${(exported.bytes / 1e6).toFixed(0)} MB in ${exported.seconds.toFixed(1)} s;` +
        ` peak RSS ${exported.peakMb.toFixed(0)} MB (target < 300 MB)`,
    );
  } finally {
    if (values.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Case-shaped events, chained exactly as the store chains them, written in one transaction. */
function generate(file: string, total: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  migrate(db);
  const insert = db.prepare(
    `INSERT INTO events (position, stream_id, version, event_id, type, data, metadata, recorded_at, recorded_by, hash, prev_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let prevHash = GENESIS_HASH;
  let bytes = 0;
  let position = 0;
  let caseNo = 0;
  const base = Date.parse('2023-01-01T08:00:00Z');
  db.transaction(() => {
    while (position < total) {
      caseNo += 1;
      const streamId = `case-c${caseNo}`;
      const length = Math.min(1 + (caseNo % 11), total - position);
      for (let version = 1; version <= length; version++) {
        position += 1;
        const [type, data] = eventBody(version, caseNo);
        const occurred = new Date(base + position * 60_000);
        const event = {
          eventId: `ev-${position}`,
          streamId,
          version,
          position,
          type,
          data: JSON.stringify(data),
          metadata: JSON.stringify({ occurredAt: occurred.toISOString().slice(0, 10), schemaVersion: 1 }),
          recordedAt: new Date(occurred.getTime() + (position % 17) * 3_600_000).toISOString(),
          recordedBy: `intake-${caseNo % 40}`,
        };
        const hash = eventHash(event, prevHash);
        bytes += Buffer.byteLength(canonicalEventText(event, prevHash));
        insert.run(
          position,
          streamId,
          version,
          event.eventId,
          type,
          event.data,
          event.metadata,
          event.recordedAt,
          event.recordedBy,
          hash,
          prevHash,
        );
        prevHash = hash;
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return bytes;
}

/** Canonical (sorted-key) payloads, as the store writes them. */
function eventBody(version: number, caseNo: number): [string, Record<string, unknown>] {
  if (version === 1) {
    return [
      'NotificationReceived',
      { childBirthYear: 2010 + (caseNo % 12), municipality: MUNICIPALITIES[caseNo % 5], notificationId: 'n1', reporters: ['11', '9'] },
    ];
  }
  const kinds: Array<[string, Record<string, unknown>]> = [
    ['InvestigationOpened', { investigationId: `u${version}`, notificationId: 'n1' }],
    ['InvestigationClosed', { investigationId: `u${version - 1}`, outcome: 'measures_decided' }],
    ['MeasureStarted', { basis: 'voluntary', category: '3.2', measureId: `m${version}` }],
    ['NotificationReceived', { municipality: MUNICIPALITIES[caseNo % 5], notificationId: `n${version}`, reporters: ['3'] }],
  ];
  return kinds[version % kinds.length];
}

/** SHA-256 alone over the canonical texts of every event: texts are built untimed, page by page. */
function rawSha256Seconds(file: string): number {
  const db = new Database(file, { readonly: true });
  const page = db.prepare(
    `SELECT position, stream_id AS streamId, version, event_id AS eventId, type, data, metadata, recorded_at AS recordedAt,
            recorded_by AS recordedBy, prev_hash AS prevHash FROM events WHERE position > ? ORDER BY position LIMIT 10000`,
  );
  let after = 0;
  let ns = 0n;
  for (;;) {
    const rows = page.all(after) as Array<Parameters<typeof canonicalEventText>[0] & { prevHash: string }>;
    if (rows.length === 0) break;
    const texts = rows.map((row) => canonicalEventText(row, row.prevHash));
    const t0 = process.hrtime.bigint();
    for (const text of texts) hash('sha256', text, 'hex');
    ns += process.hrtime.bigint() - t0;
    after = rows[rows.length - 1].position;
  }
  db.close();
  return Number(ns) / 1e9;
}

/** Runs the export in a child and samples its RSS from /proc; VmHWM is the kernel's own peak. */
async function measureExport(file: string): Promise<{ lines: number; bytes: number; seconds: number; peakMb: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--child-export', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let sampledPeak = 0;
  const sampler = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      sampledPeak = Math.max(sampledPeak, kb / 1024);
    } catch {
      // the child has exited
    }
  }, 50);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`export child exited with ${code}`);
  const result = JSON.parse(output) as { lines: number; bytes: number; peakKb: number };
  return {
    lines: result.lines,
    bytes: result.bytes,
    seconds: (Date.now() - started) / 1000,
    peakMb: Math.max(sampledPeak, result.peakKb / 1024),
  };
}

/** Child: the endpoint's pipeline (auditRecords → exportChunks → Readable.from) into a sink with backpressure. */
async function childExport(file: string): Promise<void> {
  const store = new SqliteEventStore({ path: file });
  let bytes = 0;
  let lines = 0;
  const sink = new Writable({
    highWaterMark: 1 << 16,
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
      // a socket drains asynchronously
      setImmediate(done);
    },
  });
  await pipeline(
    Readable.from(exportChunks(auditRecords(store, { municipalities: null }), 'ndjson'), { objectMode: false, highWaterMark: 1 << 16 }),
    sink,
  );
  await store.close();
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  process.stdout.write(JSON.stringify({ lines, bytes, peakKb }));
}

function rate(count: number, seconds: number): string {
  return Math.round(count / seconds)
    .toLocaleString('en-US')
    .replace(/,/g, ' ');
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
