/**
 * Synthetic case histories for Fristvakt: to an NDJSON file of POST bodies, or straight into a
 * running instance through the HTTP API. Run with --help for usage.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  caseToRequests,
  defaultNow,
  generateEventLog,
  generateHistory,
  logToRequests,
  share,
  summarize,
  type EventRequest,
  type GenerateOptions,
  type GeneratedCase,
  type HistorySummary,
} from '@fristvakt/generator';

const HELP = `Generate synthetic, rule-valid child welfare case histories.

usage: npm run generate -- --municipality 3201 [--municipality 3203 | --municipality 3201,3203]
         [--years 3] [--from <year>] [--scale 1] [--seed 42] [--now <ISO instant>]
         [--out file.ndjson | --url http://localhost:3000 [--token <jwt>] [--via import|events] [--concurrency 8]] [--stats]

  --municipality  4-digit kommunenummer; repeat or comma-separate for several (each gets its own volume)
  --years         number of calendar years to generate (default 3)
  --from          first year (default: the ${'<'}years> complete years before the current one)
  --scale         volume factor; 1 ≈ a mid-size service with ~500 notifications a year per municipality
  --seed          integer; the same seed gives the same history, event ids included (default 42)
  --now           nothing occurs or is recorded after this instant
                  (default: end of the last year, or the real clock if that is earlier)
  --out           write NDJSON: one line per POST request, in global recording order:
                  {"caseId","recordedAt","body":{"expectedVersion","events":[...]}}
                  Consecutive events of a case recorded at the same moment share one request.
                  Without --out and --url the NDJSON goes to stdout.
  --url           load a running instance. By default (--via import) the whole history goes as one NDJSON
                  body to POST {url}/v1/import (the token needs the admin role and the municipalities;
                  docs/register-import.md), which records case after case through the case rules and
                  is not rate limited. --via events instead sends POST {url}/v1/cases/{caseId}/events,
                  honouring Retry-After when rate limited (429); requests of a case in
                  order, up to --concurrency cases in parallel; stops at the first non-2xx answer.
                  Note: the server stamps recordedAt with its own clock, so a late registration shows
                  only as an occurredAt in the past; the intended recordedAt is not sent.
                  Re-running with the same seed resends identical events, which the API treats as
                  idempotent repeats.
  --token         bearer token sent as Authorization: Bearer <token>
  --stats         after generating, print calibration figures (a second pass over the history)
`;

interface Cli {
  options: GenerateOptions & { now: string };
  out?: string;
  url?: string;
  token?: string;
  via: 'import' | 'events';
  concurrency: number;
  stats: boolean;
}

function fail(message: string): never {
  process.stderr.write(`generate: ${message}\n\nRun with --help for usage.\n`);
  process.exit(2);
}

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) fail(`--${name} must be an integer, got ${raw}`);
  return n;
}

function parseCli(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      municipality: { type: 'string', multiple: true },
      years: { type: 'string' },
      from: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      out: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      via: { type: 'string' },
      concurrency: { type: 'string' },
      stats: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const municipalities = (values.municipality ?? [])
    .flatMap((m) => m.split(','))
    .map((m) => m.trim())
    .filter(Boolean);
  if (municipalities.length === 0) fail('--municipality is required');
  const years = integer('years', values.years, 3);
  const fromYear = integer('from', values.from, new Date().getUTCFullYear() - years);
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!(scale > 0)) fail(`--scale must be a positive number, got ${values.scale}`);
  if (values.out && values.url) fail('give either --out or --url, not both');
  const via = values.via ?? 'import';
  if (via !== 'import' && via !== 'events') fail(`--via must be import or events, got ${via}`);
  const endOfRange = defaultNow(fromYear, years);
  const clock = new Date().toISOString();
  const now = values.now ?? (endOfRange < clock ? endOfRange : clock);
  if (Number.isNaN(Date.parse(now))) fail(`--now must be an ISO instant, got ${now}`);
  return {
    options: { municipalities, years, fromYear, scale, seed: integer('seed', values.seed, 42), now },
    out: values.out,
    url: values.url?.replace(/\/+$/, ''),
    token: values.token,
    via,
    concurrency: Math.max(1, integer('concurrency', values.concurrency, 8)),
    stats: values.stats,
  };
}

class Counts {
  cases = new Set<string>();
  requests = 0;
  events = 0;
  byType: Record<string, number> = {};
  notificationsByYear: Record<string, number> = {};
  private readonly startedMs = Date.now();

  add(r: EventRequest, municipality?: string): void {
    this.cases.add(r.caseId);
    this.requests += 1;
    for (const e of r.body.events) {
      this.events += 1;
      this.byType[e.type] = (this.byType[e.type] ?? 0) + 1;
      if (e.type === 'NotificationReceived') {
        const key = `${municipality ?? e.data.municipality}:${e.occurredAt.slice(0, 4)}`;
        this.notificationsByYear[key] = (this.notificationsByYear[key] ?? 0) + 1;
      }
    }
  }

  seconds(): number {
    return (Date.now() - this.startedMs) / 1000;
  }

  progressLine(): string {
    const s = this.seconds();
    return `${this.cases.size} cases, ${this.requests} requests, ${this.events} events, ${s.toFixed(1)} s (${Math.round(this.events / Math.max(s, 0.001))} events/s)`;
  }

  print(): void {
    process.stderr.write(`done: ${this.progressLine()}\n`);
    process.stderr.write(`events by type: ${JSON.stringify(sortKeys(this.byType))}\n`);
    process.stderr.write(`notifications by municipality:year: ${JSON.stringify(sortKeys(this.notificationsByYear))}\n`);
  }
}

function sortKeys(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

function progress(counts: Counts): () => void {
  const timer = setInterval(() => process.stderr.write(`… ${counts.progressLine()}\n`), 2000);
  return () => clearInterval(timer);
}

async function write(stream: WriteStream | NodeJS.WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}

/** The whole history as NDJSON in a temp file, streamed as one body to POST /v1/import. */
async function toImport(cli: Cli, counts: Counts): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fristvakt-generate-'));
  const file = join(dir, 'history.ndjson');
  try {
    await toNdjson({ ...cli, out: file }, counts);
    const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', accept: 'application/json' };
    if (cli.token) headers.authorization = `Bearer ${cli.token}`;
    const url = `${cli.url}/v1/import`;
    const response = await fetchHonouringRetryAfter(
      url,
      () =>
        ({
          method: 'POST',
          headers,
          body: Readable.toWeb(createReadStream(file)) as ReadableStream,
          duplex: 'half',
        }) as RequestInit,
    );
    const answer = await response.text();
    if (!response.ok) throw new RequestFailed(`POST ${url} → ${response.status}\n${answer}`);
    const summary = JSON.parse(answer) as {
      casesWritten: number;
      casesUnchanged: number;
      refused: number;
      eventsAppended: number;
      refusals: unknown[];
    };
    process.stderr.write(
      `imported: ${summary.casesWritten} cases written, ${summary.casesUnchanged} unchanged, ${summary.refused} refused, ${summary.eventsAppended} events appended\n`,
    );
    for (const refusal of summary.refusals.slice(0, 20)) process.stderr.write(`refused: ${JSON.stringify(refusal)}\n`);
    if (summary.refused > 0) throw new RequestFailed(`${summary.refused} case(s) were refused`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function toNdjson(cli: Cli, counts: Counts): Promise<void> {
  const stream = cli.out ? createWriteStream(cli.out) : process.stdout;
  const stop = progress(counts);
  try {
    for (const request of logToRequests(generateEventLog(cli.options))) {
      counts.add(request);
      await write(stream, `${JSON.stringify(request)}\n`);
    }
  } finally {
    stop();
  }
  if (cli.out) await new Promise<void>((resolve, reject) => (stream as WriteStream).end((e?: Error | null) => (e ? reject(e) : resolve())));
}

class RequestFailed extends Error {}

/** Rate limited (429): wait as long as the server's Retry-After says, then send again. */
const MAX_RATE_LIMITED_RETRIES = 100;

async function fetchHonouringRetryAfter(url: string, init: () => RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, init());
    if (response.status !== 429 || attempt > MAX_RATE_LIMITED_RETRIES) return response;
    await response.arrayBuffer();
    const seconds = Number(response.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000));
  }
}

async function post(cli: Cli, request: EventRequest): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (cli.token) headers.authorization = `Bearer ${cli.token}`;
  const url = `${cli.url}/v1/cases/${encodeURIComponent(request.caseId)}/events`;
  const response = await fetchHonouringRetryAfter(url, () => ({ method: 'POST', headers, body: JSON.stringify(request.body) }));
  if (response.ok) {
    await response.arrayBuffer();
    return;
  }
  const problem = await response.text();
  throw new RequestFailed(
    `POST ${url} (expectedVersion ${request.body.expectedVersion}, ${request.body.events.length} events) → ${response.status}\n${problem}`,
  );
}

/** Bounded concurrency across cases; within a case each request waits for the one before. */
async function toHttp(cli: Cli, counts: Counts): Promise<void> {
  const cases: Iterator<GeneratedCase> = generateHistory(cli.options)[Symbol.iterator]();
  let failure: Error | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null) {
      const next = cases.next();
      if (next.done) return;
      for (const request of caseToRequests(next.value)) {
        if (failure !== null) return;
        try {
          await post(cli, request);
        } catch (e) {
          failure ??= e instanceof Error ? e : new Error(String(e));
          return;
        }
        counts.add(request, next.value.municipality);
      }
    }
  };
  const stop = progress(counts);
  try {
    await Promise.all(Array.from({ length: cli.concurrency }, worker));
  } finally {
    stop();
  }
  if (failure !== null) throw failure;
}

function printStats(s: HistorySummary): void {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);
  const lines = [
    `calibration (legal method):`,
    `  notifications to investigation ${pct(share(s.toInvestigation))}; reviews late ${pct(share(s.reviewsLate))}`,
    `  investigation breaches by half-year: ${Object.entries(s.investigationBreaches)
      .sort()
      .map(([k, r]) => `${k} ${pct(share(r))}`)
      .join(', ')}`,
    `  extended ${pct(share(s.investigationsExtended))} (decided late ${s.extensionsDecidedLate.count}); with measures ${pct(share(s.withMeasures))}`,
    `  placements by basis ${JSON.stringify(s.placementBases)}; kinship of foster ${pct(share(s.kinshipShareOfFoster))}`,
    `  first reporters ${JSON.stringify(sortKeys(s.firstReporters))}`,
    `  recorded > 1 day late ${pct(share(s.lateRegistrations))}; retractions ${s.retractions}`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const o = cli.options;
  process.stderr.write(
    `generating ${o.municipalities.join(',')} ${o.fromYear}–${o.fromYear + o.years - 1}, scale ${o.scale}, seed ${o.seed}, now ${o.now}\n`,
  );
  const counts = new Counts();
  try {
    if (cli.url) await (cli.via === 'import' ? toImport(cli, counts) : toHttp(cli, counts));
    else await toNdjson(cli, counts);
  } catch (e) {
    counts.print();
    process.stderr.write(`generate: stopped: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  counts.print();
  if (cli.stats) printStats(summarize(generateHistory(o), o.now));
}

void main();
