import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type Position,
} from '@eventstore/db-client';
import { startEventStoreDbEmulator, type EventStoreDbEmulator } from './emulator/emulator';
import { waitUntil } from './wait-until';

const ev = (id = randomUUID()) => jsonEvent({ id, type: 'Thing', data: { id } });

/** The emulator against EventStoreDB's documented semantics, through the real client. */
describe.each([true, false])('EventStoreDB emulator (BatchAppend advertised: %p)', (advertiseBatchAppend) => {
  let emulator: EventStoreDbEmulator;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    emulator = await startEventStoreDbEmulator({ advertiseBatchAppend, systemEventEvery: 0 });
    client = EventStoreDBClient.connectionString(emulator.connectionString);
  });
  afterEach(async () => {
    await client.dispose();
    await emulator.close();
  });

  it('uses 0-based revisions and sparse commit = prepare positions', async () => {
    const first = await client.appendToStream('s-1', [ev(), ev()], { expectedRevision: NO_STREAM });
    const second = await client.appendToStream('s-1', ev(), { expectedRevision: 1n });
    expect(first.nextExpectedRevision).toBe(1n);
    expect(second.nextExpectedRevision).toBe(2n);
    expect(second.position!.commit).toBe(second.position!.prepare);
    expect(second.position!.commit - first.position!.commit).toBeGreaterThan(1n);
  });

  it('treats the same ids at the expected slots as an idempotent success, a partial match as wrong version', async () => {
    const [a, b, c] = [ev(), ev(), ev()];
    const original = await client.appendToStream('s-1', [a, b], { expectedRevision: NO_STREAM });
    await client.appendToStream('s-1', c, { expectedRevision: 1n });
    expect(await client.appendToStream('s-1', [a, b], { expectedRevision: NO_STREAM })).toEqual(original);
    const error = await client.appendToStream('s-1', [a, ev()], { expectedRevision: NO_STREAM }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ actualVersion: 2n, expectedVersion: 'no_stream' });
    expect(emulator.log.stream('s-1')).toHaveLength(3);
  });

  it('reports wrong expected versions with the actual revision or no_stream', async () => {
    await expect(client.appendToStream('missing', ev(), { expectedRevision: 0n })).rejects.toMatchObject({
      actualVersion: 'no_stream',
      expectedVersion: 0n,
    });
  });

  it('reads streams forwards and backwards and answers stream_not_found for a missing one', async () => {
    await client.appendToStream('s-1', [ev(), ev(), ev()], { expectedRevision: NO_STREAM });
    const backwards = [];
    for await (const e of client.readStream('s-1', { direction: BACKWARDS, fromRevision: END, maxCount: 2 }))
      backwards.push(e.event?.revision);
    expect(backwards).toEqual([2n, 1n]);
    const forwards = [];
    for await (const e of client.readStream('s-1', { fromRevision: 1n })) forwards.push(e.event?.revision);
    expect(forwards).toEqual([1n, 2n]);
    const reading = (async () => {
      for await (const e of client.readStream('nope')) void e;
    })();
    await expect(reading).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('filters $all subscriptions, checkpoints through filtered gaps and on catching up, then goes live', async () => {
    await client.appendToStream('case-1', ev(), { expectedRevision: NO_STREAM });
    for (let i = 0; i < 70; i += 1) emulator.log.writeSystemEvent();
    const checkpoints: Position[] = [];
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = client.subscribeToAll({
      filter: streamNameFilter({ prefixes: ['case-'], checkpointReached: (_s, position) => void checkpoints.push(position) }),
    });
    subscription.on('data', (e) => seen.push(e.event!.streamId));
    subscription.on('caughtUp', () => (caughtUp = true));
    await waitUntil(() => caughtUp, 'caught up');
    // 2 seeded + 1 + 70 considered: checkpoints after 32 and 64, and one on catching up
    expect(checkpoints).toHaveLength(3);
    expect(checkpoints[2].commit).toBe(emulator.log.all[emulator.log.all.length - 1].position);
    await client.appendToStream('case-2', ev(), { expectedRevision: NO_STREAM });
    await waitUntil(() => seen.length === 2, 'the live event');
    expect(seen).toEqual(['case-1', 'case-2']);
    await subscription.unsubscribe();
  });

  it('excludes system events with the client filter', async () => {
    await client.appendToStream('other', ev(), { expectedRevision: NO_STREAM });
    const types: string[] = [];
    let caughtUp = false;
    const subscription = client.subscribeToAll({ filter: excludeSystemEvents() });
    subscription.on('data', (e) => types.push(e.event!.type));
    subscription.on('caughtUp', () => (caughtUp = true));
    await waitUntil(() => caughtUp, 'caught up');
    expect(types).toEqual(['Thing']);
    await subscription.unsubscribe();
  });
});
