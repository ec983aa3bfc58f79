import { canVerifyChain, type EventStore, type NewEvent } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { verifyStoreChain } from './verify-store-chain';

const clock = () => new Date('2024-06-15T12:00:00Z');
const event = (n: number): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'Noted',
  data: { n },
  metadata: { schemaVersion: 1 },
});

async function appendThree(store: EventStore): Promise<void> {
  await store.append('s-1', [event(1), event(2)], { expectedVersion: 0, recordedBy: 'test' });
  await store.append('s-2', [event(3)], { expectedVersion: 0, recordedBy: 'test' });
}

describe('verifyStoreChain', () => {
  it('given the SQLite store, then it verifies through the adapter’s own capability', async () => {
    const store = new SqliteEventStore({ path: ':memory:', clock });
    try {
      await appendThree(store);
      expect(canVerifyChain(store)).toBe(true);
      const viaCapability = jest.spyOn(store, 'verifyChain');
      expect(await verifyStoreChain(store)).toMatchObject({ ok: true, count: 3, headPosition: 3 });
      expect(viaCapability).toHaveBeenCalledTimes(1);
    } finally {
      await store.close();
    }
  });

  it('given a store without the capability, then it verifies over the port’s events', async () => {
    const store = new InMemoryEventStore({ clock });
    await appendThree(store);
    expect(canVerifyChain(store)).toBe(false);
    expect(await verifyStoreChain(store)).toMatchObject({ ok: true, count: 3, headPosition: 3 });
  });
});
