import Database from 'better-sqlite3';
import { ensurePrivateFile } from '../shared/private-files';

/**
 * Opens a connection to the store file with the settings every connection of the store needs. The
 * synchronous level is per connection, so the writing connection, wherever it runs, gets FULL here.
 */
export function openConnection(path: string, busyTimeoutMs: number): Database.Database {
  ensurePrivateFile(path);
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    // Before anything that may need a lock, so concurrent openers wait instead of failing.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (path !== ':memory:' && mode !== 'wal') throw new Error(`could not switch ${path} to WAL (journal_mode is ${String(mode)})`);
    // An acknowledged append is a promise to a caseworker that a legal deadline was recorded. In WAL,
    // NORMAL already survives a process crash (kill -9: the WAL frames are in the OS page cache), but a
    // power cut or kernel panic can drop the last commits. FULL fsyncs the WAL on every commit, so an
    // acknowledged append is on the disk itself. scripts/bench/append.ts measures the cost.
    db.pragma('synchronous = FULL');
    // Each append runs in a savepoint, whose sub-journal (the pages it changed, for a rollback to it)
    // spills to a temporary file past 64 KiB: an append of 50 events crossed that every time. Kept in
    // memory, it is bounded by a group's size; it is never needed after a crash (the WAL is).
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
