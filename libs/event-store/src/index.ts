export * from './event-store.port';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory/in-memory-event-store';
export {
  SqliteEventStore,
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_POLL_INTERVAL_MS,
  parseSqliteWriter,
  SQLITE_STORE_FILE,
  SQLITE_WRITERS,
  type SqliteEventStoreOptions,
  type SqliteWriter,
} from './sqlite/sqlite-event-store';
export { EventStoreDbEventStore, CASE_STREAM_PREFIX, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export {
  openEventStore,
  type EventStoreConfig,
  type EventStoreDbConfig,
  type MemoryEventStoreConfig,
  type SqliteEventStoreConfig,
} from './open-event-store';
export { canonicalJson } from './shared/canonical-json';
export { ensurePrivateDirectory, ensurePrivateFile, restrictNewFilesToOwner } from './shared/private-files';
export * from './hash-chain';
export {
  backupSqliteStore,
  restoreSqliteStore,
  verifySqliteStoreFile,
  RestoreRefusedError,
  StoreFileVerificationError,
  type BackupOptions,
  type HashChainVerifier,
  type RestoreOptions,
  type RestoreReport,
  type StoreFileReport,
} from './sqlite/backup';
