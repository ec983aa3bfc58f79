import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';
import { SqliteEventStore, type SqliteWriter } from './sqlite/sqlite-event-store';

export interface MemoryEventStoreConfig {
  kind: 'memory';
  clock?: () => Date;
}

export interface SqliteEventStoreConfig {
  kind: 'sqlite';
  path: string;
  clock?: () => Date;
  pollIntervalMs?: number;
  /** where appends commit; see {@link SqliteWriter} */
  writer?: SqliteWriter;
}

export interface EventStoreDbConfig extends EventStoreDbEventStoreOptions {
  kind: 'eventstoredb';
}

/** Add a member per adapter and a case below. */
export type EventStoreConfig = MemoryEventStoreConfig | SqliteEventStoreConfig | EventStoreDbConfig;

/** Async so adapters that must connect first (EventStoreDB) fit the same signature. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'memory':
      return new InMemoryEventStore({ clock: config.clock });
    case 'sqlite':
      return new SqliteEventStore(config);
    case 'eventstoredb':
      return new EventStoreDbEventStore(config);
    default:
      return assertNever(config);
  }
}

function assertNever(config: never): never {
  throw new Error(`unknown event store kind: ${JSON.stringify((config as { kind?: unknown }).kind)}`);
}
