import { RecordedLog, cleared, closed, measureStarted, opened, placementStarted, received, retract } from '@fristvakt/domain/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { InMemoryEventStore, type EventStore } from '@fristvakt/event-store';
import {
  applyAll,
  compliance,
  createModel,
  deadlines,
  FileSnapshotStore,
  flow,
  PositionTimeoutError,
  PROJECTION_VERSION,
  ProjectionRunner,
  type ProjectionModel,
  type ProjectionRunnerOptions,
} from '@fristvakt/projections';
import { appendAll } from './log-fixture';

const rules = DEFAULT_DEADLINE_RULES;

function firstHalf(): RecordedLog {
  const h = new RecordedLog();
  h.add('c1', received('n1', '2024-01-10'));
  h.add('c1', opened('u1', 'n1', '2024-01-12'));
  h.add('c2', received('n1', '2024-02-01', { municipality: '3203', reporters: ['8', '9'] }));
  h.add('c2', cleared('n1', '2024-02-03'));
  h.add('c3', received('n1', '2024-03-01'));
  h.add('c3', opened('u1', 'n1', '2024-03-02'));
  h.add('c3', placementStarted('p1', '2.5', '2024-03-02', 'emergency'));
  return h;
}

function secondHalf(h: RecordedLog): RecordedLog {
  h.add('c1', closed('u1', '2024-06-01'));
  const close = h.add('c3', closed('u1', '2024-05-01'));
  h.add('c3', retract(close.eventId, '2024-05-02'));
  h.add('c1', measureStarted('m1', '3.2', '2024-06-02'));
  return h;
}

const figures = (model: ProjectionModel) => ({
  deadlines: deadlines(model, { asOf: '2024-12-31', method: 'legal', rules }),
  compliance: compliance(model, { period: '2024', method: 'legal', rules }),
  flow: flow(model, { period: '2024', method: 'legal', rules }),
});

/** Counts where each readAll starts, to tell a replay from zero from a catch-up. */
function spying(store: EventStore): EventStore & { readsFrom: number[] } {
  const readsFrom: number[] = [];
  return Object.assign(Object.create(store) as EventStore, {
    readsFrom,
    readAll: (after: number, limit: number) => {
      readsFrom.push(after);
      return store.readAll(after, limit);
    },
  });
}

describe('ProjectionRunner', () => {
  let dir: string;
  let store: InMemoryEventStore;
  const runners: ProjectionRunner[] = [];
  const runner = (options: Partial<ProjectionRunnerOptions> = {}) => {
    const r = new ProjectionRunner({
      store,
      snapshots: new FileSnapshotStore(join(dir, 'projection.ndjson')),
      batchSize: 3,
      ...options,
    });
    runners.push(r);
    return r;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fristvakt-projection-'));
    store = new InMemoryEventStore();
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('catches up with the log, then follows new events', async () => {
    const h = firstHalf();
    await appendAll(store, h.events);
    const r = runner();
    await r.start();
    expect(r.position).toBe(7);
    expect(r.status).toMatchObject({ running: true, startedFrom: 'zero', behind: 0 });

    const n = h.events.length;
    secondHalf(h);
    await appendAll(store, h.events.slice(n));
    await r.waitForPosition(h.events.length, 5_000);
    expect(r.position).toBe(h.events.length);
    expect(figures(r.model)).toEqual(figures(replay(h)));
    expect(figures(r.model).compliance.investigations).toMatchObject({ closed: 1, openAtEnd: 1 });
    expect(await r.lag()).toEqual({ position: 11, headPosition: 11, behind: 0 });
  });

  it('restarts from its snapshot, catching up only from the saved position', async () => {
    const h = firstHalf();
    await appendAll(store, h.events);
    const first = runner();
    await first.start();
    await first.stop();
    expect(first.status.lastSavedPosition).toBe(7);

    const n = h.events.length;
    secondHalf(h);
    await appendAll(store, h.events.slice(n));
    const spy = spying(store);
    const second = runner({ store: spy });
    await second.start();
    expect(second.status.startedFrom).toBe('snapshot');
    expect(spy.readsFrom[0]).toBe(7);
    expect(second.position).toBe(11);
    expect(figures(second.model)).toEqual(figures(replay(h)));
  });

  it('saves model and position together every N events and on stop', async () => {
    const h = secondHalf(firstHalf());
    await appendAll(store, h.events);
    const r = runner({ saveEveryEvents: 3 });
    await r.start();
    const loaded = await new FileSnapshotStore(join(dir, 'projection.ndjson')).load(PROJECTION_VERSION);
    expect(loaded.status).toBe('ok');
    if (loaded.status === 'ok') {
      expect(loaded.snapshot.position).toBe(11);
      expect(loaded.snapshot.model.checkpoint).toBe(11);
      expect(figures(loaded.snapshot.model)).toEqual(figures(r.model));
    }
  });

  it('rebuilds from zero when the snapshot was written by another projection version', async () => {
    const h = secondHalf(firstHalf());
    await appendAll(store, h.events);
    const v1 = runner({ projectionVersion: 1 });
    await v1.start();
    await v1.stop();

    const spy = spying(store);
    const v2 = runner({ store: spy, projectionVersion: 2 });
    await v2.start();
    expect(v2.status).toMatchObject({ startedFrom: 'zero', rebuildReason: expect.stringMatching(/version 1.*2/) });
    expect(spy.readsFrom[0]).toBe(0);
    expect(figures(v2.model)).toEqual(figures(replay(h)));
  });

  it('rebuilds from zero when the snapshot is unreadable or ahead of the log', async () => {
    const h = firstHalf();
    await appendAll(store, h.events);
    await writeFile(
      join(dir, 'projection.ndjson'),
      `{"projectionVersion":${PROJECTION_VERSION},"position":7,"symbols":[],"skipped":0,"unresolvedRetractions":0,"cases":3}\n["c1"`,
    );
    const r = runner();
    await r.start();
    expect(r.status).toMatchObject({ startedFrom: 'zero', rebuildReason: expect.stringMatching(/unreadable/) });
    await r.stop();

    const emptyLog = new InMemoryEventStore();
    const elsewhere = runner({ store: emptyLog });
    await elsewhere.start();
    expect(elsewhere.status).toMatchObject({ startedFrom: 'zero', rebuildReason: expect.stringMatching(/beyond the log head/) });
    expect(elsewhere.position).toBe(0);
    await elsewhere.stop();
    await emptyLog.close();
  });

  it('rebuild() on demand replays the log into a fresh model and keeps following', async () => {
    const h = firstHalf();
    await appendAll(store, h.events);
    const r = runner();
    await r.start();
    const before = r.model;
    await r.rebuild();
    expect(r.model).not.toBe(before);
    expect(r.status).toMatchObject({ startedFrom: 'zero', rebuildReason: 'requested', running: true });
    const n = h.events.length;
    secondHalf(h);
    await appendAll(store, h.events.slice(n));
    await r.waitForPosition(11, 5_000);
    expect(figures(r.model)).toEqual(figures(replay(h)));
  });

  it('waitForPosition rejects when the position is not reached in time', async () => {
    const r = runner();
    await r.start();
    await expect(r.waitForPosition(1, 50)).rejects.toBeInstanceOf(PositionTimeoutError);
    await expect(r.waitForPosition(0, 50)).resolves.toBeUndefined();
  });
});

/** The same history applied directly, as the yardstick for what the runner built. */
function replay(h: RecordedLog): ProjectionModel {
  return applyAll(createModel(), h.events);
}
