import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { verifySqliteChain, verifySqliteChainFile } from '../hash-chain/sqlite-chain';
import type { ChainReport, VerifyChainOptions } from '../hash-chain/verify-chain';
import {
  pageToHead,
  transformBatches,
  type AppendOptions,
  type AppendResult,
  type BulkAppend,
  type BulkAppending,
  type BulkAppendOutcome,
  type ChainVerifying,
  type EventStore,
  type FollowOptions,
  type NewEvent,
  type BatchTransform,
  type TransformedBatch,
  type ReadingAhead,
  type ReadStreamOptions,
  type StoredEvent,
} from '../event-store.port';
import { prepareBatch, timestamp } from '../shared/append-guard';
import { ChangeNotifier } from '../shared/change-notifier';
import { assertNonNegativeInteger, followLog } from '../shared/follow-log';
import { STORED_ROW_COLUMNS, toStoredEvent, type StoredRow } from '../shared/stored-row';
import { InlineWriter, type AppendWriter } from './append-writer';
import { CommittedTail } from './committed-tail';
import { openConnection } from './connection';
import { readAheadTransformedOnThread } from './read-ahead';
import { DEFAULT_GROUP_COMMIT_LIMITS } from './group-commit';
import { migrate } from './schema';
import type { AppendJob, WrittenRun } from './sqlite-appender';
import { ThreadWriter } from './thread-writer';
import type { GroupCommitStats } from './writer-protocol';

export type { GroupCommitStats } from './writer-protocol';

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
  /**
   * Where appends are committed. 'thread' (the default for files): a writer thread with its own
   * connection, so COMMIT's fsync does not block this thread's event loop. 'inline': on this thread's
   * connection, the only choice for ':memory:', which no second connection can open.
   */
  writer?: SqliteWriter;
}

/**
 * Where a SQLite store commits its appends. 'thread': on a writer thread, so the fsync of each COMMIT
 * does not stall the event loop that serves requests (what keeps throughput and tail latency up when
 * fsync is slow; README "Benchmarks"). 'inline': on the calling thread, with no hand-over between
 * threads (the lowest latency for one caller appending at a time, as a batch import does).
 */
export type SqliteWriter = 'thread' | 'inline';

export const SQLITE_WRITERS: readonly SqliteWriter[] = ['thread', 'inline'];

/** Reads a writer setting; pushes a problem naming `setting` when the text is neither. */
export function parseSqliteWriter(setting: string, text: string, problems: string[]): SqliteWriter {
  if ((SQLITE_WRITERS as readonly string[]).includes(text)) return text as SqliteWriter;
  problems.push(`${setting} must be ${SQLITE_WRITERS.map((w) => `"${w}"`).join(' or ')}, got ${JSON.stringify(text)}`);
  return 'thread';
}

/** The store's file in a data directory: the one name every process and script opens. */
export const SQLITE_STORE_FILE = 'events.sqlite';

export const DEFAULT_POLL_INTERVAL_MS = 50;
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

type EventRow = StoredRow;

export class SqliteEventStore implements EventStore, ChainVerifying, BulkAppending, ReadingAhead {
  readonly pollIntervalMs: number;
  private readonly path: string;
  private readonly busyTimeoutMs: number;
  /** reader threads of `readAheadTransformed` calls still reading */
  private readonly readers = new Set<Worker>();
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly notifier = new ChangeNotifier();
  private readonly statements;
  private readonly writer: AppendWriter;
  private readonly tail = new CommittedTail();
  private readonly onGroupCommit?: (group: GroupCommitStats) => void;

  constructor(options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.path = options.path;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.busyTimeoutMs = busyTimeoutMs;
    this.db = openConnection(options.path, busyTimeoutMs);
    try {
      migrate(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.statements = this.prepareStatements();
    this.onGroupCommit = options.onGroupCommit;
    const limits = {
      maxJobs: options.groupCommit?.maxAppends ?? DEFAULT_GROUP_COMMIT_LIMITS.maxJobs,
      maxUnits: options.groupCommit?.maxEvents ?? DEFAULT_GROUP_COMMIT_LIMITS.maxUnits,
    };
    const hooks = {
      appended: (job: AppendJob, written: WrittenRun) => this.tail.add(job, written),
      committed: (stats: GroupCommitStats) => this.committed(stats),
    };
    const writer = options.writer ?? (options.path === ':memory:' ? 'inline' : 'thread');
    if (writer === 'thread' && options.path === ':memory:') throw new Error("a ':memory:' store cannot have a writer thread");
    this.writer =
      writer === 'thread'
        ? new ThreadWriter({ path: options.path, busyTimeoutMs, limits }, hooks)
        : new InlineWriter(this.db, limits, hooks);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const batch = prepareBatch(streamId, events, options);
    // Group commit: the id lookup, version check and inserts run in the next group's IMMEDIATE
    // transaction, in a savepoint of their own, and this resolves only after that COMMIT.
    return this.writer.submit({
      streamId,
      batch,
      expectedVersion: options.expectedVersion,
      recordedBy: options.recordedBy,
      recordedAt: timestamp(this.clock),
    });
  }

  /**
   * The bulk as one unit of a group commit: one transaction (with whatever else was submitted), no
   * savepoint per append, one fsync (see `Appender.appendMany`).
   */
  async appendMany(appends: readonly BulkAppend[]): Promise<BulkAppendOutcome[]> {
    if (appends.length === 0) return [];
    const recordedAt = timestamp(this.clock);
    // Refused before anything is submitted, as `append` refuses them: the rest still go in.
    const prepared = appends.map(({ streamId, events, options }): AppendJob | Error => {
      try {
        const batch = prepareBatch(streamId, events, options);
        return { streamId, batch, expectedVersion: options.expectedVersion, recordedBy: options.recordedBy, recordedAt };
      } catch (error) {
        return error as Error;
      }
    });
    const jobs = prepared.filter((job): job is AppendJob => !(job instanceof Error));
    const outcomes = jobs.length > 0 ? await this.writer.submitMany(jobs) : [];
    let next = 0;
    return prepared.map((job): BulkAppendOutcome => {
      if (job instanceof Error) return { ok: false, error: job };
      const outcome = outcomes[next++];
      if (!outcome.ok) return outcome;
      if (outcome.value.kind === 'replayed') {
        const { events: _events, ...result } = outcome.value.result;
        return { ok: true, result };
      }
      const { version, position } = outcome.value;
      return { ok: true, result: { streamId: job.streamId, version, position, replayed: false } };
    });
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

  /**
   * On a reader thread for a file, which also runs `transform`; ':memory:', which no second
   * connection can open, is paged and turned on this thread, as is a log of at most two batches after
   * `afterPosition` (a start on a short or snapshotted log): a thread pays for its start-up only
   * when it reads a page while the caller applies the one before.
   */
  readAheadTransformed<T>(
    afterPosition: number,
    { batchSize, transform }: { batchSize: number; transform: BatchTransform },
  ): AsyncIterable<TransformedBatch<T>> {
    if (!this.worthAThread(afterPosition, batchSize)) return transformBatches<T>(pageToHead(this, afterPosition, batchSize), transform);
    return readAheadTransformedOnThread<T>(
      { path: this.path, busyTimeoutMs: this.busyTimeoutMs, afterPosition, batchSize },
      transform,
      this.readers,
    );
  }

  private worthAThread(afterPosition: number, batchSize: number): boolean {
    assertNonNegativeInteger('afterPosition', afterPosition);
    assertNonNegativeInteger('batchSize', batchSize);
    const short = (this.statements.headPosition.get() as number) - afterPosition <= 2 * batchSize;
    return this.path !== ':memory:' && batchSize > 0 && !short;
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
    let fileReadAt = Number.NEGATIVE_INFINITY;
    const readNext = async (after: number, limit: number): Promise<StoredEvent[]> => {
      const fromTail = this.tail.read(after, limit);
      if (fromTail !== undefined) return fromTail;
      // Caught up with this store's own appends: only another process can have written more, and
      // the poll interval is the promise made for those, so the file is read at most that often.
      const now = performance.now();
      if (after >= this.tail.lastPosition && now - fileReadAt < this.pollIntervalMs) return [];
      fileReadAt = now;
      return this.readAll(after, limit);
    };
    return followLog({ readAll: readNext, notifier: this.notifier, pollIntervalMs: this.pollIntervalMs }, afterPosition, options);
  }

  /**
   * Reads the raw rows (stored prev_hash included, so a break is classified fully) up to the head
   * when it starts; a file on a read-only connection of its own (WAL: it never blocks appends).
   */
  verifyChain(options: VerifyChainOptions = {}): Promise<ChainReport> {
    return this.path === ':memory:' ? verifySqliteChain(this.db, options) : verifySqliteChainFile(this.path, options);
  }

  async close(): Promise<void> {
    // Appends already accepted are committed (and settled) before the connection goes.
    if (this.db.open) await this.writer.close();
    await Promise.all([...this.readers].map((reader) => reader.terminate()));
    this.notifier.close();
    if (this.db.open) this.db.close();
  }

  /** After each group's COMMIT: wake followers once, report the group. */
  private committed(stats: GroupCommitStats): void {
    if (stats.eventsWritten > 0) this.notifier.notify();
    try {
      this.onGroupCommit?.(stats);
    } catch (error) {
      process.emitWarning(`onGroupCommit threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private prepareStatements() {
    const db = this.db;
    return {
      streamVersion: db.prepare<[string], number>('SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?').pluck(),
      readStream: db.prepare<[string, number, number], EventRow>(
        `SELECT ${STORED_ROW_COLUMNS} FROM events WHERE stream_id = ? AND version BETWEEN ? AND ? ORDER BY version`,
      ),
      readAll: db.prepare<[number, number], EventRow>(
        `SELECT ${STORED_ROW_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      headPosition: db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
      // Positions are gapless here, but counting keeps the answer right whatever a restore left behind.
      countAfter: db.prepare<[number, number], number>('SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)').pluck(),
    };
  }
}
