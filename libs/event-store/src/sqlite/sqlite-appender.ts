import type Database from 'better-sqlite3';
import type { AppendResult } from '../event-store.port';
import { eventHash, GENESIS_HASH } from '../hash-chain/event-hash';
import { appendedResult, assertExpectedVersion, resolveReplay, type PreparedEvent } from '../shared/append-guard';
import { STORED_ROW_COLUMNS, toStoredEvent, type StoredRow } from '../shared/stored-row';

/** One append as the writing connection runs it: plain data, so it can cross to a writer thread. */
export interface AppendJob {
  streamId: string;
  batch: PreparedEvent[];
  expectedVersion: number;
  recordedBy: string;
  /** when the store accepted the append (its clock lives with the caller, not the writer) */
  recordedAt: string;
}

/**
 * What the writing connection knows of an append: a replay's stored events, or where the new events
 * went. The full result of a write is rebuilt from the job (`toAppendResult`), by whichever thread
 * needs it: the writer thread does not spend its time parsing payloads it only hands back.
 */
export type AppendOutcome =
  { kind: 'replayed'; result: AppendResult } | { kind: 'written'; version: number; position: number; hashes: string[] };

export function toAppendResult(job: AppendJob, outcome: AppendOutcome): AppendResult {
  if (outcome.kind === 'replayed') return outcome.result;
  const count = job.batch.length;
  return appendedResult(
    job.streamId,
    job.batch,
    outcome.version - count + 1,
    outcome.position - count + 1,
    job.recordedAt,
    job.recordedBy,
    outcome.hashes,
  );
}

/** Events an append wrote (none for a replay). */
export function eventsWritten(outcome: AppendOutcome): number {
  return outcome.kind === 'written' ? outcome.hashes.length : 0;
}

/**
 * The write side of one append, to be run inside the group's write transaction: the id lookup
 * (replay or conflict), the version check, then the chained inserts. `groupStarted` must be called
 * at the start of every group's transaction.
 */
export interface Appender {
  append(job: AppendJob): AppendOutcome;
  groupStarted(): void;
}

export function createAppender(db: Database.Database): Appender {
  const findByIds = db.prepare<[string], StoredRow>(
    `SELECT ${STORED_ROW_COLUMNS} FROM events WHERE event_id IN (SELECT value FROM json_each(?))`,
  );
  // Most appends carry one event: a plain index lookup, without json_each's parse and virtual table.
  const findById = db.prepare<[string], StoredRow>(`SELECT ${STORED_ROW_COLUMNS} FROM events WHERE event_id = ?`);
  const streamVersion = db.prepare<[string], number>('SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?').pluck();
  const insert = db.prepare<[number, string, number, string, string, string, string, string, string, string, string], void>(
    `INSERT INTO events (position, stream_id, version, event_id, type, data, metadata, recorded_at, recorded_by, hash, prev_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const chainHead = db.prepare<[], { position: number; hash: string | null }>(
    'SELECT position, hash FROM events ORDER BY position DESC LIMIT 1',
  );
  /*
   * The chain head, read once per group inside its write transaction (so it continues from the latest
   * commit of any connection) and then carried from append to append: nobody else can write while the
   * group holds the lock. It moves only when an append has written all its events, so one that fails
   * and is rolled back to its savepoint leaves it where it was. Undefined: not read in this group yet.
   */
  let head: { position: number; hash: string } | undefined;

  const append = ({ streamId, batch, expectedVersion, recordedBy, recordedAt }: AppendJob): AppendOutcome => {
    // One query for the whole batch, however big: ids travel as one JSON array parameter.
    const rows = batch.length === 1 ? findById.all(batch[0].eventId) : findByIds.all(JSON.stringify(batch.map((event) => event.eventId)));
    const found = rows.map(toStoredEvent);
    const replay = resolveReplay(streamId, batch, found);
    if (replay) return { kind: 'replayed', result: replay };

    const actualVersion = streamVersion.get(streamId) as number;
    assertExpectedVersion(streamId, expectedVersion, actualVersion);
    if (head === undefined) {
      const stored = chainHead.get();
      head = stored ? { position: stored.position, hash: stored.hash ?? '' } : { position: 0, hash: GENESIS_HASH };
    }
    const start = head;
    let prevHash = start.hash;
    let firstPosition = 0;
    let lastPosition = 0;
    const hashes = batch.map((event, index) => {
      const position = start.position + 1 + index;
      const version = actualVersion + 1 + index;
      const hash = eventHash({ ...event, streamId, version, position, recordedAt, recordedBy }, prevHash);
      const { lastInsertRowid } = insert.run(
        position,
        streamId,
        version,
        event.eventId,
        event.type,
        event.data,
        event.metadata,
        recordedAt,
        recordedBy,
        hash,
        prevHash,
      );
      prevHash = hash;
      lastPosition = Number(lastInsertRowid);
      if (index === 0) firstPosition = lastPosition;
      return hash;
    });
    // Rowids are max + 1 under the write lock; anything else would break the gapless-position promise.
    if (lastPosition !== firstPosition + batch.length - 1) {
      throw new Error(`positions ${firstPosition}..${lastPosition} of stream ${streamId} are not consecutive; append rolled back`);
    }
    head = { position: lastPosition, hash: prevHash };
    return { kind: 'written', version: actualVersion + batch.length, position: lastPosition, hashes };
  };

  return {
    append,
    groupStarted: () => {
      head = undefined;
    },
  };
}
