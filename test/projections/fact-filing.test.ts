import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canReadAhead, InMemoryEventStore, SqliteEventStore, type EventStore, type StoredEvent } from '@fristvakt/event-store';
import { catchUp, createModel, FileSnapshotStore, ProjectionRunner, type ProjectionModel } from '@fristvakt/projections';
import { tempDir } from '../event-store/temp-dir';
import { modelShape } from './model-shape';
import { appendOddHistory, steppingClock } from './odd-history';

/**
 * The model the reducer built before its filing was split into decode (reader thread) and file
 * (main thread), captured from that reducer (main at 3de29a8: `catchUp` in batches of 1 over an
 * in-memory store holding the history of odd-history.ts, written with `JSON.stringify(modelShape(model))`):
 * every path that files events now must build exactly that shape. The malformed events of that
 * history sit in cases that exist already, where the old reducer left nothing of them behind
 * either; fact-columns.spec.ts covers one that opens a case.
 */
const EXPECTED = JSON.parse(readFileSync(join(__dirname, 'fixtures/odd-history-shape.json'), 'utf8')) as ReturnType<typeof modelShape>;

const shapeOf = (model: ProjectionModel) => JSON.parse(JSON.stringify(modelShape(model))) as ReturnType<typeof modelShape>;

describe('filing an odd history (malformed events, other streams, ids that are not UUIDs)', () => {
  let temp: ReturnType<typeof tempDir>;
  let sqlite: SqliteEventStore;
  let memory: InMemoryEventStore;
  let log: StoredEvent[];

  beforeAll(async () => {
    temp = tempDir('fact-filing');
    memory = new InMemoryEventStore({ clock: steppingClock() });
    sqlite = new SqliteEventStore({ path: join(temp.dir, 'events.db'), clock: steppingClock() });
    await appendOddHistory(memory);
    await appendOddHistory(sqlite);
    log = await memory.readAll(0, Number.MAX_SAFE_INTEGER);
  }, 60_000);
  afterAll(async () => {
    await sqlite.close();
    await memory.close();
    temp.remove();
  });

  it('has what it is meant to have', async () => {
    expect(await sqlite.readAll(0, Number.MAX_SAFE_INTEGER)).toEqual(log);
    expect(canReadAhead(sqlite)).toBe(true);
    expect(new Set(log.map((e) => e.type)).size).toBe(21);
    expect(EXPECTED.header).toContain('"skipped":48');
    expect(EXPECTED.header).toContain('"unresolvedRetractions":12');
  });

  it.each([1, 7, 1_000])(
    'catching up in batches of %i gives the captured model, on the calling thread and on the reader thread',
    async (batchSize) => {
      for (const store of [memory, sqlite] as EventStore[]) {
        const model = createModel();
        await catchUp(model, store, { batchSize });
        expect(shapeOf(model)).toEqual(EXPECTED);
      }
    },
  );

  it('keeps the model through a snapshot (packed and unpacked event ids alike)', async () => {
    const model = createModel();
    await catchUp(model, memory, { batchSize: 1_000 });
    const snapshots = new FileSnapshotStore(join(temp.dir, 'projection.ndjson'));
    await snapshots.save({ projectionVersion: 2, position: model.checkpoint, model });
    const loaded = await snapshots.load(2);
    if (loaded.status !== 'ok') throw new Error(`snapshot ${loaded.status}`);
    // what a snapshot holds (a load lists cases by municipality in case order, not in the order a rebuild met them)
    const { header, cases, factCount, maxRecordedAt, maxDay } = shapeOf(loaded.snapshot.model);
    expect({ header, cases, factCount, maxRecordedAt, maxDay }).toEqual({
      header: EXPECTED.header,
      cases: EXPECTED.cases,
      factCount: EXPECTED.factCount,
      maxRecordedAt: EXPECTED.maxRecordedAt,
      maxDay: EXPECTED.maxDay,
    });
  });

  it('gives the captured model when the runner follows the log as it is appended', async () => {
    const store = new InMemoryEventStore({ clock: steppingClock() });
    const runner = new ProjectionRunner({ store, batchSize: 50, retryDelayMs: 10 });
    await runner.start();
    await appendOddHistory(store);
    await runner.waitForPosition(log[log.length - 1].position, 10_000);
    await runner.stop();
    expect(shapeOf(runner.model)).toEqual(EXPECTED);
  });
});
