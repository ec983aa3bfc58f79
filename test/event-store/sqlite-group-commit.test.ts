import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  EventIdConflictError,
  SqliteEventStore,
  verifyChain,
  VersionConflictError,
  type AppendResult,
  type NewEvent,
  type SqliteEventStoreOptions,
} from '@fristvakt/event-store';
import { tempDir } from './temp-dir';

/**
 * Group commit in the SQLite adapter: appends made in one tick share one IMMEDIATE transaction, each in a
 * savepoint of its own. "One transaction" is observed through the onGroupCommit hook, which the store calls
 * once per COMMIT; appends issued synchronously in one tick always land in one group (no timing involved).
 */
type GroupStats = Parameters<NonNullable<SqliteEventStoreOptions['onGroupCommit']>>[0];

const opts = (expectedVersion: number) => ({ expectedVersion, recordedBy: 'user:group-commit' });
let counter = 0;
function events(count: number, type = 'DeadlineSet'): NewEvent[] {
  return Array.from({ length: count }, () => {
    counter += 1;
    return { eventId: `gc-${counter}`, type, data: { n: counter }, metadata: {} };
  });
}

/** A rejection's error, or a failure when the promise resolved. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const [outcome] = await Promise.allSettled([promise]);
  if (outcome.status === 'fulfilled') throw new Error('expected the promise to reject');
  return outcome.reason;
}

describe.each(['thread', 'inline'] as const)('SqliteEventStore group commit (%s writer)', (writer) => {
  let temp: ReturnType<typeof tempDir>;
  let path: string;
  let groups: GroupStats[];
  const open: SqliteEventStore[] = [];
  const openStore = (options: Partial<SqliteEventStoreOptions> = {}): SqliteEventStore => {
    const store = new SqliteEventStore({ path, writer, onGroupCommit: (group) => groups.push(group), ...options });
    open.push(store);
    return store;
  };
  /** A second connection on the same file, for triggers and locks the store must cope with. */
  const withRaw = (work: (raw: Database.Database) => void): void => {
    const raw = new Database(path);
    try {
      work(raw);
    } finally {
      raw.close();
    }
  };

  beforeEach(() => {
    temp = tempDir('group-commit');
    path = join(temp.dir, 'events.db');
    groups = [];
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    temp.remove();
  });

  it('commits concurrent appends to different streams in one transaction, with gapless positions', async () => {
    const store = openStore();
    const sizes = Array.from({ length: 40 }, (_, i) => 1 + (i % 3));
    const results = await Promise.all(sizes.map((size, i) => store.append(`case-${i}`, events(size), opts(0))));

    const total = sizes.reduce((a, b) => a + b, 0);
    expect(groups).toEqual([{ appends: 40, failed: 0, eventsWritten: total }]);
    // Arrival order is commit order: positions run through the appends in the order they were made.
    expect(results.flatMap((r) => r.events.map((e) => e.position))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(results.map((r) => r.version)).toEqual(sizes);
    const all = await store.readAll(0, 1_000);
    expect(all).toEqual(results.flatMap((r) => r.events));
  });

  it('rolls back only the failing appends of a group, whatever the error', async () => {
    const store = openStore();
    const existing = events(1);
    await store.append('case-x', existing, opts(0));
    withRaw((raw) =>
      raw.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = 'Poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`),
    );
    groups = [];

    const okA = store.append('case-a', events(2), opts(0));
    const versionConflict = store.append('case-x', events(2), opts(5));
    const okB = store.append('case-b', events(1), opts(0));
    const idConflict = store.append('case-c', [...events(1), existing[0]], opts(0));
    const poisoned = store.append('case-a', [...events(2), ...events(1, 'Poison')], opts(2));
    const okC = store.append('case-a', events(1), opts(2));

    expect(await rejection(versionConflict)).toBeInstanceOf(VersionConflictError);
    expect(await rejection(idConflict)).toBeInstanceOf(EventIdConflictError);
    expect(await rejection(poisoned)).toHaveProperty('message', 'poisoned');
    const [a, b, c] = await Promise.all([okA, okB, okC]);
    expect(groups).toEqual([{ appends: 6, failed: 3, eventsWritten: 4 }]);

    // The rolled-back savepoints leave no gap: the survivors' positions follow each other.
    expect([a, b, c].map((r) => [r.streamId, r.version, r.position])).toEqual([
      ['case-a', 2, 3],
      ['case-b', 1, 4],
      ['case-a', 3, 5],
    ]);
    expect((await store.readAll(0, 100)).map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(await store.streamVersion('case-c')).toBe(0);
    expect(await store.streamVersion('case-x')).toBe(1);
    // The chain runs on through the survivors: a rolled-back append left no link behind.
    expect(await verifyChain(await store.readAll(0, 100))).toMatchObject({ ok: true, count: 5, headPosition: 5 });
    // and the next group continues it
    await store.append('case-d', events(2), opts(0));
    expect(await verifyChain(await store.readAll(0, 100))).toMatchObject({ ok: true, count: 7, headPosition: 7 });
  });

  it('rolls back an append that fails alone in its group (no savepoint) and reports it as the group', async () => {
    const store = openStore();
    await store.append('case-a', events(2), opts(0));
    withRaw((raw) =>
      raw.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = 'Poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`),
    );
    groups = [];

    // Two events are inserted before the third one is refused: none of them may stay.
    expect(await rejection(store.append('case-a', [...events(2), ...events(1, 'Poison')], opts(2)))).toHaveProperty('message', 'poisoned');
    expect(await rejection(store.append('case-b', events(1), opts(3)))).toBeInstanceOf(VersionConflictError);
    expect(groups).toEqual([
      { appends: 1, failed: 1, eventsWritten: 0 },
      { appends: 1, failed: 1, eventsWritten: 0 },
    ]);
    expect(await store.headPosition()).toBe(2);
    expect(await store.streamVersion('case-a')).toBe(2);

    const next = await store.append('case-a', events(1), opts(2));
    expect(next).toMatchObject({ version: 3, position: 3 });
    expect(await verifyChain(await store.readAll(0, 100))).toMatchObject({ ok: true, count: 3, headPosition: 3 });
  });

  it('lets exactly one of two same-version appends to one stream in one group win: the first', async () => {
    const store = openStore();
    await store.append('case-1', events(1), opts(0));
    groups = [];
    const first = store.append('case-1', events(2), opts(1));
    const second = store.append('case-1', events(1), opts(1));

    expect(await first).toMatchObject({ version: 3, position: 3 });
    expect(await rejection(second)).toMatchObject({ name: 'VersionConflictError', expectedVersion: 1, actualVersion: 3 });
    expect(groups).toEqual([{ appends: 2, failed: 1, eventsWritten: 2 }]);
  });

  it('replays an append repeated within the same group, writing it once', async () => {
    const store = openStore();
    const batch = events(3);
    const [original, retry] = await Promise.all([store.append('case-1', batch, opts(0)), store.append('case-1', batch, opts(0))]);
    expect(retry).toEqual({ ...original, replayed: true });
    expect(groups).toEqual([{ appends: 2, failed: 0, eventsWritten: 3 }]);
    expect(await store.headPosition()).toBe(3);
  });

  it('splits a burst into groups of at most maxAppends appends and maxEvents events', async () => {
    const store = openStore({ groupCommit: { maxAppends: 3, maxEvents: 5 } });
    const sizes = [1, 1, 1, 1, 1, 1, 1, 2, 3, 7, 1];
    await Promise.all(sizes.map((size, i) => store.append(`case-${i}`, events(size), opts(0))));
    expect(groups.map((g) => g.eventsWritten)).toEqual([3, 3, 3, 3, 7, 1]);
    expect(groups.map((g) => g.appends)).toEqual([3, 3, 2, 1, 1, 1]);
    expect((await store.readAll(0, 100)).map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('rejects every append of the group when COMMIT fails, and keeps working afterwards', async () => {
    const store = openStore();
    // A deferred foreign key is checked at COMMIT only: the one real way to make COMMIT itself fail on demand.
    // better-sqlite3 builds SQLite with foreign keys enforced by default, on every connection.
    withRaw((raw) =>
      raw.exec(`
        CREATE TABLE parent (id INTEGER PRIMARY KEY);
        CREATE TABLE child (ref INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
        CREATE TRIGGER dangling AFTER INSERT ON events WHEN NEW.type = 'DanglingAtCommit' BEGIN INSERT INTO child VALUES (42); END`),
    );
    const appends = [
      store.append('case-a', events(1), opts(0)),
      store.append('case-b', events(1, 'DanglingAtCommit'), opts(0)),
      store.append('case-c', events(2), opts(0)),
    ];
    for (const append of appends) expect(await rejection(append)).toHaveProperty('code', 'SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(groups).toEqual([]);
    expect(await store.headPosition()).toBe(0);

    expect(await store.append('case-a', events(1), opts(0))).toMatchObject({ version: 1, position: 1 });
  });

  it('rejects every append of the group when the write lock cannot be had (SQLITE_BUSY)', async () => {
    const store = openStore({ busyTimeoutMs: 20 });
    const raw = new Database(path);
    try {
      raw.exec('BEGIN IMMEDIATE');
      const appends = [store.append('case-a', events(1), opts(0)), store.append('case-b', events(1), opts(0))];
      for (const append of appends) expect(await rejection(append)).toHaveProperty('code', 'SQLITE_BUSY');
      raw.exec('COMMIT');
    } finally {
      raw.close();
    }
    expect(groups).toEqual([]);
    expect(await store.append('case-a', events(1), opts(0))).toMatchObject({ version: 1, position: 1 });
  });

  it('commits pending appends on close() before the connection goes, and refuses appends after', async () => {
    const store = openStore();
    const pending: Array<Promise<AppendResult>> = [0, 1, 2].map((i) => store.append(`case-${i}`, events(2), opts(0)));
    await store.close();
    expect(groups).toEqual([{ appends: 3, failed: 0, eventsWritten: 6 }]);
    expect((await Promise.all(pending)).map((r) => r.position)).toEqual([2, 4, 6]);
    expect(await rejection(store.append('case-9', events(1), opts(0)))).toHaveProperty('message', 'the event store is closed');

    const reopened = openStore();
    expect(await reopened.headPosition()).toBe(6);
  });

  it('wakes followers once per group', async () => {
    const store = openStore();
    // White-box: the notifier's sequence counts wake-ups; a follower re-reads once per wake-up.
    const wakeUps = () => (store as unknown as { notifier: { sequence: number } }).notifier.sequence;
    await Promise.all([0, 1, 2, 3].map((i) => store.append(`case-${i}`, events(1), opts(0))));
    expect(wakeUps()).toBe(1);
    // A group of nothing but replays and failures wrote nothing: no wake-up.
    await Promise.allSettled([store.append('case-0', events(1), opts(7)), store.append('case-9', [], opts(0))]);
    expect(wakeUps()).toBe(1);
    expect(groups.map((g) => g.eventsWritten)).toEqual([4, 0]);
  });
});
