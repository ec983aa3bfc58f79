import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canReadAhead, InMemoryEventStore, SqliteEventStore, type EventStore, type StoredEvent } from '@fristvakt/event-store';
import { catchUp, createModel, ProjectionRunner, type ProjectionModel } from '@fristvakt/projections';
import { tempDir } from '../event-store/temp-dir';
import { modelShape } from './model-shape';
import { appendOddHistory, steppingClock } from './odd-history';

/**
 * The model the reducer built before its filing was split into decode (reader thread) and file
 * (main thread), captured from that reducer for the history of odd-history.ts: every path that
 * files events now must build exactly that shape.
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
