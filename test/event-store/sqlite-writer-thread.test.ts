import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { SqliteEventStore, VersionConflictError, type NewEvent } from '@fristvakt/event-store';
import { tempDir } from './temp-dir';

/**
 * What the writer thread adds to the SQLite store beyond the contract and group-commit suites (which
 * run against it too): the caller's clock stamps appends, errors keep their classes across the thread,
 * a dead thread fails appends loudly, and an idle store does not keep a process alive.
 */
const opts = (expectedVersion: number) => ({ expectedVersion, recordedBy: 'user:writer-thread' });
let counter = 0;
function events(count: number): NewEvent[] {
  return Array.from({ length: count }, () => {
    counter += 1;
    return { eventId: `wt-${counter}`, type: 'DeadlineSet', data: { n: counter }, metadata: {} };
  });
}

describe('SqliteEventStore writer thread', () => {
  let temp: ReturnType<typeof tempDir>;
  let path: string;
  const open: SqliteEventStore[] = [];
  const openStore = (options: Partial<ConstructorParameters<typeof SqliteEventStore>[0]> = {}): SqliteEventStore => {
    const store = new SqliteEventStore({ path, writer: 'thread', ...options });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    temp = tempDir('writer-thread');
    path = join(temp.dir, 'events.db');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    temp.remove();
  });

  it('stamps appends with the store clock of the calling thread', async () => {
    const store = openStore({ clock: () => new Date('2024-03-01T09:00:00.000Z') });
    const result = await store.append('case-1', events(2), opts(0));
    expect(result.events.map((event) => event.recordedAt)).toEqual(['2024-03-01T09:00:00.000Z', '2024-03-01T09:00:00.000Z']);
    expect((await store.readStream('case-1')).map((event) => event.recordedAt)).toEqual(result.events.map((event) => event.recordedAt));
  });

  it('rebuilds refusals as the error classes callers test for', async () => {
    const store = openStore();
    await store.append('case-1', events(1), opts(0));
    const [refused] = await Promise.allSettled([store.append('case-1', events(1), opts(0))]);
    expect(refused.status).toBe('rejected');
    const error = (refused as PromiseRejectedResult).reason as unknown;
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ streamId: 'case-1', expectedVersion: 0, actualVersion: 1 });
  });

  it('refuses appends with the reason once the thread is gone, and still reads', async () => {
    const store = openStore();
    await store.append('case-1', events(1), opts(0));
    // White-box: the only way to make the thread die on demand.
    const worker = (store as unknown as { writer: { worker: Worker } }).writer.worker;
    const inFlight = store.append('case-2', events(1), opts(0));
    await worker.terminate();
    await expect(inFlight).rejects.toThrow(/writer thread exited/);
    await expect(store.append('case-3', events(1), opts(0))).rejects.toThrow(/writer thread exited/);
    expect(await store.streamVersion('case-1')).toBe(1);
  });

  it('follows its own appends and those of another connection, interleaved, in log order', async () => {
    const store = openStore();
    const other = openStore();
    const controller = new AbortController();
    const followed: Array<[number, string, unknown]> = [];
    const following = (async () => {
      for await (const batch of store.follow(0, { signal: controller.signal })) {
        followed.push(...batch.map((event): [number, string, unknown] => [event.position, event.streamId, event.data]));
        if (followed.length >= 5) controller.abort();
      }
    })();
    await store.append('case-own', events(2), opts(0));
    await other.append('case-other', events(1), opts(0));
    await store.append('case-own', events(2), opts(2));
    await following;
    expect(followed).toEqual((await store.readAll(0, 10)).map((event) => [event.position, event.streamId, event.data]));
    expect(followed.map(([position, streamId]) => [position, streamId])).toEqual([
      [1, 'case-own'],
      [2, 'case-own'],
      [3, 'case-other'],
      [4, 'case-own'],
      [5, 'case-own'],
    ]);
  });

  it("refuses a writer thread for ':memory:', which a second connection cannot open", () => {
    expect(() => new SqliteEventStore({ path: ':memory:', writer: 'thread' })).toThrow(/':memory:' store cannot have a writer thread/);
  });

  it('does not keep a process alive once its appends are settled', () => {
    // A script that appends and never closes the store must still end on its own.
    const script = `
      const { SqliteEventStore } = require(${JSON.stringify(join(__dirname, '../../libs/event-store/src'))});
      const store = new SqliteEventStore({ path: ${JSON.stringify(path)}, writer: 'thread' });
      store.append('case-1', [{ eventId: 'e1', type: 'T', data: {}, metadata: {} }], { expectedVersion: 0, recordedBy: 'script' })
        .then((result) => console.log('appended', result.position));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('appended 1');
    expect(run.status).toBe(0);
  });
});
