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

describe('SqliteEventStore.readAhead (a reader thread)', () => {
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

  it('reads ahead of its caller and yields exactly what readAll does, hashes and payloads included', async () => {
    expect(canReadAhead(store)).toBe(true);
    const batches = [];
    for await (const batch of store.readAhead(0, { batchSize: 4 })) batches.push(batch);
    expect(batches).toHaveLength(17);
    const all = await store.readAll(0, 100);
    expect(all.every((e) => typeof e.hash === 'string')).toBe(true);
    expect(batches.flat()).toEqual(all);
  });

  it('reads a log of at most two batches on the calling thread, with the same events and no stream numbers', async () => {
    const batches = [];
    for await (const batch of store.readAhead(0, { batchSize: 40 })) batches.push(batch);
    expect(batches.map((batch) => batch.length)).toEqual([40, 25]);
    expect(batches.every((batch) => batch.streamOrdinals === undefined)).toBe(true);
    expect(batches.flat()).toEqual(await store.readAll(0, 100));
    // one event more than two batches: the thread reads it, and numbers the streams
    const threaded = [];
    for await (const batch of store.readAhead(0, { batchSize: 32 })) threaded.push(batch);
    expect(threaded.map((batch) => batch.streamOrdinals?.length)).toEqual([32, 32, 1]);
  });

  it('numbers the streams of its read in order of first appearance, across batches and from a resumed position', async () => {
    const ordinals = async (after: number) => {
      const numbers: number[] = [];
      for await (const batch of store.readAhead(after, { batchSize: 7 })) numbers.push(...(batch.streamOrdinals ?? []));
      return numbers;
    };
    // 40 events of case-a, then 25 of case-b
    expect(await ordinals(0)).toEqual([...Array<number>(40).fill(0), ...Array<number>(25).fill(1)]);
    expect(await ordinals(50)).toEqual(Array<number>(15).fill(0));
  });

  it('gives each event its recordedAt as Date.parse reads it', async () => {
    for await (const batch of store.readAhead(0, { batchSize: 7 })) {
      expect(batch.recordedAtMs).toHaveLength(batch.length);
      expect([...(batch.recordedAtMs ?? [])]).toEqual(batch.map((e) => Date.parse(e.recordedAt)));
    }
  });

  it("runs a transform on the reader thread, on readAll's events, for a log of more than two batches", async () => {
    const summaries = async (batchSize: number) => {
      const out: BatchSummary[] = [];
      for await (const batch of readToHeadTransformed<BatchSummary>(store, 0, batchSize, SUMMARIZE)) out.push(batch.value);
      return out;
    };
    const all = await store.readAll(0, 100);
    const threaded = await summaries(32);
    expect(threaded.map((s) => s.eventIds.length)).toEqual([32, 32, 1]);
    expect(threaded.every((s) => s.threadId !== 0)).toBe(true);
    // typed arrays arrive as typed arrays (by name: jest's realm has globals of its own)
    expect(threaded.map((s) => [s.positions.constructor.name, s.streams.constructor.name])).toEqual(
      Array(3).fill(['Float64Array', 'Int32Array']),
    );
    expect(threaded.flatMap((s) => s.payloads)).toEqual(all.map(eventJson));
    // at most two batches: on the calling thread, the same values
    const inline = await summaries(40);
    expect(inline.every((s) => s.threadId === 0)).toBe(true);
    expect(inline.flatMap((s) => s.eventIds)).toEqual(all.map((e) => e.eventId));
    expect(inline.flatMap((s) => [...s.streams])).toEqual(threaded.flatMap((s) => [...s.streams]));
  });

  it('stops its thread when the store closes under a caller that is still reading', async () => {
    const reading = (async () => {
      let events = 0;
      for await (const batch of store.readAhead(0, { batchSize: 1 })) {
        events += batch.length;
        if (events === 2) await store.close();
      }
      return events;
    })();
    await expect(reading).rejects.toThrow(/reader thread exited/);
  });
});
