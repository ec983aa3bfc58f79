import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { ChainRecord } from './chain-verifier';
import { canonicalize } from './canonical';
import { eventHash, GENESIS_HASH } from './event-hash';
import { PinnedCheck, type ChainReport, type VerifyChainOptions } from './verify-chain';

const PAGE_SIZE = 10_000;

type RawRow = [number, string, number, string, string, string, string, string, string, string | null, string | null];

const SELECT_PAGE = `SELECT position, stream_id, version, event_id, type, data, metadata, recorded_at, recorded_by, hash, prev_hash
  FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`;

function toRecord(row: RawRow): ChainRecord {
  return {
    position: row[0],
    streamId: row[1],
    version: row[2],
    eventId: row[3],
    type: row[4],
    data: row[5],
    metadata: row[6],
    recordedAt: row[7],
    recordedBy: row[8],
    hash: row[9],
    prevHash: row[10],
  };
}

export interface SqliteChainOptions extends VerifyChainOptions {
  /** verify up to this position (default: the head when verification starts, so live appends cannot prolong it) */
  upTo?: number;
}

/**
 * Verifies the `events` table of an open SQLite store, reading raw rows page by page (constant
 * memory) and yielding to the event loop between pages, so a server stays responsive. Pages see
 * whatever is committed when they are read; appends never change committed rows, so that is sound.
 */
export async function verifySqliteChain(db: Database.Database, options: SqliteChainOptions = {}): Promise<ChainReport> {
  const head = options.upTo ?? (db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number);
  const page = db.prepare<[number, number, number], RawRow>(SELECT_PAGE).raw(true);
  const check = new PinnedCheck(options);
  let after = 0;
  for (;;) {
    const rows = page.all(after, head, PAGE_SIZE);
    for (const row of rows) {
      check.push(toRecord(row));
      if (check.done) return check.finish();
    }
    if (rows.length < PAGE_SIZE) break;
    after = rows[rows.length - 1][0];
    await yieldToEventLoop();
  }
  return check.finish();
}

/** Opens a store file read-only (WAL: never blocks the writer) and verifies it. */
export async function verifySqliteChainFile(file: string, options: SqliteChainOptions = {}): Promise<ChainReport> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return await verifySqliteChain(db, options);
  } finally {
    db.close();
  }
}

/**
 * The verifier backup/restore call (`HashChainVerifier`): throws naming the first broken link.
 * A table without the chain columns has nothing to verify.
 */
export async function verifyHashChain(db: Database.Database): Promise<void> {
  const result = await verifySqliteChain(db);
  if (!result.ok) throw new Error(`${result.reason} at position ${result.brokenAt}: ${result.detail}`);
}

/**
 * Chains rows that have no hash yet, in position order, continuing from the last hashed row: the
 * migration that introduces the chain hashes a whole existing log with it. Payload text written
 * before the chain may not be canonical, so it is canonicalised for hashing (and left as stored).
 */
export function chainUnhashedRows(db: Database.Database): number {
  const previous = db.prepare<[], { hash: string }>('SELECT hash FROM events WHERE hash IS NOT NULL ORDER BY position DESC LIMIT 1').get();
  let prevHash = previous?.hash ?? GENESIS_HASH;
  const page = db
    .prepare<[number, number], RawRow>(
      `SELECT position, stream_id, version, event_id, type, data, metadata, recorded_at, recorded_by, hash, prev_hash
     FROM events WHERE position > ? AND hash IS NULL ORDER BY position LIMIT ?`,
    )
    .raw(true);
  const update = db.prepare<[string, string, number]>('UPDATE events SET hash = ?, prev_hash = ? WHERE position = ?');
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = page.all(after, PAGE_SIZE);
    for (const row of rows) {
      const record = toRecord(row);
      const hash = eventHash({ ...record, data: canonicalize(JSON.parse(row[5])), metadata: canonicalize(JSON.parse(row[6])) }, prevHash);
      update.run(hash, prevHash, record.position);
      prevHash = hash;
      count += 1;
    }
    if (rows.length < PAGE_SIZE) return count;
    after = rows[rows.length - 1][0];
  }
}
