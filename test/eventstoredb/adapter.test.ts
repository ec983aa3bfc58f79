import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EventIdConflictError, EventStoreDbEventStore, VersionConflictError, openEventStore, type NewEvent } from '@fristvakt/event-store';
import { startEventStoreDbEmulator, type EventStoreDbEmulator } from './emulator/emulator';

const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: randomUUID(),
  type: 'ConcernReceived',
  data: { caseRef: 'BV-1' },
  metadata: { schemaVersion: 1, occurredAt: '2024-03-01T10:00:00.000+01:00' },
  ...overrides,
});
const opts = (expectedVersion: number) => ({ expectedVersion, recordedBy: 'user:adapter-test' });

describe.each([
  ['BatchAppend', true],
  ['Append (server without BatchAppend)', false],
])('EventStoreDB adapter via %s', (_label, advertiseBatchAppend) => {
  let emulator: EventStoreDbEmulator;
  let store: EventStoreDbEventStore;
  let raw: EventStoreDBClient;

  beforeEach(async () => {
    emulator = await startEventStoreDbEmulator({ advertiseBatchAppend });
    store = (await openEventStore({
      kind: 'eventstoredb',
      connectionString: emulator.connectionString,
      clock: () => new Date('2025-01-02T03:04:05.678Z'),
    })) as EventStoreDbEventStore;
    raw = EventStoreDBClient.connectionString(emulator.connectionString);
  });
  afterEach(async () => {
    await store.close();
    await raw.dispose();
    await emulator.close();
  });

  it('writes one ESDB stream per case with the caller id and a { store, caller } metadata envelope', async () => {
    const event = newEvent({ eventId: randomUUID().toUpperCase() });
    const result = await store.append('case-42', [event], opts(0));
    expect(result.events[0].eventId).toBe(event.eventId.toLowerCase());

    const [read] = await collect(raw.readStream('case-42'));
    expect(read.event).toMatchObject({
      streamId: 'case-42',
      id: event.eventId.toLowerCase(),
      revision: 0n,
      type: 'ConcernReceived',
      data: event.data,
    });
    expect(read.event?.metadata).toEqual({
      store: {
        recordedAt: '2025-01-02T03:04:05.678Z',
        recordedBy: 'user:adapter-test',
        schemaVersion: 1,
        batchId: expect.any(String),
        hash: null,
      },
      caller: event.metadata,
    });
    expect(result.position).toBe(Number(read.event?.position?.commit));
  });

  it('maps wrong expected versions to VersionConflictError with our 1-based versions', async () => {
    await store.append('case-1', [newEvent(), newEvent()], opts(0));
    await expect(store.append('case-1', [newEvent()], opts(1))).rejects.toMatchObject({
      name: 'VersionConflictError',
      expectedVersion: 1,
      actualVersion: 2,
    });
    await expect(store.append('case-9', [newEvent()], opts(3))).rejects.toBeInstanceOf(VersionConflictError);
    await expect(store.append('case-9', [newEvent()], opts(3))).rejects.toMatchObject({ actualVersion: 0 });
  });

  it('replays a retry that EventStoreDB itself acknowledges idempotently, and tells a concurrent twin apart', async () => {
    const batch = [newEvent(), newEvent()];
    // Two identical attempts at once: one writes, the other is ESDB's idempotent acknowledgement (or a replay).
    const [a, b] = await Promise.all([store.append('case-1', batch, opts(0)), store.append('case-1', batch, opts(0))]);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect({ ...a, replayed: true }).toEqual({ ...b, replayed: true });
    expect(await store.streamVersion('case-1')).toBe(2);
  });

  it('refuses ids it cannot store, and lower-cases the rest like EventStoreDB does', async () => {
    await expect(store.append('case-1', [newEvent({ eventId: 'not-a-uuid' })], opts(0))).rejects.toBeInstanceOf(EventIdConflictError);
    const id = randomUUID();
    await expect(
      store.append('case-1', [newEvent({ eventId: id }), newEvent({ eventId: id.toUpperCase() })], opts(0)),
    ).rejects.toBeInstanceOf(EventIdConflictError);
  });

  it('skips other streams and $ system events in $all; positions are the commit positions', async () => {
    await raw.appendToStream('billing-1', jsonEvent({ type: 'InvoiceSent', data: {} }));
    await store.append('case-1', [newEvent()], opts(0));
    await raw.appendToStream('case-2', jsonEvent({ type: '$metadata-like', data: {}, metadata: {} }));
    const all = await store.readAll(0, 10);
    expect(all.map((e) => e.streamId)).toEqual(['case-1']);
    expect(await store.headPosition()).toBe(all[0].position);
    const rawAll = await collect(raw.readAll());
    expect(rawAll.some((e) => e.event?.type.startsWith('$'))).toBe(true);
    expect(all[0].position).toBe(Number(rawAll.find((e) => e.event?.streamId === 'case-1')?.event?.position.commit));
  });
});

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
}
