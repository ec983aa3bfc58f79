import type Database from 'better-sqlite3';
import { chainUnhashedRows } from '../hash-chain/sqlite-chain';

/**
 * Ordered migrations; index + 1 is the schema version recorded in PRAGMA user_version. Append only:
 * never edit a shipped migration, add the next one. SQL text, or a function for data migrations.
 */
const MIGRATIONS: ReadonlyArray<string | ((db: Database.Database) => void)> = [
  `CREATE TABLE events (
     position    INTEGER PRIMARY KEY,
     stream_id   TEXT    NOT NULL,
     version     INTEGER NOT NULL CHECK (version >= 1),
     event_id    TEXT    NOT NULL UNIQUE,
     type        TEXT    NOT NULL,
     data        TEXT    NOT NULL,
     metadata    TEXT    NOT NULL,
     recorded_at TEXT    NOT NULL,
     recorded_by TEXT    NOT NULL,
     UNIQUE (stream_id, version)
   ) STRICT`,
  // The audit hash chain: every event links to the previous one in the global log; an existing log
  // is chained as it stands, in the same transaction.
  (db) => {
    db.exec(`ALTER TABLE events ADD COLUMN hash TEXT; ALTER TABLE events ADD COLUMN prev_hash TEXT;`);
    chainUnhashedRows(db);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the file to the current schema. IMMEDIATE, so two processes opening a fresh file cannot both migrate. */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(`event store schema version ${current} is newer than this code knows (${SCHEMA_VERSION}); refusing to open`);
    }
    for (let version = current; version < SCHEMA_VERSION; version += 1) {
      const migration = MIGRATIONS[version];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
