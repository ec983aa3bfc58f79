import { randomUUID } from 'node:crypto';
import {
  appendMany,
  readToHeadTransformed,
  EventIdConflictError,
  VersionConflictError,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type StoredEvent,
} from '@fristvakt/event-store';
import { eventJson, FAILING, MISSING, SUMMARIZE, type BatchSummary } from './fixtures/batch-transforms';

export interface EventStoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

const RECORDED_BY = 'user:contract-suite';
const ISO_UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let counter = 0;
function event(overrides: Partial<NewEvent> = {}): NewEvent {
  counter += 1;
  return {
    eventId: randomUUID(),
    type: 'ConcernReceived',
    data: { n: counter, caseRef: 'BV-2024-0042', note: 'bekymringsmelding fra skole – «æøå»', nested: { a: [1, 2, { b: null }] } },
    metadata: { schemaVersion: 1, occurredAt: '2024-03-01T10:00:00.000+01:00' },
    ...overrides,
  };
}
function events(count: number): NewEvent[] {
  return Array.from({ length: count }, () => event());
}
const opts = (expectedVersion: number) => ({ expectedVersion, recordedBy: RECORDED_BY });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Pulls from an iterator until `count` events arrived (the store decides how they are batched). */
async function take(iterator: AsyncIterator<StoredEvent[]>, count: number): Promise<StoredEvent[]> {
  const collected: StoredEvent[] = [];
  while (collected.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`follow ended after ${collected.length} of ${count} events`);
    collected.push(...next.value);
  }
  return collected;
}

/**
 * What an adapter may legitimately do differently. The defaults are the strict behaviour; an adapter
 * opts out only where its storage cannot give the guarantee (documented with the adapter).
 */
export interface ContractCapabilities {
  /** positions are exactly 1, 2, 3, …; false: only strictly increasing in log order (EventStoreDB) */
  gaplessPositions?: boolean;
  /** an event id is unique across all streams; false: only within its stream (EventStoreDB) */
  uniqueEventIdsAcrossStreams?: boolean;
}

/** Every adapter must pass this suite unchanged. */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreFixture>,
  capabilities: ContractCapabilities = {},
): void {
  const { gaplessPositions = true, uniqueEventIdsAcrossStreams = true } = capabilities;
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    /** The position of the n-th event of the log (1-based, 0 = before the first); with gapless positions, n itself. */
    async function pos(ordinal: number): Promise<number> {
      if (gaplessPositions || ordinal === 0) return ordinal;
      const log = await store.readAll(0, ordinal);
      if (log.length < ordinal) throw new Error(`the log holds ${log.length} events, not ${ordinal}`);
      return log[ordinal - 1].position;
    }
    async function positions(...ordinals: number[]): Promise<number[]> {
      const out: number[] = [];
      for (const ordinal of ordinals) out.push(await pos(ordinal));
      return out;
    }
    function expectLogOrder(log: StoredEvent[]): void {
      const actual = log.map((e) => e.position);
      if (gaplessPositions) expect(actual).toEqual(log.map((_, i) => i + 1));
      else expect(actual.every((p, i) => Number.isSafeInteger(p) && p > (i === 0 ? 0 : actual[i - 1]))).toBe(true);
    }

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    async function expectUnchanged(head: number, streams: Record<string, number>): Promise<void> {
      const headPosition = await pos(head);
      expect(await store.headPosition()).toBe(headPosition);
      expect(await store.readAll(headPosition, 10)).toEqual([]);
      for (const [streamId, version] of Object.entries(streams)) expect(await store.streamVersion(streamId)).toBe(version);
    }

    describe('append', () => {
      it('creates a new stream with expectedVersion 0', async () => {
        const batch = events(3);
        const result = await store.append('case-1', batch, opts(0));
        const logPositions = await positions(1, 2, 3);
        expect(result).toMatchObject({ streamId: 'case-1', version: 3, position: logPositions[2], replayed: false });
        expect(result.events.map((e) => [e.eventId, e.version, e.position])).toEqual(
          batch.map((e, i) => [e.eventId, i + 1, logPositions[i]]),
        );
        for (const [i, stored] of result.events.entries()) {
          expect(stored).toMatchObject({ ...batch[i], streamId: 'case-1', recordedBy: RECORDED_BY });
          expect(stored.recordedAt).toMatch(ISO_UTC_MILLIS);
        }
        expect(new Set(result.events.map((e) => e.recordedAt)).size).toBe(1);
        expect(await store.readStream('case-1')).toEqual(result.events);
      });

      it('appends at the exact expected version', async () => {
        await store.append('case-1', events(2), opts(0));
        const result = await store.append('case-1', events(2), opts(2));
        expect(result).toMatchObject({ version: 4, position: await pos(4), replayed: false });
        expect(result.events.map((e) => e.version)).toEqual([3, 4]);
        expect(await store.streamVersion('case-1')).toBe(4);
      });

      it.each([
        ['behind', 1],
        ['ahead', 3],
      ])('rejects an expected version that is %s, carrying expected and actual', async (_label, expected) => {
        await store.append('case-1', events(2), opts(0));
        const error = await rejection(store.append('case-1', events(1), opts(expected)));
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject({ name: 'VersionConflictError', streamId: 'case-1', expectedVersion: expected, actualVersion: 2 });
        await expectUnchanged(2, { 'case-1': 2 });
      });

      it('rejects expectedVersion 0 when the stream exists', async () => {
        await store.append('case-1', events(1), opts(0));
        expect(await rejection(store.append('case-1', events(1), opts(0)))).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
      });

      it('rejects expectedVersion > 0 for a stream that does not exist', async () => {
        const error = await rejection(store.append('case-new', events(1), opts(1)));
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject({ streamId: 'case-new', expectedVersion: 1, actualVersion: 0 });
        await expectUnchanged(0, { 'case-new': 0 });
      });

      it('rejects an empty batch with a plain Error', async () => {
        const error = await rejection(store.append('case-1', [], opts(0)));
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(VersionConflictError);
        expect((error as Error).message).toMatch(/at least one event/);
      });

      it('round-trips JSON payloads exactly', async () => {
        const payload: JsonObject = {
          s: 'ÆØÅ 🚸 "quoted"\n',
          i: -42,
          f: 1.5,
          t: true,
          nil: null,
          list: [[], {}, [1, 'x']],
          deep: { z: { y: { x: 1 } } },
        };
        await store.append('case-1', [event({ data: payload, metadata: { m: [payload] } })], opts(0));
        const [stored] = await store.readStream('case-1');
        expect(stored.data).toEqual(payload);
        expect(stored.metadata).toEqual({ m: [payload] });
      });
    });

    describe('idempotency', () => {
      it('returns the original result for a retry with the same ids and content, writing nothing', async () => {
        const batch = events(3);
        const original = await store.append('case-1', batch, opts(0));
        const retry = await store.append(
          'case-1',
          batch.map((e) => ({ ...e })),
          opts(0),
        );
        expect(retry).toEqual({ ...original, replayed: true });
        await expectUnchanged(3, { 'case-1': 3 });
      });

      it('replays even when the retry expectedVersion is now stale', async () => {
        const batch = events(2);
        const original = await store.append('case-1', batch, opts(0));
        await store.append('case-1', events(2), opts(2));
        const retry = await store.append('case-1', batch, opts(0));
        expect(retry).toEqual({ ...original, replayed: true });
        await expectUnchanged(4, { 'case-1': 4 });
      });

      it('compares content canonically (object key order does not matter)', async () => {
        const first = event({ data: { a: 1, b: { c: 2, d: 3 } }, metadata: { x: 1, y: 2 } });
        await store.append('case-1', [first], opts(0));
        const reordered = { ...first, data: { b: { d: 3, c: 2 }, a: 1 }, metadata: { y: 2, x: 1 } };
        expect(await store.append('case-1', [reordered], opts(0))).toMatchObject({ replayed: true, version: 1 });
      });

      it('replays a contiguous run of an earlier batch', async () => {
        const batch = events(4);
        await store.append('case-1', batch, opts(0));
        const retry = await store.append('case-1', batch.slice(1, 3), opts(0));
        expect(retry).toMatchObject({ replayed: true, version: 3, position: await pos(3) });
        expect(retry.events.map((e) => e.eventId)).toEqual([batch[1].eventId, batch[2].eventId]);
      });

      it.each<[string, (e: NewEvent) => NewEvent]>([
        ['type', (e) => ({ ...e, type: 'SomethingElse' })],
        ['data', (e) => ({ ...e, data: { ...e.data, n: -1 } })],
        ['metadata', (e) => ({ ...e, metadata: { ...e.metadata, schemaVersion: 2 } })],
      ])('rejects a known id with other %s and writes nothing', async (_label, change) => {
        const batch = events(2);
        await store.append('case-1', batch, opts(0));
        const error = await rejection(store.append('case-1', [batch[0], change(batch[1])], opts(0)));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect((error as EventIdConflictError).eventIds).toEqual([batch[1].eventId]);
        await expectUnchanged(2, { 'case-1': 2 });
      });

      (uniqueEventIdsAcrossStreams ? it : it.skip)('rejects an id stored in another stream', async () => {
        const batch = events(1);
        await store.append('case-1', batch, opts(0));
        const error = await rejection(store.append('case-2', batch, opts(0)));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect(error).toMatchObject({ streamId: 'case-2', eventIds: [batch[0].eventId] });
        // The other stream may belong to another municipality: the error must not name it.
        expect((error as Error).message).not.toContain('case-1');
        await expectUnchanged(1, { 'case-1': 1, 'case-2': 0 });
      });

      it('rejects a batch of which only part is stored, even at the right version', async () => {
        const batch = events(2);
        await store.append('case-1', batch, opts(0));
        const fresh = event();
        for (const partial of [
          [batch[1], fresh],
          [fresh, batch[0]],
        ]) {
          const error = await rejection(store.append('case-1', partial, opts(2)));
          expect(error).toBeInstanceOf(EventIdConflictError);
        }
        await expectUnchanged(2, { 'case-1': 2 });
      });

      it('rejects stored ids in another order or not contiguous', async () => {
        const batch = events(3);
        await store.append('case-1', batch, opts(0));
        for (const shuffled of [
          [batch[1], batch[0]],
          [batch[0], batch[2]],
        ]) {
          expect(await rejection(store.append('case-1', shuffled, opts(3)))).toBeInstanceOf(EventIdConflictError);
        }
        await expectUnchanged(3, { 'case-1': 3 });
      });

      it('rejects duplicate ids inside one batch', async () => {
        const one = event();
        const error = await rejection(store.append('case-1', [one, event(), { ...one }], opts(0)));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect((error as EventIdConflictError).eventIds).toEqual([one.eventId]);
        await expectUnchanged(0, { 'case-1': 0 });
      });
    });

    describe('atomicity', () => {
      it('leaves nothing behind when a batch fails for any reason', async () => {
        const existing = events(2);
        await store.append('case-1', existing, opts(0));
        await store.append('case-2', events(1), opts(0));
        const unserialisable = event({ data: { big: BigInt(1) } as unknown as JsonObject });
        const failing: Array<[string, NewEvent[], number]> = [
          ['case-1', [event(), event(), unserialisable], 2],
          ['case-1', [event(), { ...existing[0], type: 'Changed' }], 2],
          ...(uniqueEventIdsAcrossStreams ? [['case-2', [event(), existing[1]], 1] as [string, NewEvent[], number]] : []),
          ['case-1', events(5), 1],
          ['case-3', events(5), 4],
        ];
        for (const [streamId, batch, expectedVersion] of failing) {
          await expect(store.append(streamId, batch, opts(expectedVersion))).rejects.toThrow();
          await expectUnchanged(3, { 'case-1': 2, 'case-2': 1, 'case-3': 0 });
          for (const e of batch) expect((await store.readAll(0, 100)).filter((s) => s.eventId === e.eventId).length).toBeLessThanOrEqual(1);
        }
        // Nothing half-written blocks the stream: the next append continues gaplessly.
        const next = await store.append('case-1', events(1), opts(2));
        expect(next).toMatchObject({ version: 3, position: await pos(4) });
      });
    });

    describe('appendMany (the bulk capability, or one append per stream where an adapter lacks it)', () => {
      const bulk = (streamId: string, batch: NewEvent[], expectedVersion: number) => ({
        streamId,
        events: batch,
        options: opts(expectedVersion),
      });

      it('stores each append whole, in the order given, a later one seeing the earlier ones', async () => {
        await store.append('case-1', events(2), opts(0));
        const [a, b, c, d] = [events(2), events(3), events(1), events(2)];
        const outcomes = await appendMany(store, [bulk('case-2', a, 0), bulk('case-1', b, 2), bulk('case-3', c, 0), bulk('case-3', d, 1)]);
        const logPositions = await positions(4, 7, 8, 10);
        expect(outcomes).toEqual([
          { ok: true, result: { streamId: 'case-2', version: 2, position: logPositions[0], replayed: false } },
          { ok: true, result: { streamId: 'case-1', version: 5, position: logPositions[1], replayed: false } },
          { ok: true, result: { streamId: 'case-3', version: 1, position: logPositions[2], replayed: false } },
          { ok: true, result: { streamId: 'case-3', version: 3, position: logPositions[3], replayed: false } },
        ]);
        expect((await store.readStream('case-3')).map((e) => [e.eventId, e.version, e.data])).toEqual(
          [...c, ...d].map((e, i) => [e.eventId, i + 1, e.data]),
        );
        expect((await store.readStream('case-1')).slice(2).map((e) => e.eventId)).toEqual(b.map((e) => e.eventId));
        expectLogOrder(await store.readAll(0, 100));
        expect(await appendMany(store, [])).toEqual([]);
      });

      it('checks every append as append does: a replay writes nothing, a conflict fails alone, the others are stored', async () => {
        const stored = events(2);
        const first = await store.append('case-1', stored, opts(0));
        const taken = events(1);
        await store.append('case-2', taken, opts(0));
        const fresh = [events(2), events(1)];
        const outcomes = await appendMany(store, [
          bulk('case-1', stored, 0),
          bulk('case-4', fresh[0], 0),
          bulk('case-1', events(1), 0),
          bulk('case-2', [event(), taken[0]], 1),
          bulk('case-6', events(2), 3),
          bulk('case-1', [event(), { ...stored[1], type: 'Changed' }], 2),
          bulk('case-7', [], 0),
          bulk('case-8', fresh[1], 0),
        ]);
        expect(outcomes[0]).toEqual({ ok: true, result: { streamId: 'case-1', version: 2, position: first.position, replayed: true } });
        expect(outcomes[1]).toMatchObject({ ok: true, result: { streamId: 'case-4', version: 2, replayed: false } });
        expect(outcomes[2]).toMatchObject({ ok: false, error: { name: 'VersionConflictError', expectedVersion: 0, actualVersion: 2 } });
        expect(outcomes[3]).toMatchObject({ ok: false, error: { name: 'EventIdConflictError' } });
        expect(outcomes[4]).toMatchObject({ ok: false, error: { name: 'VersionConflictError', expectedVersion: 3, actualVersion: 0 } });
        expect(outcomes[5]).toMatchObject({ ok: false, error: { name: 'EventIdConflictError' } });
        expect(outcomes[6]).toMatchObject({ ok: false, error: expect.any(Error) });
        expect(outcomes[7]).toMatchObject({
          ok: true,
          result: { streamId: 'case-8', version: 1, position: await pos(6), replayed: false },
        });
        expect((outcomes[2] as { error: unknown }).error).toBeInstanceOf(VersionConflictError);
        expect((outcomes[3] as { error: unknown }).error).toBeInstanceOf(EventIdConflictError);
        // Nothing of the failed ones is left behind, and the log continues gaplessly.
        await expectUnchanged(6, { 'case-1': 2, 'case-2': 1, 'case-4': 2, 'case-5': 0, 'case-6': 0, 'case-7': 0, 'case-8': 1 });
        expect((await store.readStream('case-4')).map((e) => e.eventId)).toEqual(fresh[0].map((e) => e.eventId));
        expectLogOrder(await store.readAll(0, 100));
        const next = await store.append('case-5', events(1), opts(0));
        expect(next).toMatchObject({ version: 1, position: await pos(7) });
      });
    });

    describe('reading', () => {
      it('keeps one gapless global order across streams and pages readAll by limit', async () => {
        const streams = ['case-a', 'case-b', 'case-c'];
        const expectedIds: string[] = [];
        for (let round = 0; round < 4; round += 1) {
          for (const [i, streamId] of streams.entries()) {
            const batch = events(1 + ((round + i) % 3));
            await store.append(streamId, batch, opts(await store.streamVersion(streamId)));
            expectedIds.push(...batch.map((e) => e.eventId));
          }
        }
        const all = await store.readAll(0, 1_000);
        expect(all.map((e) => e.eventId)).toEqual(expectedIds);
        expectLogOrder(all);
        expect(await store.headPosition()).toBe(await pos(expectedIds.length));

        const paged: StoredEvent[] = [];
        for (let page = await store.readAll(0, 5); page.length > 0; page = await store.readAll(paged[paged.length - 1].position, 5)) {
          expect(page.length).toBeLessThanOrEqual(5);
          paged.push(...page);
        }
        expect(paged).toEqual(all);
        expect(await store.readAll(await pos(10), 3)).toEqual(all.slice(10, 13));
        expect(await store.readAll(await pos(expectedIds.length), 10)).toEqual([]);
        expect(await store.readAll(0, 0)).toEqual([]);

        for (const streamId of streams) {
          const stream = await store.readStream(streamId);
          expect(stream.map((e) => e.version)).toEqual(stream.map((_, i) => i + 1));
          expect(stream).toEqual(all.filter((e) => e.streamId === streamId));
        }
      });

      it('reads a stream between fromVersion and toVersion inclusive', async () => {
        await store.append('case-1', events(5), opts(0));
        const versions = async (from?: number, to?: number) =>
          (await store.readStream('case-1', { fromVersion: from, toVersion: to })).map((e) => e.version);
        expect(await versions()).toEqual([1, 2, 3, 4, 5]);
        expect(await versions(2, 4)).toEqual([2, 3, 4]);
        expect(await versions(4)).toEqual([4, 5]);
        expect(await versions(undefined, 2)).toEqual([1, 2]);
        expect(await versions(3, 3)).toEqual([3]);
        expect(await versions(6)).toEqual([]);
        expect(await versions(4, 2)).toEqual([]);
        expect(await store.readStream('no-such-stream')).toEqual([]);
      });

      it('reports streamVersion and headPosition, 0 when empty', async () => {
        expect(await store.headPosition()).toBe(0);
        expect(await store.streamVersion('case-1')).toBe(0);
        await store.append('case-1', events(3), opts(0));
        await store.append('case-2', events(2), opts(0));
        expect(await store.streamVersion('case-1')).toBe(3);
        expect(await store.streamVersion('case-2')).toBe(2);
        expect(await store.streamVersion('case-3')).toBe(0);
        expect(await store.headPosition()).toBe(await pos(5));
      });

      it('counts the events after a position, at most limit: lag in events, whatever the positions are', async () => {
        expect(await store.countAfter(0, 10)).toBe(0);
        await store.append('case-1', events(3), opts(0));
        await store.append('case-2', events(4), opts(0));
        expect(await store.countAfter(0, 100)).toBe(7);
        expect(await store.countAfter(await pos(2), 100)).toBe(5);
        expect(await store.countAfter(await pos(2), 3)).toBe(3);
        expect(await store.countAfter(await pos(7), 100)).toBe(0);
        expect(await store.countAfter(await pos(6), 0)).toBe(0);
      });
    });

    describe("readToHeadTransformed (a replay's read: ahead, on another thread where an adapter can, each batch turned where it is read)", () => {
      async function summaries(after: number, batchSize: number): Promise<BatchSummary[]> {
        const out: BatchSummary[] = [];
        for await (const batch of readToHeadTransformed<BatchSummary>(store, after, batchSize, SUMMARIZE)) {
          expect(batch.count).toBe(batch.value.eventIds.length);
          expect(batch.lastPosition).toBe(batch.value.positions[batch.value.positions.length - 1]);
          out.push(batch.value);
        }
        return out;
      }

      it('gives the transform the log after a position up to the head, as readAll has it, in batches of at most batchSize, in order, one factory call per read', async () => {
        expect(await summaries(0, 5)).toEqual([]);
        for (const [i, streamId] of ['case-a', 'case-b', 'case-c', 'case-a'].entries())
          await store.append(streamId, events(4 + i), opts(await store.streamVersion(streamId)));
        const all = await store.readAll(0, 1_000);
        expect(all).toHaveLength(22);

        const read = await summaries(0, 5);
        expect(read.map((s) => s.batch)).toEqual([1, 2, 3, 4, 5]);
        expect(read.map((s) => s.eventIds)).toEqual([0, 5, 10, 15, 20].map((from) => all.slice(from, from + 5).map((e) => e.eventId)));
        expect((await summaries(0, 22)).map((s) => s.eventIds.length)).toEqual([22]);
        expect(read.flatMap((s) => s.payloads)).toEqual(all.map(eventJson));
        expect(read.flatMap((s) => [...s.positions])).toEqual(all.map((e) => e.position));
        // case-a, case-b, case-c, then case-a again: numbered across batches by the read's one transform
        const firstOf = new Map(all.map((e, i) => [e.streamId, read.flatMap((s) => [...s.streams])[i]]));
        expect([...firstOf]).toEqual([
          ['case-a', 0],
          ['case-b', 1],
          ['case-c', 2],
        ]);
        const resumed = await summaries(await pos(9), 4);
        expect(resumed.map((s) => s.batch)).toEqual([1, 2, 3, 4]);
        expect(resumed.flatMap((s) => s.eventIds)).toEqual(all.slice(9).map((e) => e.eventId));
        expect(await summaries(await pos(22), 5)).toEqual([]);
      });

      it('stops when the caller stops, and the store goes on', async () => {
        await store.append('case-1', events(12), opts(0));
        let first: BatchSummary | undefined;
        for await (const batch of readToHeadTransformed<BatchSummary>(store, 0, 3, SUMMARIZE)) {
          first = batch.value;
          break;
        }
        expect(first?.eventIds).toEqual((await store.readAll(0, 3)).map((e) => e.eventId));
        await store.append('case-1', events(1), opts(12));
        expect((await summaries(await pos(12), 3)).flatMap((s) => s.eventIds)).toHaveLength(1);
      });

      it('fails the read, naming the cause, when the transform throws or is not exported', async () => {
        await store.append('case-1', events(12), opts(0));
        const drain = async (transform: typeof SUMMARIZE) => {
          for await (const batch of readToHeadTransformed(store, 0, 2, transform)) void batch;
        };
        await expect(drain(FAILING)).rejects.toThrow(/the transform gave up on batch 2/);
        await expect(drain(MISSING)).rejects.toThrow(/exports no batch transform named noSuchTransform/);
        expect(await store.readAll(0, 100)).toHaveLength(12);
      });
    });

    describe('follow', () => {
      it('delivers stored events, then new ones, and ends when the signal aborts', async () => {
        await store.append('case-1', events(3), opts(0));
        const controller = new AbortController();
        const iterator = store.follow(await pos(1), { signal: controller.signal, batchSize: 2 })[Symbol.asyncIterator]();

        const caughtUp = await take(iterator, 2);
        expect(caughtUp.map((e) => e.position)).toEqual(await positions(2, 3));

        const pending = take(iterator, 4); // waits for events that do not exist yet
        await store.append('case-2', events(1), opts(0));
        await store.append('case-1', events(3), opts(3));
        const live = await pending;
        expect(live.map((e) => e.position)).toEqual(await positions(4, 5, 6, 7));

        const waiting = iterator.next();
        controller.abort();
        expect(await waiting).toEqual({ done: true, value: undefined });
        expect(await iterator.next()).toEqual({ done: true, value: undefined });
      });

      it('respects batchSize and ends at once for an already aborted signal', async () => {
        await store.append('case-1', events(5), opts(0));
        const controller = new AbortController();
        const iterator = store.follow(0, { signal: controller.signal, batchSize: 2 })[Symbol.asyncIterator]();
        const sizes: number[] = [];
        for (let seen = 0; seen < 5;) {
          const next = await iterator.next();
          if (next.done) throw new Error('ended early');
          sizes.push(next.value.length);
          seen += next.value.length;
        }
        expect(sizes).toEqual([2, 2, 1]);
        controller.abort();
        expect((await iterator.next()).done).toBe(true);

        const batches: StoredEvent[][] = [];
        for await (const batch of store.follow(0, { signal: controller.signal })) batches.push(batch);
        expect(batches).toEqual([]);
      });

      it('stops cleanly when the consumer breaks out of for-await', async () => {
        await store.append('case-1', events(2), opts(0));
        const seen: number[] = [];
        for await (const batch of store.follow(0)) {
          seen.push(...batch.map((e) => e.position));
          if (seen.length >= 2) break;
        }
        expect(seen).toEqual(await positions(1, 2));
      });

      it('wakes every follower of the store', async () => {
        const controller = new AbortController();
        const followers = [0, 1, 2].map(() => store.follow(0, { signal: controller.signal })[Symbol.asyncIterator]());
        const pending = followers.map((iterator) => take(iterator, 2));
        await store.append('case-1', events(2), opts(0));
        const expected = await positions(1, 2);
        for (const received of await Promise.all(pending)) expect(received.map((e) => e.position)).toEqual(expected);
        controller.abort();
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of many appends with the same expectedVersion win', async () => {
        await store.append('case-1', events(1), opts(0));
        const attempts = Array.from({ length: 10 }, () => store.append('case-1', events(2), opts(1)));
        const outcomes = await Promise.allSettled(attempts);
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(9);
        for (const loser of losers) expect(loser).toMatchObject({ name: 'VersionConflictError', expectedVersion: 1, actualVersion: 3 });
        expect(losers[0]).toBeInstanceOf(VersionConflictError);
        await expectUnchanged(3, { 'case-1': 3 });
      });

      it(`keeps positions ${gaplessPositions ? 'gapless' : 'strictly increasing'} under concurrent appends to different streams`, async () => {
        await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(`case-${i}`, events(1 + (i % 4)), opts(0))));
        const all = await store.readAll(0, 1_000);
        expectLogOrder(all);
      });
    });
  });
}
