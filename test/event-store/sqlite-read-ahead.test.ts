import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { canReadAhead, readToHeadTransformed, SqliteEventStore, type NewEvent } from '@fristvakt/event-store';
import { eventJson, SUMMARIZE, type BatchSummary } from './fixtures/batch-transforms';
import { tempDir } from './temp-dir';

const event = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: n % 2 === 0 ? 'ConcernReceived' : 'ConcernCleared',
  data: { n, note: 'bekymringsmelding – «æøå» \u2028 "quoted"', nested: { a: [1, { b: null }] } },
  metadata: { occurredAt: '2024-03-01T10:00:00.000+01:00', schemaVersion: 1 },
});

describe('SqliteEventStore.readAheadTransformed (a reader thread)', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  beforeEach(async () => {
    temp = tempDir('read-ahead');
    store = new SqliteEventStore({ path: join(temp.dir, 'events.db') });
    await store.append(
      'case-a',
      Array.from({ length: 40 }, (_, i) => event(i)),
      { expectedVersion: 0, recordedBy: 'user:a' },
    );
    await store.append(
      'case-b',
      Array.from({ length: 25 }, (_, i) => event(i)),
      { expectedVersion: 0, recordedBy: 'user:b' },
    );
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  const summaries = async (after: number, batchSize: number) => {
    const out: BatchSummary[] = [];
    for await (const batch of readToHeadTransformed<BatchSummary>(store, after, batchSize, SUMMARIZE)) out.push(batch.value);
    return out;
  };

  it('reads ahead of its caller on a thread, and the transform sees exactly what readAll returns, hashes and payloads included', async () => {
    expect(canReadAhead(store)).toBe(true);
    const read = await summaries(0, 4);
    expect(read).toHaveLength(17);
    expect(read.every((s) => s.threadId !== 0)).toBe(true);
    const all = await store.readAll(0, 100);
    expect(all.every((e) => typeof e.hash === 'string')).toBe(true);
    expect(read.flatMap((s) => s.payloads)).toEqual(all.map(eventJson));
  });

  it('gives one transform the whole read: its state spans the batches, and a resumed read starts afresh', async () => {
    const streams = async (after: number) => (await summaries(after, 7)).flatMap((s) => [...s.streams]);
    // 40 events of case-a, then 25 of case-b
    expect(await streams(0)).toEqual([...Array<number>(40).fill(0), ...Array<number>(25).fill(1)]);
    expect(await streams(50)).toEqual(Array<number>(15).fill(0));
  });

  it('runs the transform on the calling thread for a log of at most two batches, on the thread for more, with the same values', async () => {
    const all = await store.readAll(0, 100);
    const threaded = await summaries(0, 32);
    expect(threaded.map((s) => s.eventIds.length)).toEqual([32, 32, 1]);
    expect(threaded.every((s) => s.threadId !== 0)).toBe(true);
    // typed arrays arrive as typed arrays (by name: jest's realm has globals of its own)
    expect(threaded.map((s) => [s.positions.constructor.name, s.streams.constructor.name])).toEqual(
      Array(3).fill(['Float64Array', 'Int32Array']),
    );
    expect(threaded.flatMap((s) => s.payloads)).toEqual(all.map(eventJson));
    // at most two batches: on the calling thread, the same values
    const inline = await summaries(0, 40);
    expect(inline.every((s) => s.threadId === 0)).toBe(true);
    expect(inline.flatMap((s) => s.eventIds)).toEqual(all.map((e) => e.eventId));
    expect(inline.flatMap((s) => [...s.streams])).toEqual(threaded.flatMap((s) => [...s.streams]));
  });

  it('stops its thread when the store closes under a caller that is still reading', async () => {
    const reading = (async () => {
      let events = 0;
      for await (const batch of readToHeadTransformed(store, 0, 1, SUMMARIZE)) {
        events += batch.count;
        if (events === 2) await store.close();
      }
      return events;
    })();
    await expect(reading).rejects.toThrow(/reader thread exited/);
  });
});
