import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { PinnedHead } from '../hash-chain/verify-chain';
import { ensurePrivateFile } from '../shared/private-files';
import { SCHEMA_VERSION } from './schema';

/*
 * Online backup and restore of the embedded store's SQLite file. Both produce their result under a
 * temporary name beside the destination, verify it, then rename it into place: a reader of the
 * destination sees the old file or the complete, verified new one, never a half-written one.
 */

/** Checks a hash chain over the events table; throws naming the first broken link. */
export type HashChainVerifier = (db: Database.Database) => void | Promise<void>;

export interface VerifyOptions {
  /**
   * Used when the schema has `hash` and `prev_hash` columns. Default: `verifyHashChain` exported by
   * `@fristvakt/event-store`, if it exports one.
   */
  verifyHashChain?: HashChainVerifier;
}

export interface StoreFileReport {
  file: string;
  schemaVersion: number;
  events: number;
  headPosition: number;
  streams: number;
  /** `unverified`: the schema has a hash chain but no verifier is available to check it */
  hashChain: 'verified' | 'absent' | 'unverified';
}

export class StoreFileVerificationError extends Error {
  override readonly name = 'StoreFileVerificationError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a sound event store: ${problems.join('; ')}`);
  }
}

export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

/**
 * Integrity check, gapless global positions, gapless versions in every stream, and the hash chain
 * where the schema has one. Opens the file read-only.
 */
export async function verifySqliteStoreFile(file: string, options: VerifyOptions = {}): Promise<StoreFileReport> {
  if (!existsSync(file)) throw new StoreFileVerificationError(file, ['file does not exist']);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return await verifyOpen(db, file, options);
  } finally {
    db.close();
  }
}

async function verifyOpen(db: Database.Database, file: string, options: VerifyOptions): Promise<StoreFileReport> {
  const problems: string[] = [];
  const fail = () => new StoreFileVerificationError(file, problems);

  let integrity: string[];
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: unknown }>;
    integrity = rows.map((row) => String(row.integrity_check));
  } catch (error) {
    throw new StoreFileVerificationError(file, [
      `not a readable SQLite database: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  if (integrity.length !== 1 || integrity[0] !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join(', ')}`);

  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION)
    problems.push(`schema version ${schemaVersion}; this code knows 1-${SCHEMA_VERSION}`);
  const hasEvents = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'`).get() !== undefined;
  if (!hasEvents) problems.push('no events table');
  if (problems.length > 0) throw fail();

  const totals = db
    .prepare('SELECT COUNT(*) AS n, COALESCE(MIN(position), 0) AS lo, COALESCE(MAX(position), 0) AS hi FROM events')
    .get() as {
    n: number;
    lo: number;
    hi: number;
  };
  if (totals.n !== totals.hi || (totals.n > 0 && totals.lo !== 1)) {
    problems.push(`positions are not gapless: ${totals.n} events span positions ${totals.lo}..${totals.hi}`);
  }
  // UNIQUE (stream_id, version) rules out duplicates, so 1..n with n rows is gapless.
  const brokenStreams = db
    .prepare(
      `SELECT stream_id AS streamId, COUNT(*) AS n, MIN(version) AS lo, MAX(version) AS hi FROM events
       GROUP BY stream_id HAVING lo != 1 OR hi != n LIMIT 5`,
    )
    .all() as Array<{ streamId: string; n: number; lo: number; hi: number }>;
  for (const s of brokenStreams) problems.push(`stream ${s.streamId} has ${s.n} events with versions ${s.lo}..${s.hi}`);
  const streams = (db.prepare('SELECT COUNT(DISTINCT stream_id) AS n FROM events').get() as { n: number }).n;

  const columns = new Set((db.pragma('table_info(events)') as Array<{ name: string }>).map((c) => c.name));
  let hashChain: StoreFileReport['hashChain'] = 'absent';
  if (columns.has('hash') && columns.has('prev_hash')) {
    const verifier = options.verifyHashChain ?? (await exportedHashChainVerifier());
    if (verifier) {
      try {
        await verifier(db);
        hashChain = 'verified';
      } catch (error) {
        problems.push(`hash chain: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else {
      hashChain = 'unverified';
    }
  }

  if (problems.length > 0) throw fail();
  return { file, schemaVersion, events: totals.n, headPosition: totals.hi, streams, hashChain };
}

/** The hash-chain issue adds `verifyHashChain` to the library's exports; until then there is none. */
async function exportedHashChainVerifier(): Promise<HashChainVerifier | undefined> {
  const library: Record<string, unknown> = await import('../index');
  const candidate = library.verifyHashChain;
  return typeof candidate === 'function' ? (candidate as HashChainVerifier) : undefined;
}

export interface BackupOptions extends VerifyOptions {
  /** replace an existing file at the destination */
  overwrite?: boolean;
}

/**
 * A consistent copy of a live store while writers continue: SQLite's online backup API on a
 * connection of its own, all pages in one step, so the copy is one read transaction's snapshot
 * (every commit before it, nothing of a commit after it). The copy is switched out of WAL, so the
 * backup is one self-contained file, verified before it gets its name.
 */
export async function backupSqliteStore(
  sourceFile: string,
  destinationFile: string,
  options: BackupOptions = {},
): Promise<StoreFileReport> {
  if (!existsSync(sourceFile)) throw new Error(`no event store at ${sourceFile}`);
  if (existsSync(destinationFile) && !options.overwrite)
    throw new Error(`${destinationFile} exists; choose another name or pass overwrite`);
  const partial = temporaryBeside(destinationFile, 'partial');
  ensurePrivateFile(partial);
  const source = new Database(sourceFile, { fileMustExist: true, timeout: 5_000 });
  try {
    // The first step only sizes the copy; the second copies every page under one read lock.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  } finally {
    source.close();
  }
  return settle(partial, destinationFile, options);
}

export interface RestoreOptions extends VerifyOptions {
  /** replace the file even if a running store has it open */
  force?: boolean;
  /**
   * A head pinned earlier (`GET /v1/audit/verify`): the backup's chain must hold this hash at this
   * position. The only check that catches a backup tampered with and re-hashed throughout when
   * there is no store left to compare it with.
   */
  expectHead?: PinnedHead;
  /** restore a backup that ends before the store it replaces; the events after its head are lost */
  acceptTruncation?: boolean;
}

export interface RestoreReport extends StoreFileReport {
  /** where the replaced store file was kept (a hard link), if there was one */
  previousFile: string | null;
  /** the replaced store's head, when the backup ends before it (only with `acceptTruncation`) */
  truncated: { storeHeadPosition: number; lostEvents: number } | null;
}

/**
 * Replaces the store file with a backup: copy beside it, verify, rename over it. Refuses when a
 * store has the file open (the running server would go on writing to the replaced file) unless
 * `force`. The replaced file is kept as `<file>.before-restore-<time>`.
 */
export async function restoreSqliteStore(backupFile: string, storeFile: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  if (!existsSync(backupFile)) throw new Error(`no backup at ${backupFile}`);
  if (existsSync(storeFile) && !options.force && isOpenElsewhere(storeFile)) {
    throw new RestoreRefusedError(`${storeFile} is open in a running store; stop the server first (or pass --force)`);
  }
  const incoming = temporaryBeside(storeFile, 'restore');
  try {
    copyFileSync(backupFile, incoming);
    // A copy takes the backup's mode; the store is for the service's user only.
    chmodSync(incoming, 0o600);
    toSingleFile(incoming);
  } catch (error) {
    removeDatabaseFiles(incoming);
    throw error;
  }
  let previousFile: string | null = null;
  let truncated: RestoreReport['truncated'] = null;
  const report = await settle(incoming, storeFile, { ...options, overwrite: true }, (backup) => {
    truncated = refuseUnlessSafeToReplace(incoming, backup, storeFile, options);
    if (existsSync(storeFile)) {
      previousFile = `${storeFile}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      linkSync(storeFile, previousFile);
    }
    // A WAL left beside the new file would be replayed onto it: it belongs to the replaced one.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(storeFile + suffix, { force: true });
  });
  return { ...report, previousFile, truncated };
}

/** Verify the temporary file, make it durable, rename it into place, make the rename durable. */
async function settle(
  temporary: string,
  destination: string,
  options: BackupOptions,
  beforeRename?: (report: StoreFileReport) => void,
): Promise<StoreFileReport> {
  try {
    toSingleFile(temporary);
    const report = await verifySqliteStoreFile(temporary, options);
    fsyncPath(temporary);
    if (existsSync(destination) && !options.overwrite) throw new Error(`${destination} appeared meanwhile; not replacing it`);
    beforeRename?.(report);
    renameSync(temporary, destination);
    fsyncPath(dirname(destination));
    return { ...report, file: destination };
  } catch (error) {
    removeDatabaseFiles(temporary);
    throw error;
  }
}

/** Out of WAL: the file alone is the whole database, which is what a backup must be. */
function toSingleFile(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * True when another connection has the file open. Every WAL connection holds a shared lock on the
 * database file for as long as it is open, so an exclusive lock is only granted when none does.
 */
function isOpenElsewhere(file: string): boolean {
  const probe = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    probe.close();
  }
}

function temporaryBeside(file: string, purpose: string): string {
  return join(dirname(file), `.${basename(file)}.${purpose}-${process.pid}-${Date.now()}`);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What restore compares between a backup and the store it replaces. */
interface ChainHead {
  schemaVersion: number;
  chained: boolean;
  headPosition: number;
  hashAt(position: number): string | null;
}

/**
 * A verified backup is internally sound, but it may still be a worse log than the one it replaces:
 * an older schema without the hash chain (the next start would re-chain whatever it holds), a
 * shorter log, or a log re-hashed from a tampered event on. Refuses those; reports an accepted
 * truncation. A replaced store that cannot be read is no evidence either way: then only
 * `expectHead` speaks.
 */
function refuseUnlessSafeToReplace(
  incoming: string,
  backup: StoreFileReport,
  storeFile: string,
  options: RestoreOptions,
): RestoreReport['truncated'] {
  return withChainHead(incoming, (restored) => {
    if (options.expectHead) {
      const { position, hash } = options.expectHead;
      if (!restored.chained) throw new RestoreRefusedError(`the backup has no hash chain to hold the pinned head ${hash}@${position}`);
      if (restored.hashAt(position) !== hash) throw new RestoreRefusedError(`the backup does not hold the pinned head ${hash}@${position}`);
    }
    if (!existsSync(storeFile)) return null;
    return withReadableStore(storeFile, (store) => {
      if (backup.schemaVersion < store.schemaVersion) {
        throw new RestoreRefusedError(
          `the backup's schema version ${backup.schemaVersion} is older than the store's ${store.schemaVersion}`,
        );
      }
      if (store.chained && !restored.chained)
        throw new RestoreRefusedError('the backup has no hash chain, the store it would replace has one');
      const common = Math.min(restored.headPosition, store.headPosition);
      if (store.chained && common > 0 && restored.hashAt(common) !== store.hashAt(common)) {
        throw new RestoreRefusedError(
          `the backup's chain differs from the store's at position ${common}: not a copy of this log (re-hashed, or another store)`,
        );
      }
      if (restored.headPosition >= store.headPosition) return null;
      const lostEvents = store.headPosition - restored.headPosition;
      if (!options.acceptTruncation) {
        throw new RestoreRefusedError(
          `the backup ends at position ${restored.headPosition}, the store at ${store.headPosition}: ${lostEvents} events would be lost (pass --accept-truncation if that is intended)`,
        );
      }
      return { storeHeadPosition: store.headPosition, lostEvents };
    });
  });
}

/** null when the file is no readable store (nothing to compare with). */
function withReadableStore<T>(file: string, use: (head: ChainHead) => T): T | null {
  try {
    return withChainHead(file, use);
  } catch (error) {
    if (error instanceof RestoreRefusedError) throw error;
    return null;
  }
}

function withChainHead<T>(file: string, use: (head: ChainHead) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const columns = new Set((db.pragma('table_info(events)') as Array<{ name: string }>).map((c) => c.name));
    const chained = columns.has('hash') && columns.has('prev_hash');
    const hashAt = chained ? db.prepare<[number], { hash: string | null }>('SELECT hash FROM events WHERE position = ?') : undefined;
    return use({
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      chained,
      headPosition: (db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as { head: number }).head,
      hashAt: (position) => hashAt?.get(position)?.hash ?? null,
    });
  } finally {
    db.close();
  }
}
