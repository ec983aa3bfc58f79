import { join, resolve } from 'node:path';
import { parseSqliteWriter, SQLITE_STORE_FILE, type EventStoreConfig } from '@fristvakt/event-store';

type Env = Readonly<Record<string, string | undefined>>;

export interface WorkerStoreSettings {
  /** for openEventStore */
  store: EventStoreConfig;
  /** local state of the process (checkpoints) lives here, whatever the store */
  dataDir: string;
  /** what to log about the store: the file, or the EventStoreDB connection string */
  description: string;
}

/**
 * The store of a worker process (outbox relay, Kafka intake) from the settings case-api reads:
 * FRISTVAKT_STORE, FRISTVAKT_DATA_DIR, EVENTSTORE_CONNECTION_STRING, FRISTVAKT_SQLITE_WRITER, and
 * FRISTVAKT_STORE_PATH for a SQLite file elsewhere. A memory store is refused: a separate process would see an empty log.
 * Problems are pushed to `problems`, so a caller reports every bad setting at once.
 */
export function readWorkerStoreSettings(env: Env, problems: string[]): WorkerStoreSettings {
  const setting = (name: string) => env[name]?.trim() || undefined;
  const dataDir = resolve(setting('FRISTVAKT_DATA_DIR') ?? './data');
  const kind = setting('FRISTVAKT_STORE') ?? 'sqlite';
  if (kind === 'eventstoredb') {
    const connectionString = setting('EVENTSTORE_CONNECTION_STRING') ?? '';
    if (!/^esdb(\+discover)?:\/\/\S+$/.test(connectionString)) {
      problems.push(
        `EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string when FRISTVAKT_STORE is "eventstoredb", got ${JSON.stringify(connectionString)}`,
      );
    }
    return { store: { kind: 'eventstoredb', connectionString }, dataDir, description: connectionString };
  }
  if (kind !== 'sqlite')
    problems.push(`FRISTVAKT_STORE must be "sqlite" or "eventstoredb" for a worker process, got ${JSON.stringify(kind)}`);
  const path = resolve(setting('FRISTVAKT_STORE_PATH') ?? join(dataDir, SQLITE_STORE_FILE));
  const writer = parseSqliteWriter('FRISTVAKT_SQLITE_WRITER', setting('FRISTVAKT_SQLITE_WRITER') ?? 'thread', problems);
  return { store: { kind: 'sqlite', path, writer }, dataDir, description: path };
}
