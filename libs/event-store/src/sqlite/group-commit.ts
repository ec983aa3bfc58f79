import type Database from 'better-sqlite3';

/**
 * Group commit: work submitted while the event loop is busy is run in ONE write transaction (one fsync
 * with synchronous=FULL) on the next `setImmediate`, so an idle store adds no latency and a busy one
 * pays one fsync per group instead of one per append.
 *
 * - Each job runs inside its own SAVEPOINT: a job that throws rolls back only its own writes and rejects
 *   only its own promise; the rest of the group still commits. A group of one job is its own savepoint:
 *   the transaction is rolled back instead, which undoes the same writes.
 * - Jobs run in submission order, so a later job sees the writes of the earlier ones in its group.
 * - Promises settle only after COMMIT returned: nothing is acknowledged before it is durable. If BEGIN or
 *   COMMIT fails (SQLITE_BUSY past busy_timeout, disk full, I/O error), or SQLite rolls the whole
 *   transaction back on its own, every job of the group is rejected with that error.
 * - A group is capped at `maxJobs` jobs and `maxUnits` units (events) to bound its latency; a single job
 *   larger than `maxUnits` still runs, alone.
 */

export interface GroupCommitLimits {
  maxJobs: number;
  maxUnits: number;
}

export const DEFAULT_GROUP_COMMIT_LIMITS: GroupCommitLimits = { maxJobs: 500, maxUnits: 10_000 };

/** Settled jobs of a committed group, in submission order. */
export type GroupOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Job<T> {
  units: number;
  run: () => T;
  settle: (outcome: GroupOutcome<T>) => void;
}

export class GroupCommitter<T> {
  private queue: Array<Job<T>> = [];
  private scheduled = false;
  private closed = false;
  private readonly runGroup: (jobs: Array<Job<T>>) => Array<GroupOutcome<T>>;

  constructor(
    db: Database.Database,
    private readonly limits: GroupCommitLimits,
    /** Called once per committed group, after COMMIT and before its jobs settle. */
    private readonly onCommitted: (outcomes: Array<GroupOutcome<T>>) => void,
    /** Called once per group, committed or failed, after all its jobs were settled. */
    private readonly onGroupSettled?: () => void,
    /** Called at the start of each group's transaction, before its first job. */
    onGroupStarted?: () => void,
  ) {
    // Called inside the group's transaction, better-sqlite3 turns a transaction function into
    // SAVEPOINT / RELEASE, and ROLLBACK TO + RELEASE when it throws.
    const inSavepoint = db.transaction((job: Job<T>) => job.run());
    const group = db.transaction((jobs: Array<Job<T>>) => {
      onGroupStarted?.();
      if (jobs.length === 1) {
        // A group of one needs no savepoint: rolling back the transaction undoes that job and nothing else.
        try {
          return [{ ok: true as const, value: jobs[0].run() }];
        } catch (error) {
          throw new SoleJobFailed(error);
        }
      }
      return jobs.map((job): GroupOutcome<T> => {
        try {
          return { ok: true, value: inSavepoint(job) };
        } catch (error) {
          // Some errors (SQLITE_FULL, IOERR, ...) make SQLite roll back the whole transaction: then the
          // earlier jobs' writes are gone too, so the group must fail as a whole.
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      });
    });
    // IMMEDIATE takes the write lock up front: every job sees one state even with other processes on the file.
    this.runGroup = group.immediate;
  }

  /** Queues `run` for the next group; resolves with its result once the group is committed. */
  submit(units: number, run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.enqueue(units, run, (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error))),
    );
  }

  /** Queues `run` for the next group; `settle` gets its outcome once the group is committed or failed. */
  enqueue(units: number, run: () => T, settle: (outcome: GroupOutcome<T>) => void): void {
    if (this.closed) {
      settle({ ok: false, error: new Error('the event store is closed') });
      return;
    }
    this.queue.push({ units, run, settle });
    this.schedule();
  }

  /** Commits everything queued, synchronously, and refuses new work. */
  close(): void {
    this.closed = true;
    while (this.queue.length > 0) this.commitNextGroup();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.commitNextGroup();
      // More than one group's worth queued: let I/O in between groups.
      if (this.queue.length > 0) this.schedule();
    });
  }

  private commitNextGroup(): void {
    const jobs = this.takeGroup();
    if (jobs.length === 0) return;
    let outcomes: Array<GroupOutcome<T>>;
    try {
      outcomes = this.runGroup(jobs);
    } catch (error) {
      if (!(error instanceof SoleJobFailed)) {
        // BEGIN or COMMIT failed, or the transaction was lost: nothing of the group is durable.
        for (const job of jobs) job.settle({ ok: false, error });
        this.onGroupSettled?.();
        return;
      }
      // The group's only job failed and took just its own writes with it, as a rolled-back savepoint would.
      outcomes = [{ ok: false, error: error.cause }];
    }
    try {
      this.onCommitted(outcomes);
    } finally {
      outcomes.forEach((outcome, i) => jobs[i].settle(outcome));
      this.onGroupSettled?.();
    }
  }

  private takeGroup(): Array<Job<T>> {
    let count = 0;
    let units = 0;
    while (count < this.queue.length && count < this.limits.maxJobs) {
      const next = this.queue[count].units;
      if (count > 0 && units + next > this.limits.maxUnits) break;
      units += next;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}

/** Carries the error of a group's only job out of its transaction, so the transaction rolls back and the job alone fails. */
class SoleJobFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('the only append of a group failed');
  }
}
