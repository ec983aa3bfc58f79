import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore } from '@fristvakt/event-store';
import { describeEventStoreContract, type ContractCapabilities } from '../event-store/contract';
import { startEventStoreDbEmulator } from './emulator/emulator';

/** Documented in libs/event-store/src/eventstoredb/README.md. */
const EVENTSTOREDB: ContractCapabilities = { gaplessPositions: false, uniqueEventIdsAcrossStreams: false };

describeEventStoreContract(
  'eventstoredb (gRPC emulator, BatchAppend)',
  async () => {
    // A fresh server per test: the suite expects an empty log.
    const emulator = await startEventStoreDbEmulator();
    const store = new EventStoreDbEventStore({ connectionString: emulator.connectionString });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await emulator.close();
      },
    };
  },
  EVENTSTOREDB,
);

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING?.trim();
if (connectionString) {
  describeEventStoreContract(
    `eventstoredb (real server at ${connectionString})`,
    async () => {
      // Every test gets its own stream-name prefix, so it sees an empty log on a shared server.
      const store = new EventStoreDbEventStore({ connectionString, streamNamePrefix: `contract${randomUUID().slice(0, 8)}-` });
      return { store, cleanup: () => store.close() };
    },
    EVENTSTOREDB,
  );
} else {
  const reason = 'EVENTSTORE_CONNECTION_STRING is not set, so there is no real EventStoreDB to run the contract suite against';
  console.info(`EventStore contract against a real EventStoreDB skipped: ${reason} (e.g. esdb://localhost:2113?tls=false).`);
  describe.skip(`EventStore contract: eventstoredb (real server) — skipped: ${reason}`, () => {
    it('runs the contract suite against a real server', () => undefined);
  });
}
