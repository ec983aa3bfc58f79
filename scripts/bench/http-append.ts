/**
 * Events/s and latency through the HTTP API at concurrency 32 (issue "Record case events").
 * Starts the case-api as a child process on a fresh SQLite data dir, so the load generator does
 * not share its event loop, and drives it with autocannon.
 *
 *   npx tsx scripts/bench/http-append.ts    (BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_ROUNDS=3)
 *   BENCH_SCENARIOS=0 npx tsx scripts/bench/http-append.ts    (only the first scenario)
 *   FRISTVAKT_SQLITE_WRITER=inline npx tsx scripts/bench/http-append.ts    (the server's store commits inline)
 *
 * Every scenario runs once per round, rounds one after another, and the table gives the median run
 * and the spread. The machines are virtual and their CPU speed drifts by a quarter between
 * identical runs a minute apart, so one run proves little; each round also prints a CPU probe
 * (SHA-256 digests per second in this process, between runs) to show the speed the round had.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchAuthorization } from './bench-auth';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** Long enough for V8 to optimise the request path: the first seconds of a fresh process run slower. */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 10);

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  // the same Node flags as `npm start`, so the bench measures the server as deployed
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=32', '--no-allocation-site-pretenuring', '--no-deprecation', '--import', 'tsx', 'apps/case-api/src/main.ts'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        FRISTVAKT_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // one subject drives all the load here; the per-subject limit protects against abuse, not capacity
        FRISTVAKT_RATE_LIMIT_PER_MINUTE: '100000000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`case-api exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('case-api did not become healthy within 60 s');
}

interface Scenario {
  name: string;
  eventsPerRequest: number;
  body(request: number): { path: string; body: string };
}

const occurredAt = '2024-03-01T10:15:00+01:00';

/** Every request opens a new case: one NotificationReceived at expectedVersion 0. */
const newCases: Scenario = {
  name: 'new case per request, 1 event',
  eventsPerRequest: 1,
  body: (request) => ({
    // a letter between the two numbers: pid and request number together could spell an identity number
    path: `/v1/cases/bench-a-${process.pid}x${request}/events`,
    body: JSON.stringify({
      expectedVersion: 0,
      events: [{ type: 'NotificationReceived', occurredAt, data: { notificationId: 'n1', municipality: '3201', reporters: ['11'] } }],
    }),
  }),
};

/**
 * Requests spread over 64 cases that grow to a few hundred events each: the server reads and folds
 * ever longer streams, and two connections sometimes write to the same case at once (no
 * expectedVersion, so the recorder re-reads and re-decides on a conflict).
 */
const growingCases: Scenario = {
  name: 'append to 64 growing cases, 1 event',
  eventsPerRequest: 1,
  body: (request) => ({
    path: `/v1/cases/bench-b-${process.pid}-${request % 64}/events`,
    body: JSON.stringify({
      events: [
        { type: 'NotificationReceived', occurredAt, data: { notificationId: `n${request}`, municipality: '3201', reporters: ['9'] } },
      ],
    }),
  }),
};

/** A batch of 10 events per request: the notification and its whole investigation history. */
const batches: Scenario = {
  name: 'new case per request, 10 events',
  eventsPerRequest: 10,
  body: (request) => ({
    path: `/v1/cases/bench-c-${process.pid}x${request}/events`,
    body: JSON.stringify({
      expectedVersion: 0,
      events: [
        { type: 'NotificationReceived', occurredAt, data: { notificationId: 'n1', municipality: '3201', reporters: ['11', '9'] } },
        { type: 'InvestigationOpened', occurredAt: '2024-03-05', data: { investigationId: 'u1', notificationId: 'n1' } },
        { type: 'InvestigationExtended', occurredAt: '2024-05-20', data: { investigationId: 'u1', reason: 'complex_case' } },
        { type: 'ExtensionAssessed', occurredAt: '2024-05-28', data: { investigationId: 'u1', approved: true } },
        { type: 'InvestigationClosed', occurredAt: '2024-07-01', data: { investigationId: 'u1', outcome: 'measures_decided' } },
        { type: 'MeasureStarted', occurredAt: '2024-07-02', data: { measureId: 'm1', category: '3.2', basis: 'voluntary' } },
        { type: 'MeasureStarted', occurredAt: '2024-07-03', data: { measureId: 'm2', category: '4.6' } },
        { type: 'MeasureEnded', occurredAt: '2024-09-01', data: { measureId: 'm1', reason: 'completed' } },
        { type: 'NotificationReceived', occurredAt: '2024-09-02', data: { notificationId: 'n2', municipality: '3201', reporters: ['2'] } },
        { type: 'NotificationCleared', occurredAt: '2024-09-04', data: { notificationId: 'n2', reason: 'active_measures' } },
      ],
    }),
  }),
};

// autocannon resets a connection's context after every request when there is only one, so the
// request counter is global, across runs too: every request gets a distinct number.
let issued = 0;

async function run(baseUrl: string, authorization: string | undefined, scenario: Scenario, seconds = SECONDS) {
  const statuses = new Map<number, number>();
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { path, body } = scenario.body(issued++);
          return {
            ...request,
            path,
            body,
            headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          };
        },
        onResponse: (status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  const ok = result['2xx'];
  const failures = [...statuses].filter(([status]) => status >= 300);
  if (failures.length > 0) console.warn(`${scenario.name}: non-2xx answers by status`, Object.fromEntries(failures));
  return {
    eventsPerSecond: Math.round((ok * scenario.eventsPerRequest) / (result.duration || seconds)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

type Run = Awaited<ReturnType<typeof run>>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summary(scenario: Scenario, runs: Run[]) {
  const rates = runs.map((r) => r.eventsPerSecond);
  const p99s = runs.map((r) => r.p99);
  return {
    scenario: scenario.name,
    'events/s (median)': median(rates),
    'events/s (range)': `${Math.min(...rates)}–${Math.max(...rates)}`,
    'p50 ms (median)': median(runs.map((r) => r.p50)),
    'p99 ms (median)': median(p99s),
    'p99 ms (worst)': Math.max(...p99s),
    'non-2xx': runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** SHA-256 digests of 200 bytes per second, in this process: how fast the CPU is right now. */
function cpuProbe(): number {
  const payload = 'x'.repeat(200);
  const started = performance.now();
  let digests = 0;
  while (performance.now() - started < 1000) {
    createHash('sha256').update(payload).digest('hex');
    digests += 1;
  }
  return digests;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-bench-http-'));
  const port = await freePort();
  const server = await startServer(dataDir, port);
  try {
    const authorization = await benchAuthorization(dataDir);
    const baseUrl = `http://127.0.0.1:${port}`;
    console.log(
      `HTTP append through case-api: ${CONNECTIONS} connections, ${SECONDS} s per scenario and round, ${ROUNDS} rounds, SQLite (WAL, synchronous=FULL, ${process.env.FRISTVAKT_SQLITE_WRITER ?? 'thread'} writer)`,
    );
    const scenarios = [newCases, growingCases, batches];
    const picked = process.env.BENCH_SCENARIOS?.split(',').map((index) => scenarios[Number(index)]) ?? scenarios;
    if (picked.some((scenario) => scenario === undefined)) throw new Error(`BENCH_SCENARIOS takes indexes 0..${scenarios.length - 1}`);
    // JIT and SQLite page cache warm-up, not reported
    await run(baseUrl, authorization, newCases, WARM_UP_SECONDS);
    const runs = picked.map((): Run[] => []);
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}: CPU probe ${cpuProbe()} SHA-256 digests/s`);
      for (const [index, scenario] of picked.entries()) runs[index].push(await run(baseUrl, authorization, scenario));
    }
    console.table(picked.map((scenario, index) => summary(scenario, runs[index])));
    console.log('targets: ≥ 3 000 events/s with p99 < 30 ms');
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
