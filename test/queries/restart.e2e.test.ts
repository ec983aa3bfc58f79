import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ALL_MUNICIPALITIES, CaseRecording } from '@fristvakt/case-recording';
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { openEventStore, SQLITE_STORE_FILE } from '@fristvakt/event-store';
import { generateEventLog, logToRequests, type EventRequest } from '@fristvakt/generator';
import { projectionSnapshotPath } from '../../apps/case-api/src/projections/snapshot-path';
import { referenceCompliance } from '../projections/reference-recompute';
import { bearer, getJson, loadThroughApi, recordedEvents, startLeaderApp, TestClock, type LeaderTestApp } from './leader-harness';

/*
 * The read model survives a restart through its snapshot: the same figures straight after start,
 * and events appended while the server was down are caught up from the log.
 */

const HISTORY = { municipalities: ['3201'], years: 1, fromYear: 2023, scale: 0.3, seed: 11 };
const ISSUED = new Date('2023-01-01T00:00:00Z');
const NOW = '2024-01-10T12:00:00.000Z';
const QUERIES = [
  '/v1/compliance?period=2023',
  '/v1/compliance?period=2023-H2&method=statistical',
  '/v1/statistics/flow?period=2023',
  '/v1/deadlines?asOf=2023-10-31',
];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('restart on the same data dir', () => {
  let dataDir: string;
  let running: LeaderTestApp | undefined;
  const requests: EventRequest[] = [...logToRequests(generateEventLog(HISTORY))];
  const split = Math.floor(requests.length * 0.7);

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-queries-restart-'));
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<LeaderTestApp> {
    running = await startLeaderApp({ clock: new TestClock(new Date(NOW)), dataDir });
    return running;
  }
  async function stop(): Promise<void> {
    await running?.close();
    running = undefined;
  }
  async function answers(t: LeaderTestApp): Promise<Json[]> {
    const headers = await bearer(t, { roles: ['auditor'], municipalities: ['*'] }, ISSUED);
    return Promise.all(QUERIES.map(async (url) => (await getJson<Json>(t, url, headers)).body));
  }

  it('answers the same figures from the snapshot, then catches up what was appended while down', async () => {
    const first = await start();
    first.clock.set(requests[0].recordedAt);
    const intake = await bearer(first, { roles: ['intake'], municipalities: ['3201'] }, ISSUED);
    const loaded = await loadThroughApi(first, requests.slice(0, split), intake);
    first.clock.set(NOW);
    await first.projections.modelAt(loaded);
    const before = await answers(first);
    expect(before[0].reviews.concluded).toBeGreaterThan(0);
    await stop();
    expect(existsSync(projectionSnapshotPath(dataDir))).toBe(true);

    const second = await start();
    expect(second.projections.runner.status).toMatchObject({ startedFrom: 'snapshot', position: loaded, lastSavedPosition: loaded });
    expect(await answers(second)).toEqual(before);
    await stop();

    // Recorded straight into the store while no server runs (another writer, a restore, a migration).
    const store = await openEventStore({ kind: 'sqlite', path: join(dataDir, SQLITE_STORE_FILE) });
    let recordedAt = new Date(NOW);
    const recording = new CaseRecording(store, { clock: () => recordedAt });
    for (const request of requests.slice(split)) {
      recordedAt = new Date(request.recordedAt);
      await recording.record(
        { caseId: request.caseId, body: request.body },
        { subject: 'test-offline', municipalities: ALL_MUNICIPALITIES },
      );
    }
    const head = await store.headPosition();
    await store.close();
    expect(head).toBeGreaterThan(loaded);

    const third = await start();
    expect(third.projections.runner.status).toMatchObject({ startedFrom: 'snapshot', position: head });
    const after = await answers(third);
    const events = await recordedEvents(third.store);
    const expected = referenceCompliance(events, {
      from: '2023-01-01',
      to: '2023-12-31',
      asOf: '2024-01-10',
      method: 'legal',
      rules: DEFAULT_DEADLINE_RULES,
    });
    expect(after[0].reviews).toMatchObject({ concluded: expected.reviews.concluded, onTime: expected.reviews.onTime });
    expect(after[0].investigations).toMatchObject({ closed: expected.investigations.closed, breached: expected.investigations.breached });
    expect(after[0].reviews.concluded).toBeGreaterThan(before[0].reviews.concluded);
    await stop();

    // npm run rebuild: the same model from zero, written atomically where the server loads it.
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/rebuild.ts', '--data-dir', dataDir], {
      cwd: resolve(__dirname, '../..'),
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toMatchObject({ snapshot: projectionSnapshotPath(dataDir), position: head });
    const fourth = await start();
    expect(fourth.projections.runner.status).toMatchObject({ startedFrom: 'snapshot', position: head });
    expect(await answers(fourth)).toEqual(after);
  });
});
