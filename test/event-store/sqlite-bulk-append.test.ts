import { join } from 'node:path';
import { SqliteEventStore, verifyChain, type BulkAppend, type NewEvent, type SqliteEventStoreOptions } from '@fristvakt/event-store';
import { tempDir } from './temp-dir';

/**
 * The SQLite adapter's bulk path (`appendMany`, no savepoint per append): what the contract suite
 * cannot see from the port. A bulk is one unit of one group commit; an append that hits a unique key
 * part way through has its rows deleted, and the hash chain, the positions and the followers' tail
 * go on as if it had never been tried.
 */
type GroupStats = Parameters<NonNullable<SqliteEventStoreOptions['onGroupCommit']>>[0];

let counter = 0;
function events(count: number): NewEvent[] {
  return Array.from({ length: count }, () => {
    counter += 1;
    return {
      eventId: `bulk-${counter}`,
      type: 'DeadlineSet',
      data: { n: counter, note: 'frist «æøå»' },
      metadata: { occurredAt: '2024-03-01' },
    };
  });
}
const bulk = (streamId: string, batch: NewEvent[], expectedVersion: number): BulkAppend => ({
  streamId,
  events: batch,
  options: { expectedVersion, recordedBy: 'import:bulk-test' },
});

describe.each(['thread', 'inline'] as const)('SqliteEventStore.appendMany (%s writer)', (writer) => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let groups: GroupStats[];

  beforeEach(() => {
    temp = tempDir(`bulk-${writer}`);
    groups = [];
    store = new SqliteEventStore({ path: join(temp.dir, 'events.sqlite'), writer, onGroupCommit: (group) => groups.push(group) });
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('given failures part way through appends, commits the rest in one group with an unbroken chain, gapless positions and a true tail', async () => {
    const taken = events(1);
    await store.append('case-0', taken, { expectedVersion: 0, recordedBy: 'user:x' });
    const controller = new AbortController();
    const follower = store.follow(0, { signal: controller.signal })[Symbol.asyncIterator]();
    groups = [];

    const outcomes = await store.appendMany([
      bulk('case-1', events(3), 0),
      // Its third row hits the taken id: the first two are deleted again.
      bulk('case-2', [...events(2), ...taken], 0),
      bulk('case-1', events(2), 3),
      // The stream exists: its first row hits (stream, version 1).
      bulk('case-0', events(2), 0),
      bulk('case-3', events(4), 0),
    ]);

    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, false, true]);
    expect(groups).toEqual([{ appends: 5, failed: 2, eventsWritten: 9 }]);
    const log = await store.readAll(0, 100);
    expect(log.map((e) => e.position)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(log.map((e) => `${e.streamId}@${e.version}`)).toEqual([
      'case-0@1',
      'case-1@1',
      'case-1@2',
      'case-1@3',
      'case-1@4',
      'case-1@5',
      'case-3@1',
      'case-3@2',
      'case-3@3',
      'case-3@4',
    ]);
    expect(await store.verifyChain()).toMatchObject({ ok: true, count: 10 });
    expect(await verifyChain([log])).toMatchObject({ ok: true, count: 10 });
    // What followers in this process are handed from the tail is what the file holds.
    const followed: unknown[] = [];
    while (followed.length < 10) followed.push(...((await follower.next()).value as unknown[]));
    expect(followed).toEqual(log);
    controller.abort();

    // The next appends, single or bulk, chain on from the bulk.
    await store.append('case-2', events(1), { expectedVersion: 0, recordedBy: 'user:x' });
    await store.appendMany([bulk('case-4', events(2), 0)]);
    expect(await store.verifyChain()).toMatchObject({ ok: true, count: 13 });
  });

  it('given a bulk larger than a group cap, commits it whole as a group of its own', async () => {
    const appends = Array.from({ length: 600 }, (_, i) => bulk(`case-${i}`, events(20), 0));
    const outcomes = await store.appendMany(appends);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(groups).toEqual([{ appends: 600, failed: 0, eventsWritten: 12_000 }]);
    expect(await store.headPosition()).toBe(12_000);
    expect(await store.verifyChain()).toMatchObject({ ok: true, count: 12_000 });
  });
});
