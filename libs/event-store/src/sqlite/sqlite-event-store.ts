import Database from 'better-sqlite3';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  FollowOptions,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from '../event-store.port';
import {
  appendedResult,
  assertExpectedVersion,
  prepareBatch,
  resolveReplay,
  timestamp,
  type PreparedEvent,
} from '../shared/append-guard';
import { eventHash, GENESIS_HASH } from '../hash-chain/event-hash';
import { ChangeNotifier } from '../shared/change-notifier';
import { assertNonNegativeInteger, followLog } from '../shared/follow-log';
import { DEFAULT_GROUP_COMMIT_LIMITS, GroupCommitter, type GroupOutcome } from './group-commit';
import { migrate } from './schema';
import { toStoredEvent, type StoredRow } from '../shared/stored-row';

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:' for a private in-process database (tests). */
  path: string;
  clock?: () => Date;
  /** How often followers re-read to see appends by other connections/processes. */
  pollIntervalMs?: number;
  /** How long a writer waits for another connection's write lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Caps of one group commit, bounding its latency (defaults 500 appends, 10 000 events); see group-commit.ts. */
  groupCommit?: { maxAppends?: number; maxEvents?: number };
  /**
   * Called after each group commit (metrics, tests). Must not throw; an error is reported as a process
   * warning and does not affect the appends.
   */
  onGroupCommit?: (group: GroupCommitStats) => void;
}

/** One committed group: appends that shared the transaction, how many of them failed alone, events written. */
export interface GroupCommitStats {
  appends: number;
  failed: number;
  eventsWritten: number;
}

export const DEFAULT_POLL_INTERVAL_MS = 50;
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

type EventRow = StoredRow;

const COLUMNS = `position, stream_id AS streamId, version, event_id AS eventId, type, data, metadata,
  recorded_at AS recordedAt, recorded_by AS recordedBy, hash`;

export class SqliteEventStore implements EventStore {
  readonly pollIntervalMs: number;
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly notifier = new ChangeNotifier();
  private readonly statements;
  private readonly committer: GroupCommitter<AppendResult>;
  private readonly onGroupCommit?: (group: GroupCommitStats) => void;

  constructor(options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.db = new Database(options.path, { timeout: busyTimeoutMs });
    try {
      this.configure(options.path, busyTimeoutMs);
      migrate(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.statements = this.prepareStatements();
    this.onGroupCommit = options.onGroupCommit;
    this.committer = new GroupCommitter<AppendResult>(
      this.db,
      {
        maxJobs: options.groupCommit?.maxAppends ?? DEFAULT_GROUP_COMMIT_LIMITS.maxJobs,
        maxUnits: options.groupCommit?.maxEvents ?? DEFAULT_GROUP_COMMIT_LIMITS.maxUnits,
      },
      (outcomes) => this.committed(outcomes),
    );
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const batch = prepareBatch(streamId, events, options);
    // Group commit: the id lookup, version check and inserts run in the next group's IMMEDIATE
    // transaction, in a savepoint of their own, and this resolves only after that COMMIT.
    return this.committer.submit(batch.length, () =>
      this.appendInTransaction(streamId, batch, options.expectedVersion, options.recordedBy),
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER } = options;
    return this.statements.readStream.all(streamId, fromVersion, toVersion).map(toStoredEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.statements.streamVersion.get(streamId) as number;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    assertNonNegativeInteger('afterPosition', afterPosition);
    assertNonNegativeInteger('limit', limit);
    return this.statements.readAll.all(afterPosition, limit).map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    return this.statements.headPosition.get() as number;
  }

  async countAfter(afterPosition: number, limit: number): Promise<number> {
    assertNonNegativeInteger('afterPosition', afterPosition);
    assertNonNegativeInteger('limit', limit);
    return this.statements.countAfter.get(afterPosition, limit) as number;
  }

  follow(afterPosition: number, options?: FollowOptions): AsyncIterable<StoredEvent[]> {
    return followLog(
      { readAll: (after, limit) => this.readAll(after, limit), notifier: this.notifier, pollIntervalMs: this.pollIntervalMs },
      afterPosition,
      options,
    );
  }

  async close(): Promise<void> {
    // Appends already accepted are committed (and settled) before the connection goes.
    if (this.db.open) this.committer.close();
    this.notifier.close();
    if (this.db.open) this.db.close();
  }

  /** After each group's COMMIT: wake followers once, report the group. */
  private committed(outcomes: Array<GroupOutcome<AppendResult>>): void {
    let failed = 0;
    let eventsWritten = 0;
    for (const outcome of outcomes) {
      if (!outcome.ok) failed += 1;
      else if (!outcome.value.replayed) eventsWritten += outcome.value.events.length;
    }
    if (eventsWritten > 0) this.notifier.notify();
    try {
      this.onGroupCommit?.({ appends: outcomes.length, failed, eventsWritten });
    } catch (error) {
      process.emitWarning(`onGroupCommit threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private configure(path: string, busyTimeoutMs: number): void {
    // Before anything that may need a lock, so concurrent openers wait instead of failing.
    this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const mode = this.db.pragma('journal_mode = WAL', { simple: true });
    if (path !== ':memory:' && mode !== 'wal') throw new Error(`could not switch ${path} to WAL (journal_mode is ${String(mode)})`);
    // An acknowledged append is a promise to a caseworker that a legal deadline was recorded. In WAL,
    // NORMAL already survives a process crash (kill -9: the WAL frames are in the OS page cache), but a
    // power cut or kernel panic can drop the last commits. FULL fsyncs the WAL on every commit, so an
    // acknowledged append is on the disk itself. scripts/bench/append.ts measures the cost.
    this.db.pragma('synchronous = FULL');
  }

  private prepareStatements() {
    const db = this.db;
    return {
      // One query for the whole batch, however big: ids travel as one JSON array parameter.
      findByIds: db.prepare<[string], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE event_id IN (SELECT value FROM json_each(?))`,
      ),
      streamVersion: db.prepare<[string], number>('SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?').pluck(),
      insert: db.prepare<[number, string, number, string, string, string, string, string, string, string, string], void>(
        `INSERT INTO events (position, stream_id, version, event_id, type, data, metadata, recorded_at, recorded_by, hash, prev_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // Read inside the write transaction, so the chain continues from the latest commit of any
      // connection and from earlier appends of the same group, and a rolled-back savepoint leaves no trace.
      chainHead: db.prepare<[], { position: number; hash: string | null }>('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1'),
      readStream: db.prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version BETWEEN ? AND ? ORDER BY version`,
      ),
      readAll: db.prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      headPosition: db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
      // Positions are gapless here, but counting keeps the answer right whatever a restore left behind.
      countAfter: db.prepare<[number, number], number>('SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)').pluck(),
    };
  }

  private appendInTransaction(streamId: string, batch: PreparedEvent[], expectedVersion: number, recordedBy: string): AppendResult {
    const { findByIds, streamVersion, insert, chainHead } = this.statements;
    const found = findByIds.all(JSON.stringify(batch.map((event) => event.eventId))).map(toStoredEvent);
    const replay = resolveReplay(streamId, batch, found);
    if (replay) return replay;

    const actualVersion = streamVersion.get(streamId) as number;
    assertExpectedVersion(streamId, expectedVersion, actualVersion);
    const recordedAt = timestamp(this.clock);
    const head = chainHead.get();
    let prevHash = head ? (head.hash ?? '') : GENESIS_HASH;
    let firstPosition = 0;
    let lastPosition = 0;
    const hashes = batch.map((event, index) => {
      const position = (head?.position ?? 0) + 1 + index;
      const version = actualVersion + 1 + index;
      const hash = eventHash({ ...event, streamId, version, position, recordedAt, recordedBy }, prevHash);
      const { lastInsertRowid } = insert.run(position, streamId, version, event.eventId, event.type, event.data, event.metadata, recordedAt, recordedBy, hash, prevHash);
      prevHash = hash;
      lastPosition = Number(lastInsertRowid);
      if (index === 0) firstPosition = lastPosition;
      return hash;
    });
    // Rowids are max + 1 under the write lock; anything else would break the gapless-position promise.
    if (lastPosition !== firstPosition + batch.length - 1) {
      throw new Error(`positions ${firstPosition}..${lastPosition} of stream ${streamId} are not consecutive; append rolled back`);
    }
    return appendedResult(streamId, batch, actualVersion + 1, firstPosition, recordedAt, recordedBy, hashes);
  }
}

