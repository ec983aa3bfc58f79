import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore, type NewEvent, type StoredEvent } from '@fristvakt/event-store';
import { startEventStoreDbEmulator, type EventStoreDbEmulator } from './emulator/emulator';
import { waitUntil } from './wait-until';

const newEvent = (n: number): NewEvent => ({ eventId: randomUUID(), type: 'DeadlineSet', data: { n }, metadata: { schemaVersion: 1 } });

describe('EventStoreDB follow: reconnect after a dropped subscription', () => {
  let emulator: EventStoreDbEmulator;
  let store: EventStoreDbEventStore;
  const drops: unknown[] = [];

  beforeEach(async () => {
    drops.length = 0;
    emulator = await startEventStoreDbEmulator({ systemEventEvery: 1 });
    store = new EventStoreDbEventStore({
      connectionString: emulator.connectionString,
      reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
      onSubscriptionDropped: (error) => drops.push(error),
    });
  });
  afterEach(async () => {
    await store.close();
    await emulator.close();
  });

  async function appendRound(round: number): Promise<void> {
    for (const streamId of ['case-a', 'case-b', 'case-c']) {
      await store.append(streamId, [newEvent(round), newEvent(round)], {
        expectedVersion: await store.streamVersion(streamId),
        recordedBy: 'user:test',
      });
    }
  }

  it('resubscribes from the last delivered position: nothing lost, nothing twice, in log order', async () => {
    for (let round = 0; round < 5; round += 1) await appendRound(round);
    const controller = new AbortController();
    const received: StoredEvent[] = [];
    const consuming = (async () => {
      for await (const batch of store.follow(0, { signal: controller.signal, batchSize: 4 })) received.push(...batch);
    })();

    await waitUntil(() => received.length === 30, 'the stored events arrived');
    expect(emulator.dropSubscriptions()).toBe(1);
    for (let round = 5; round < 8; round += 1) await appendRound(round); // written while the follower reconnects
    await waitUntil(() => received.length >= 48 && emulator.subscriptionCount === 1, 'the follower resubscribed and caught up');
    expect(emulator.dropSubscriptions()).toBe(1);
    await appendRound(8);
    await waitUntil(() => received.length >= 54, 'live events after the second drop');
    await new Promise((resolve) => setTimeout(resolve, 50)); // room for duplicates to show up, if any

    const log = await store.readAll(0, 1_000);
    expect(log).toHaveLength(54);
    expect(received.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
    expect(received).toEqual(log);
    expect(drops.length).toBeGreaterThanOrEqual(2);
    // Every resubscription started exactly where the previous subscription had got to.
    const starts = emulator.subscriptionStarts;
    expect(starts[0]).toBe('start');
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts[1] as bigint).toBeGreaterThanOrEqual(BigInt(log[29].position));
    expect(starts[1] as bigint).toBeLessThan(BigInt(log[30].position));

    controller.abort();
    await consuming;
    await waitUntil(() => emulator.subscriptionCount === 0, 'the server saw the unsubscribe');
  });

  it('resumes from the last checkpoint, not the last case event, after a long run of other events', async () => {
    await appendRound(0);
    const controller = new AbortController();
    const received: StoredEvent[] = [];
    const consuming = (async () => {
      for await (const batch of store.follow(0, { signal: controller.signal })) received.push(...batch);
    })();
    await waitUntil(() => received.length === 6, 'the case events arrived');
    // 100 foreign events: the filter skips them, but checkpoints (every 32 considered) report the progress.
    let lastForeign = 0n;
    for (let i = 0; i < 100; i += 1) lastForeign = emulator.log.writeSystemEvent().position;
    await new Promise((resolve) => setTimeout(resolve, 50));
    emulator.dropSubscriptions();
    await waitUntil(() => emulator.subscriptionStarts.length === 2 && emulator.subscriptionCount === 1, 'the follower resubscribed');

    const resumedFrom = emulator.subscriptionStarts[1];
    expect(typeof resumedFrom).toBe('bigint');
    expect(resumedFrom as bigint).toBeGreaterThan(BigInt(received[received.length - 1].position));
    expect(resumedFrom as bigint).toBeLessThanOrEqual(lastForeign);

    await appendRound(1);
    await waitUntil(() => received.length === 12, 'events after the resubscription');
    expect(received).toEqual(await store.readAll(0, 100));
    controller.abort();
    await consuming;
  });

  it('keeps retrying with backoff while the server refuses, and stops when the store closes', async () => {
    await appendRound(0);
    const received: StoredEvent[] = [];
    const consuming = (async () => {
      for await (const batch of store.follow(0)) received.push(...batch);
    })();
    await waitUntil(() => received.length === 6, 'the case events arrived');
    emulator.dropSubscriptions();
    await waitUntil(() => emulator.subscriptionCount === 1, 'resubscribed');
    await store.close();
    await consuming; // ends without throwing once the store is closed
    expect(drops.length).toBeGreaterThanOrEqual(1);
  });
});
