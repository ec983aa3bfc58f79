import { join } from 'node:path';
import { openEventStore, SQLITE_STORE_FILE, type EventStore } from '@fristvakt/event-store';
import { startEventStoreDbEmulator, type EventStoreDbEmulator } from '../eventstoredb/emulator/emulator';
import { startCaseApiPair, type CaseApiPair, type SharedStore } from './case-api-pair';
import { MUNICIPALITY, writeConcurrently, type WriteOutcome } from './concurrent-writers';
import { logProblems, readWholeLog } from './log-invariants';

const CASES = 20;
const REQUESTS_PER_CASE = 30;
const LEADER_QUERIES = [
  `/v1/deadlines?municipality=${MUNICIPALITY}&asOf=2024-12-31`,
  `/v1/compliance?municipality=${MUNICIPALITY}&period=2024`,
  `/v1/statistics/flow?municipality=${MUNICIPALITY}&period=2024`,
];

interface Setup {
  shared: SharedStore;
  /** a connection of the test's own, to check the log behind both instances */
  openChecker(pair: CaseApiPair): Promise<EventStore>;
  close(): Promise<void>;
}

const setups: Array<[string, () => Promise<Setup>]> = [
  [
    'one SQLite file',
    async () => ({
      shared: { kind: 'sqlite' },
      openChecker: (pair) => openEventStore({ kind: 'sqlite', path: join(pair.dataDir, SQLITE_STORE_FILE) }),
      close: async () => undefined,
    }),
  ],
  [
    'one EventStoreDB (emulator)',
    async () => {
      const emulator: EventStoreDbEmulator = await startEventStoreDbEmulator();
      return {
        shared: { kind: 'eventstoredb', connectionString: emulator.connectionString },
        openChecker: () => openEventStore({ kind: 'eventstoredb', connectionString: emulator.connectionString }),
        close: () => emulator.close(),
      };
    },
  ],
];

describe.each(setups)('two case-api instances on %s', (_label, setUp) => {
  let setup: Setup;
  let pair: CaseApiPair;
  let checker: EventStore;
  let outcome: WriteOutcome;

  beforeAll(async () => {
    setup = await setUp();
    pair = await startCaseApiPair(setup.shared);
    checker = await setup.openChecker(pair);
    outcome = await writeConcurrently(pair.apps, await pair.headers({ roles: ['intake'] }), {
      cases: CASES,
      requestsPerCase: REQUESTS_PER_CASE,
      caseIdPrefix: `dist-${setup.shared.kind}`,
    });
  });
  afterAll(async () => {
    await checker?.close();
    await pair?.close();
    await setup?.close();
  });

  it('answers every request once, and the racing writers really conflicted', () => {
    expect(outcome.acknowledged).toHaveLength(CASES * (1 + REQUESTS_PER_CASE));
    // Pinned writers on two instances race for the same versions: some must lose and re-read.
    expect(outcome.pinnedConflicts).toBeGreaterThan(0);
  });

  it('loses and duplicates nothing: every acknowledged event once, gapless versions per case', async () => {
    const log = await readWholeLog(checker);
    expect(logProblems(log, outcome.acknowledged)).toEqual([]);
    expect(log).toHaveLength(outcome.acknowledged.reduce((n, ack) => n + ack.eventIds.length, 0));

    // Each answer names the versions and the position its own events got.
    const byId = new Map(log.map((event) => [event.eventId, event]));
    for (const ack of outcome.acknowledged) {
      const stored = ack.eventIds.map((id) => byId.get(id));
      expect(stored.map((event) => event?.version)).toEqual(ack.eventIds.map((_, i) => ack.version - ack.eventIds.length + 1 + i));
      expect(stored[stored.length - 1]?.position).toBe(ack.position);
    }
  });

  it('answers the leader queries identically on both instances once both reached the last position', async () => {
    const maxPosition = Math.max(...outcome.acknowledged.map((ack) => ack.position));
    expect(await checker.headPosition()).toBe(maxPosition);
    const headers = await pair.headers({ roles: ['leader'] });
    for (const query of LEADER_QUERIES) {
      const url = `${query}&minPosition=${maxPosition}`;
      const [a, b] = await Promise.all(pair.apps.map((app) => app.inject({ method: 'GET', url, headers })));
      expect([a.statusCode, b.statusCode, url]).toEqual([200, 200, url]);
      expect(a.json()).toMatchObject({ position: maxPosition });
      expect(b.json()).toEqual(a.json());
    }
    const board = (
      await pair.apps[1].inject({ method: 'GET', url: `${LEADER_QUERIES[0]}&minPosition=${maxPosition}`, headers })
    ).json() as {
      items: unknown[];
    };
    // Two thirds of the notifications stay open: the board is far from empty, so equality means something.
    expect(board.items.length).toBeGreaterThan(CASES * 10);
  });

  it('reports both instances ready with no lag, counted in events even where positions are byte offsets', async () => {
    const admin = await pair.headers({ roles: ['admin'], municipalities: [] });
    for (const app of pair.apps) {
      // positions are for the operator: an admin token sees them
      const res = await app.inject({ method: 'GET', url: '/health/ready', headers: admin });
      expect(res.statusCode).toBe(200);
      const projections = (res.json() as { components: Array<{ name: string }> }).components.find((c) => c.name === 'projections');
      expect(projections).toMatchObject({ ready: true, lagEvents: 0, headPosition: await checker.headPosition() });
    }
  });
});
