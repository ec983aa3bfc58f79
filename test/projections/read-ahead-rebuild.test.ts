import { join } from 'node:path';
import { caseStreamId, toNewEvent, toRecordedCaseEvent } from '@fristvakt/case-recording';
import { canReadAhead, SqliteEventStore, type AppendResult, type StoredEvent } from '@fristvakt/event-store';
import { generateEventLog } from '@fristvakt/generator';
import { apply, catchUp, createModel, ProjectionRunner } from '@fristvakt/projections';
import { tempDir } from '../event-store/temp-dir';
import { modelShape } from './model-shape';

/**
 * The rebuild (`npm run rebuild`, a start from zero, the benchmark) reads the log on a reader thread
 * while it applies: the model it builds must be the one applying the log event by event builds.
 */
describe('a rebuild read ahead on a reader thread', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let log: StoredEvent[];

  beforeAll(async () => {
    temp = tempDir('read-ahead-rebuild');
    store = new SqliteEventStore({ path: join(temp.dir, 'events.db') });
    const versions = new Map<string, number>();
    const appends: Promise<AppendResult>[] = [];
    for (const { caseId, event } of generateEventLog({
      municipalities: ['0301', '4601'],
      years: 2,
      fromYear: 2023,
      scale: 0.4,
      seed: 11,
    })) {
      const streamId = caseStreamId(caseId);
      const expectedVersion = versions.get(streamId) ?? 0;
      versions.set(streamId, expectedVersion + 1);
      // the writer commits them in submission order, many to a group
      appends.push(store.append(streamId, [toNewEvent(event)], { expectedVersion, recordedBy: 'generator' }));
    }
    await Promise.all(appends);
    log = await store.readAll(0, Number.MAX_SAFE_INTEGER);
  }, 60_000);
  afterAll(async () => {
    await store.close();
    temp.remove();
  });

  it('has a history worth the name, read through a reader thread', () => {
    expect(log.length).toBeGreaterThan(3_000);
    expect(new Set(log.map((e) => e.type)).size).toBeGreaterThan(12);
    expect(canReadAhead(store)).toBe(true);
  });

  it('gives the model of applying the log event by event, whatever the batch size', async () => {
    const incremental = createModel();
    for (const stored of log) apply(incremental, toRecordedCaseEvent(stored));
    const expected = modelShape(incremental);
    for (const batchSize of [1, 7, 1_000, 100_000]) {
      const rebuilt = createModel();
      let batches = 0;
      await catchUp(rebuilt, store, { batchSize, applied: () => void batches++ });
      expect(batches).toBe(Math.ceil(log.length / batchSize));
      expect(modelShape(rebuilt)).toEqual(expected);
    }
  });

  it('continues a model from its checkpoint, and the runner rebuilds the same model', async () => {
    const incremental = createModel();
    for (const stored of log) apply(incremental, toRecordedCaseEvent(stored));
    const resumed = createModel();
    for (const stored of log.slice(0, 1_234)) apply(resumed, toRecordedCaseEvent(stored));
    await catchUp(resumed, store, { batchSize: 100 });
    expect(modelShape(resumed)).toEqual(modelShape(incremental));

    const runner = new ProjectionRunner({ store, batchSize: 250 });
    await runner.rebuild();
    expect(runner.position).toBe(log[log.length - 1].position);
    expect(modelShape(runner.model)).toEqual(modelShape(incremental));
  });
});
