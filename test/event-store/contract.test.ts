import { join } from 'node:path';
import { InMemoryEventStore, SqliteEventStore, openEventStore } from '@fristvakt/event-store';
import { describeEventStoreContract } from './contract';
import { tempDir } from './temp-dir';

describeEventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, cleanup: () => store.close() };
});

describeEventStoreContract('sqlite :memory:', async () => {
  const store = new SqliteEventStore({ path: ':memory:' });
  return { store, cleanup: () => store.close() };
});

describeEventStoreContract('sqlite file (via openEventStore)', async () => {
  const temp = tempDir('contract');
  const store = await openEventStore({ kind: 'sqlite', path: join(temp.dir, 'events.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      temp.remove();
    },
  };
});

describeEventStoreContract('sqlite file, appends committed on the calling thread', async () => {
  const temp = tempDir('contract-inline');
  const store = new SqliteEventStore({ path: join(temp.dir, 'events.db'), writer: 'inline' });
  return {
    store,
    cleanup: async () => {
      await store.close();
      temp.remove();
    },
  };
});
