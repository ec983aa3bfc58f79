import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, VersionConflictError, type NewEvent, type StoredEvent } from '@fristvakt/event-store';
import { openConnection } from '../../libs/event-store/src/sqlite/connection';
import { tempDir } from './temp-dir';

const opts = (expectedVersion: number) => ({ expectedVersion, recordedBy: 'user:durability' });
let counter = 0;
function events(count: number, type = 'DeadlineSet'): NewEvent[] {
  return Array.from({ length: count }, () => {
    counter += 1;
    return { eventId: `evt-${counter}`, type, data: { n: counter }, metadata: {} };
  });
}

describe('SqliteEventStore on a file', () => {
  let temp: ReturnType<typeof tempDir>;
  let path: string;
  const open: SqliteEventStore[] = [];
  const openStore = (options: Partial<ConstructorParameters<typeof SqliteEventStore>[0]> = {}): SqliteEventStore => {
    const store = new SqliteEventStore({ path, ...options });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    temp = tempDir('durability');
    path = join(temp.dir, 'events.db');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    temp.remove();
  });

  it('keeps the data across close and reopen, and continues gaplessly', async () => {
    const first = openStore();
    const a = await first.append('case-1', events(3), opts(0));
    await first.append('case-2', events(2), opts(0));
    const before = await first.readAll(0, 100);
    await first.close();

    const reopened = openStore();
    expect(await reopened.readAll(0, 100)).toEqual(before);
    expect(await reopened.headPosition()).toBe(5);
    expect(await reopened.streamVersion('case-1')).toBe(3);
    expect(await reopened.append('case-1', a.events, opts(0))).toEqual({ ...a, replayed: true });
    expect(await reopened.append('case-1', events(1), opts(3))).toMatchObject({ version: 4, position: 6 });
  });

  it('creates the schema once, in WAL mode, and refuses a newer schema', async () => {
    await openStore().close();
    await openStore().close();
    const raw = new Database(path);
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(2);
      raw.pragma('user_version = 99');
    } finally {
      raw.close();
    }
    expect(() => openStore()).toThrow(/schema version 99 is newer/);
  });

  it('opens every connection of the store with WAL, synchronous=FULL and savepoint journals in memory', () => {
    const db = openConnection(path, 1_000);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 = FULL (the WAL is fsynced at every commit); 2 = MEMORY (a savepoint's journal never spills to a file)
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it('stamps recordedAt from the injected clock as ISO-8601 UTC with milliseconds', async () => {
    const store = openStore({ clock: () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) });
    const result = await store.append('case-1', events(2), opts(0));
    expect(result.events.map((e) => e.recordedAt)).toEqual(['2024-01-02T03:04:05.006Z', '2024-01-02T03:04:05.006Z']);
    expect((await store.readStream('case-1'))[1].recordedAt).toBe('2024-01-02T03:04:05.006Z');
  });

  it('rolls back a batch whose insert fails halfway', async () => {
    const store = openStore();
    await store.append('case-1', events(1), opts(0));
    const raw = new Database(path);
    raw.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = 'Poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`);
    raw.close();

    // Not toThrow(): better-sqlite3's native addon keeps the SqliteError class of the first jest module
    // registry that loaded it, so in later test files it is not `instanceof Error` of this realm.
    await expect(store.append('case-1', [...events(3), ...events(1, 'Poison')], opts(1))).rejects.toHaveProperty('message', 'poisoned');
    expect(await store.headPosition()).toBe(1);
    expect(await store.streamVersion('case-1')).toBe(1);
    expect(await store.append('case-1', events(2), opts(1))).toMatchObject({ version: 3, position: 3 });
  });

  it('lets exactly one of two connections win a race on one stream', async () => {
    const a = openStore();
    const b = openStore();
    await a.append('case-1', events(1), opts(0));
    expect(await b.streamVersion('case-1')).toBe(1);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).append('case-1', events(2), opts(1))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(losers).toHaveLength(9);
    for (const loser of losers) expect(loser).toBeInstanceOf(VersionConflictError);

    const fromA = await a.readAll(0, 100);
    expect(await b.readAll(0, 100)).toEqual(fromA);
    expect(fromA.map((e) => e.position)).toEqual([1, 2, 3]);
  });

  it('lets a follower on one connection see appends made through another (polling)', async () => {
    const writer = openStore();
    const reader = openStore({ pollIntervalMs: 5 });
    await writer.append('case-1', events(2), opts(0));

    const controller = new AbortController();
    const iterator = reader.follow(0, { signal: controller.signal })[Symbol.asyncIterator]();
    const received: StoredEvent[] = [];
    const collect = async (count: number) => {
      while (received.length < count) {
        const next = await iterator.next();
        if (next.done) throw new Error('follow ended early');
        received.push(...next.value);
      }
    };
    await collect(2);
    const pending = collect(5);
    await writer.append('case-2', events(3), opts(0));
    await pending;
    expect(received.map((e) => [e.position, e.streamId])).toEqual([
      [1, 'case-1'],
      [2, 'case-1'],
      [3, 'case-2'],
      [4, 'case-2'],
      [5, 'case-2'],
    ]);
    controller.abort();
    expect((await iterator.next()).done).toBe(true);
  });

  it('ends followers when the store is closed', async () => {
    const store = openStore();
    const iterator = store.follow(0)[Symbol.asyncIterator]();
    const waiting = iterator.next();
    await store.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
  });
});
