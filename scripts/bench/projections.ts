/**
 * Read-model benchmark at a million events: SQLite store → raw read, projection rebuild, query latency.
 *
 *   npm run bench:projections
 *   env: BENCH_EVENTS (1000000), BENCH_RUNS (200 per query row), BENCH_WARMUP (10 untimed runs before each row), BENCH_DB (keep/reuse the store file there),
 *        BENCH_PAGE (5000 events per readAll), BENCH_LEGACY=1 (also time the per-case resolving query path, fewer runs, for a before/after in one run)
 *
 * The parent generates the log (12 municipalities of different sizes, fixed seed) into a temp store,
 * with the generator's follow-up events (plans, visits, supervision, aftercare: DOMAIN.md §7), whose
 * count the run prints; the compliance queries answer their `followUp` section and the board lists their items.
 * each measurement runs in a child process so its peak RSS (`process.resourceUsage().maxRSS`, the
 * kernel's high-water mark) belongs to that measurement alone.
 * The rebuild row runs the projection runner's `catchUp` (what `npm run rebuild` and a start from zero
 * run): the store reads the next page on a reader thread and decodes it there into fact columns
 * while this one is filed, so on an idle second core the rebuild costs the longer of the two.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseStreamId, toNewEvent } from '@fristvakt/case-recording';
import { SqliteEventStore, type AppendResult } from '@fristvakt/event-store';
import { generateEventLog, type LogEntry } from '@fristvakt/generator';
import { readRaw, rebuildAndQuery } from '../../test/projections/bench-children';

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SEED = 20_250_601;
const FROM_YEAR = 2021;
const YEARS = 4;
/** kommunenummer → generator scale (≈ 500 notifications a year per unit), skewed like Norway */
const MUNICIPALITIES: ReadonlyArray<[string, number]> = [
  ['0301', 42],
  ['4601', 26],
  ['5001', 19],
  ['1103', 14],
  ['3201', 10],
  ['3203', 10],
  ['4204', 8],
  ['3907', 7],
  ['1506', 5],
  ['5501', 4],
  ['3301', 3],
  ['1804', 4],
];

/** One generator per municipality (each has its own scale), merged into one log in recording order. */
function* mergedLog(): Generator<LogEntry> {
  const sources = MUNICIPALITIES.map(([municipality, scale]) =>
    generateEventLog({ municipalities: [municipality], years: YEARS, fromYear: FROM_YEAR, scale, seed: SEED }),
  );
  const heads = sources.map((s) => s.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h.done) continue;
      if (best < 0 || h.value.recordedAt < (heads[best].value as LogEntry).recordedAt) best = i;
    }
    if (best < 0) return;
    yield heads[best].value as LogEntry;
    heads[best] = sources[best].next();
  }
}

/**
 * Appends the log with the generator's recordedAt (the store clock replays them in submission order;
 * the group committer runs jobs in that order). Consecutive events of one case recorded at the same
 * moment go in one append, many appends share a group commit.
 */
async function populate(path: string): Promise<{ events: number; seconds: number }> {
  const recordedAts: string[] = [];
  let nextClock = 0;
  const store = new SqliteEventStore({ path, clock: () => new Date(recordedAts[nextClock++]) });
  const versions = new Map<string, number>();
  let inFlight: Promise<AppendResult>[] = [];
  let pending: { caseId: string; recordedAt: string; events: LogEntry['event'][] } | null = null;
  let events = 0;
  const started = performance.now();
  const flush = () => {
    if (pending === null) return;
    const streamId = caseStreamId(pending.caseId);
    const expectedVersion = versions.get(streamId) ?? 0;
    versions.set(streamId, expectedVersion + pending.events.length);
    recordedAts.push(pending.recordedAt);
    inFlight.push(store.append(streamId, pending.events.map(toNewEvent), { expectedVersion, recordedBy: 'generator' }));
    pending = null;
  };
  for (const entry of mergedLog()) {
    if (events >= TARGET_EVENTS) break;
    events++;
    if (pending !== null && pending.caseId === entry.caseId && pending.recordedAt === entry.recordedAt && pending.events.length < 100) {
      pending.events.push(entry.event);
      continue;
    }
    flush();
    pending = { caseId: entry.caseId, recordedAt: entry.recordedAt, events: [entry.event] };
    if (inFlight.length >= 5_000) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  flush();
  await Promise.all(inFlight);
  await store.close();
  // A failed append would shift the replayed clock for every later one.
  if (nextClock !== recordedAts.length) throw new Error(`clock replayed ${nextClock} of ${recordedAts.length} appends`);
  return { events, seconds: (performance.now() - started) / 1000 };
}

/**
 * Each child runs with the Node flags of the process it stands for: the raw read and the rebuild as
 * `npm run rebuild` (64 MB semi-spaces: fewer scavenges while a log is applied; no allocation-site
 * pretenuring: with the log read ahead, V8 otherwise pretenures short-lived decoded events in some
 * runs and the old generation fills with garbage, docs/performance.md), the serving
 * child as `npm start` and the case-api image (32 MB: shorter scavenge pauses under queries; a
 * board's items not pretenured into the old generation),
 * which catches up from the log, builds the query index and answers. `--expose-gc` only lets a
 * child collect before it reads its memory after apply.
 */
const CHILD_FLAGS: Record<'raw' | 'rebuild' | 'serve', string[]> = {
  raw: ['--max-semi-space-size=64', '--no-allocation-site-pretenuring'],
  rebuild: ['--max-semi-space-size=64', '--no-allocation-site-pretenuring'],
  serve: ['--max-semi-space-size=32', '--no-allocation-site-pretenuring'],
};

function runChild(mode: 'raw' | 'rebuild' | 'serve', dbPath: string): unknown {
  const result = spawnSync(process.execPath, [...CHILD_FLAGS[mode], '--expose-gc', '--import', 'tsx', __filename, mode, dbPath], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`child ${mode} failed (status ${result.status})`);
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last);
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const headers = Object.keys(rows[0]);
  const cells = [headers, ...rows.map((row) => headers.map((h) => String(row[h])))];
  const widths = headers.map((_, c) => Math.max(...cells.map((line) => line[c].length)));
  const render = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\n${title}\n${render(headers)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of cells.slice(1)) console.log(render(line));
}

interface RawResult {
  events: number;
  seconds: number;
  maxRssMb: number;
}
interface QueryRow {
  query: string;
  scope: 'one' | 'all';
  knownAt: boolean;
  engine: 'indexed' | 'legacy';
  runs: number;
  p50: number;
  p99: number;
}
interface RebuildResult {
  events: number;
  /** plans, visit frequencies, supervision, visits, aftercare (FOLLOW_UP_EVENT_TYPES) in the history */
  followUpEvents: number;
  seconds: number;
  rssAfterRebuildMb: number;
  indexSeconds: number;
  maxRssMb: number;
  cases: number;
  openOnBoard: number;
  queries: QueryRow[];
}

async function main(): Promise<void> {
  const keep = process.env.BENCH_DB;
  const dir = keep === undefined ? mkdtempSync(join(tmpdir(), 'fristvakt-projections-')) : null;
  const dbPath = keep ?? join(dir!, 'events.db');
  try {
    if (!existsSync(dbPath)) {
      const { events, seconds } = await populate(dbPath);
      console.log(`populated ${fmt(events)} events in ${fmt(seconds, 1)} s (generate + append, not counted below): ${dbPath}`);
    } else {
      console.log(`reusing ${dbPath}`);
    }
    const raw = runChild('raw', dbPath) as RawResult;
    const rebuild = runChild('rebuild', dbPath) as RebuildResult;
    const serve = runChild('serve', dbPath) as RebuildResult;
    const rawRate = raw.events / raw.seconds;
    const rebuildRate = rebuild.events / rebuild.seconds;
    console.log(
      `\nnode ${process.version}, ${MUNICIPALITIES.length} municipalities, seed ${SEED}, ${fmt(serve.cases)} cases; open items on the board (all): ${fmt(serve.openOnBoard)}`,
    );
    // The generator writes the follow-up events of DOMAIN.md §7; compliance answers their section and the board lists their items.
    console.log(
      `follow-up events in the history (plans, evaluations, visit frequencies, supervision, visits, aftercare): ${fmt(rebuild.followUpEvents)} (${fmt((100 * rebuild.followUpEvents) / rebuild.events, 1)} %)`,
    );
    if (rebuild.followUpEvents === 0) throw new Error('the history holds no follow-up events: the figures would not cover DOMAIN.md §7');
    printTable('throughput (child processes; peak RSS = process.resourceUsage().maxRSS of that child)', [
      {
        step: '(a) raw readAll + JSON.parse',
        events: fmt(raw.events),
        seconds: fmt(raw.seconds, 1),
        'events/s': fmt(rawRate),
        'of raw': '100 %',
        'peak RSS MB': fmt(raw.maxRssMb),
        target: '',
      },
      {
        step: '(b) rebuild: catchUp (read and decoded on the reader thread) → file',
        events: fmt(rebuild.events),
        seconds: fmt(rebuild.seconds, 1),
        'events/s': fmt(rebuildRate),
        'of raw': `${fmt((100 * rebuildRate) / rawRate, 1)} %`,
        'peak RSS MB': `${fmt(rebuild.maxRssMb)} (${fmt(rebuild.rssAfterRebuildMb)} after apply)`,
        target: '≥ 50 % of raw, < 1500 MB',
      },
      {
        step: '(c) serving: catch-up as (b), npm start flags',
        events: fmt(serve.events),
        seconds: fmt(serve.seconds, 1),
        'events/s': fmt(serve.events / serve.seconds),
        'of raw': `${fmt((100 * serve.events) / serve.seconds / rawRate, 1)} %`,
        'peak RSS MB': `${fmt(serve.rssAfterRebuildMb)} (after apply)`,
        target: '',
      },
      {
        step: '    + query index build, then the queries below',
        events: '',
        seconds: fmt(serve.indexSeconds, 2),
        'events/s': '',
        'of raw': '',
        'peak RSS MB': `${fmt(serve.maxRssMb)} (whole child)`,
        target: '< 1500 MB',
      },
    ]);
    const target = (row: QueryRow) => (row.scope === 'one' ? 20 : 100);
    printTable(
      `query latency (ms; one = each of the ${MUNICIPALITIES.length} municipalities in turn, all = no municipality; parameters varied per run)`,
      serve.queries.map((row) => ({
        query: row.query,
        scope: row.scope,
        knownAt: row.knownAt ? 'yes' : 'no',
        engine: row.engine,
        runs: row.runs,
        p50: fmt(row.p50, 2),
        p99: fmt(row.p99, 2),
        'target p99': `< ${target(row)}`,
        met: row.p99 < target(row) ? 'yes' : 'NO',
      })),
    );
  } finally {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, path] = process.argv.slice(2);
if (mode === 'raw') {
  void readRaw(path).then((r) => console.log(JSON.stringify(r)));
} else if (mode === 'populate') {
  // only fills a store file (for BENCH_DB reuse)
  void populate(path).then(({ events, seconds }) => console.log(`populated ${fmt(events)} events in ${fmt(seconds, 1)} s: ${path}`));
} else if (mode === 'rebuild' || mode === 'serve') {
  void rebuildAndQuery(
    path,
    MUNICIPALITIES.map(([m]) => m),
    { from: FROM_YEAR, years: YEARS },
    mode === 'serve',
  ).then((r) => console.log(JSON.stringify(r)));
} else {
  void main();
}
