/*
 * The measuring halves of scripts/bench/projections.ts, each run in a child process of its own so
 * its peak RSS is its own: a raw read of the log, and a rebuild followed by query latencies.
 */
import { DEFAULT_DEADLINE_RULES, type CountingMethod } from '@fristvakt/domain';
import { SqliteEventStore } from '@fristvakt/event-store';
import { CATCH_UP_BATCH_SIZE, catchUp, compliance, createModel, deadlines, flow, type ProjectionModel } from '@fristvakt/projections';
import { countFollowUpFacts } from '../../libs/projections/src/model/fact-columns';
import { prepareQueries, setQueryEngine, type QueryEngine } from '../../libs/projections/src/query/scan';
import { mulberry32 } from './random-history';

/** the page of the raw read and of the catch-up: the projection runner's catch-up batch */
const PAGE = Number(process.env.BENCH_PAGE ?? CATCH_UP_BATCH_SIZE);
/** untimed runs before each query row */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const maxRssMb = () => Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);

export async function readRaw(path: string): Promise<{ events: number; seconds: number; maxRssMb: number }> {
  const store = new SqliteEventStore({ path });
  let events = 0;
  let after = 0;
  const started = performance.now();
  for (;;) {
    const page = await store.readAll(after, PAGE);
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1].position;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { events, seconds, maxRssMb: maxRssMb() };
}

interface QueryRow {
  query: string;
  scope: 'one' | 'all';
  knownAt: boolean;
  engine: QueryEngine;
  runs: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const MS_PER_DAY = 86_400_000;
const dateOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** `withQueries` false: the rebuild alone (its rate and memory, as `npm run rebuild` runs it); true: then the query index and the latencies. */
export async function rebuildAndQuery(path: string, municipalities: string[], span: { from: number; years: number }, withQueries = true) {
  const store = new SqliteEventStore({ path });
  const model: ProjectionModel = createModel();
  let events = 0;
  // the follow-up events filed (FOLLOW_UP_EVENT_TYPES), counted inside the timed loop, so the rebuild's rate is if anything understated
  let followUpEvents = 0;
  const started = performance.now();
  // the catch-up `npm run rebuild` and `npm start` run (the projection runner's), in its batches
  await catchUp(model, store, {
    batchSize: PAGE,
    applied: (batch) => {
      followUpEvents += countFollowUpFacts(batch.value);
      events += batch.count;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  (globalThis as { gc?: () => void }).gc?.();
  const rssAfterRebuildMb = Math.round(process.memoryUsage.rss() / 1e6);
  if (!withQueries) {
    const cases = model.cases.size;
    return {
      events,
      followUpEvents,
      seconds,
      rssAfterRebuildMb,
      indexSeconds: 0,
      maxRssMb: maxRssMb(),
      cases,
      openOnBoard: 0,
      queries: [],
    };
  }
  const indexStarted = performance.now();
  prepareQueries(model, DEFAULT_DEADLINE_RULES);
  const indexSeconds = (performance.now() - indexStarted) / 1000;

  const rules = DEFAULT_DEADLINE_RULES;
  const firstDay = Date.UTC(span.from, 0, 1) / MS_PER_DAY;
  const lastDay = Date.UTC(span.from + span.years, 0, 1) / MS_PER_DAY - 1;
  const rnd = mulberry32(7);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const year = () => span.from + int(0, span.years - 1);
  const method = (): CountingMethod => (rnd() < 0.5 ? 'legal' : 'statistical');
  const knownAtAfter = (day: number) => dateOf(Math.min(lastDay, day + int(0, 60)));
  const endOf = (period: string) => {
    const y = Number(period.slice(0, 4));
    if (period.length === 4) return Date.UTC(y, 11, 31) / MS_PER_DAY;
    if (period.includes('H')) return period.endsWith('1') ? Date.UTC(y, 5, 30) / MS_PER_DAY : Date.UTC(y, 11, 31) / MS_PER_DAY;
    const m = Number(period.slice(5, 7));
    return Date.UTC(y, m, 0) / MS_PER_DAY;
  };
  const periods = {
    year: () => String(year()),
    'half-year': () => `${year()}-H${int(1, 2)}`,
    month: () => `${year()}-${String(int(1, 12)).padStart(2, '0')}`,
  };
  type Run = (municipality: string | undefined, withKnownAt: boolean) => unknown;
  const figures =
    (fn: typeof compliance | typeof flow, period: () => string): Run =>
    (municipality, withKnownAt) => {
      const p = period();
      return fn(model, { municipality, period: p, method: method(), rules, knownAt: withKnownAt ? knownAtAfter(endOf(p)) : undefined });
    };
  const queries: Array<[string, Run]> = [
    [
      'deadlines',
      (municipality, withKnownAt) => {
        const asOf = int(firstDay + 365, lastDay);
        return deadlines(model, {
          municipality,
          asOf: dateOf(asOf),
          method: method(),
          rules,
          knownAt: withKnownAt ? knownAtAfter(asOf) : undefined,
        });
      },
    ],
    ['compliance year', figures(compliance, periods.year)],
    ['compliance half-year', figures(compliance, periods['half-year'])],
    ['compliance month', figures(compliance, periods.month)],
    ['flow year', figures(flow, periods.year)],
    ['flow month', figures(flow, periods.month)],
  ];
  const runs = Number(process.env.BENCH_RUNS ?? 200);
  const engines: QueryEngine[] = process.env.BENCH_LEGACY === '1' ? ['legacy', 'indexed'] : ['indexed'];
  const rows: QueryRow[] = [];
  for (const engine of engines) {
    setQueryEngine(engine);
    for (const [query, run] of queries) {
      for (const scope of ['one', 'all'] as const) {
        for (const withKnownAt of [false, true]) {
          // the per-case path needs seconds per query across all municipalities; a few runs show its level
          const n = engine === 'legacy' ? (scope === 'all' ? 5 : 24) : runs;
          const times: number[] = [];
          // warm the code path and let the collector settle after the index build: steady state is what a leader meets
          for (let w = 0; w < (engine === 'legacy' ? 1 : WARMUP); w++)
            run(scope === 'one' ? municipalities[w % municipalities.length] : undefined, withKnownAt);
          for (let i = 0; i < n; i++) {
            const municipality = scope === 'one' ? municipalities[i % municipalities.length] : undefined;
            const t = performance.now();
            run(municipality, withKnownAt);
            times.push(performance.now() - t);
          }
          times.sort((a, b) => a - b);
          rows.push({ query, scope, knownAt: withKnownAt, engine, runs: n, p50: percentile(times, 0.5), p99: percentile(times, 0.99) });
        }
      }
    }
  }
  setQueryEngine('indexed');
  const openOnBoard = deadlines(model, { asOf: dateOf(lastDay), method: 'legal', rules }).items.length;
  return {
    events,
    followUpEvents,
    seconds,
    rssAfterRebuildMb,
    indexSeconds,
    maxRssMb: maxRssMb(),
    cases: model.cases.size,
    openOnBoard,
    queries: rows,
  };
}
