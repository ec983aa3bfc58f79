import type Database from 'better-sqlite3';
import { EventIdConflictError, VersionConflictError, type AppendResult } from '../event-store.port';
import { eventHash, GENESIS_HASH } from '../hash-chain/event-hash';
import { appendedResult, assertExpectedVersion, resolveReplay, type PreparedEvent } from '../shared/append-guard';
import { STORED_ROW_COLUMNS, toStoredEvent, type StoredRow } from '../shared/stored-row';
import type { GroupOutcome } from './group-commit';

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
export type AppendOutcome = { kind: 'replayed'; result: AppendResult } | WrittenRun;

/** Where an append's new events went: the stream version and global position of its last one, and each one's chain hash. */
export interface WrittenRun {
  kind: 'written';
  version: number;
  position: number;
  hashes: string[];
}

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
  /**
   * Many appends in the caller's transaction, with no savepoint each: each one's rows are inserted
   * straight away and the table's unique keys (event id, stream and version) do the checks; one that
   * hits a key has what it inserted deleted and is settled by {@link append}'s lookups (a replay or
   * the error it names). An error other than a key's fails the whole transaction.
   */
  appendMany(jobs: readonly AppendJob[]): Array<GroupOutcome<AppendOutcome>>;
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
  const deleteFrom = db.prepare<[number], void>('DELETE FROM events WHERE position >= ?');
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

  const append = (job: AppendJob): AppendOutcome => {
    const { streamId, batch, expectedVersion } = job;
    // One query for the whole batch, however big: ids travel as one JSON array parameter.
    const rows = batch.length === 1 ? findById.all(batch[0].eventId) : findByIds.all(JSON.stringify(batch.map((event) => event.eventId)));
    const found = rows.map(toStoredEvent);
    const replay = resolveReplay(streamId, batch, found);
    if (replay) return { kind: 'replayed', result: replay };

    const actualVersion = streamVersion.get(streamId) as number;
    assertExpectedVersion(streamId, expectedVersion, actualVersion);
    return write(job, actualVersion);
  };

  /** Inserts the job's events after `actualVersion` of its stream, chained on from the head. */
  const write = ({ streamId, batch, recordedBy, recordedAt }: AppendJob, actualVersion: number): AppendOutcome => {
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

  /** One append of a bulk: written without lookups when the keys let it, else settled by `append`. */
  const appendUnchecked = (job: AppendJob): AppendOutcome => {
    // A new stream needs no version read: its first row's (stream, version 1) key fails if it exists.
    // A stream that should exist is read, as a key cannot tell that it is shorter than expected.
    if (job.expectedVersion > 0 && streamVersion.get(job.streamId) !== job.expectedVersion) return append(job);
    try {
      return write(job, job.expectedVersion);
    } catch (error) {
      if (!isKeyViolation(error) || head === undefined) throw error;
      // The head has not moved: only this append's rows follow it, nobody else writes under the lock.
      deleteFrom.run(head.position + 1);
      return append(job);
    }
  };

  return {
    append,
    appendMany: (jobs) =>
      jobs.map((job): GroupOutcome<AppendOutcome> => {
        try {
          return { ok: true, value: appendUnchecked(job) };
        } catch (error) {
          // Thrown before anything was written; any other error may leave rows behind: the transaction fails.
          if (error instanceof VersionConflictError || error instanceof EventIdConflictError) return { ok: false, error };
          throw error;
        }
      }),
    groupStarted: () => {
      head = undefined;
    },
  };
}

function isKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
