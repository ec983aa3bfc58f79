import type Database from 'better-sqlite3';
import type { AppendResult } from '../event-store.port';
import { GroupCommitter, type GroupCommitLimits, type GroupOutcome } from './group-commit';
import { createAppender, toAppendResult, type AppendJob, type AppendOutcome, type WrittenRun } from './sqlite-appender';
import type { GroupCommitStats } from './writer-protocol';

/** Where a SQLite store's appends are committed: on the caller's thread, or on a writer thread. */
export interface AppendWriter {
  /** Resolves once the append's group is committed (durable), rejects with the append's own error. */
  submit(job: AppendJob): Promise<AppendResult>;
  /**
   * Many appends as one unit of a group (no savepoint each, see `Appender.appendMany`); resolves
   * with each one's outcome once the group is committed, rejects when the group failed as a whole.
   */
  submitMany(jobs: AppendJob[]): Promise<Array<GroupOutcome<AppendOutcome>>>;
  /** Commits what was submitted, settles it, and refuses new appends. */
  close(): Promise<void>;
}

/** What a writer reports about each committed group, before that group's appends settle. */
export interface WriterHooks {
  /** each append of the group that wrote events, in commit order */
  appended(job: AppendJob, written: WrittenRun): void;
  /** then the group as a whole */
  committed(stats: GroupCommitStats): void;
}

/** A unit of a group: one append, or a bulk of them. */
type Unit = AppendOutcome | Array<GroupOutcome<AppendOutcome>>;

/** Group commit on the store's own connection, on the calling thread (and the only way for ':memory:'). */
export class InlineWriter implements AppendWriter {
  private readonly committer: GroupCommitter<Unit>;
  private readonly appender;
  /** the current group's appends that wrote, until its COMMIT has returned */
  private written: Array<{ job: AppendJob; run: WrittenRun }> = [];

  constructor(db: Database.Database, limits: GroupCommitLimits, hooks: WriterHooks) {
    this.appender = createAppender(db);
    this.committer = new GroupCommitter<Unit>(
      db,
      limits,
      (outcomes) => {
        for (const { job, run } of this.written) hooks.appended(job, run);
        hooks.committed(unitStats(outcomes));
      },
      () => (this.written = []),
      this.appender.groupStarted,
    );
  }

  async submit(job: AppendJob): Promise<AppendResult> {
    const outcome = (await this.committer.submit(job.batch.length, () => {
      const outcome = this.appender.append(job);
      // Savepoints of later jobs cannot undo this one: only a failed COMMIT can, and then no hook runs.
      if (outcome.kind === 'written') this.written.push({ job, run: outcome });
      return outcome;
    })) as AppendOutcome;
    return toAppendResult(job, outcome);
  }

  async submitMany(jobs: AppendJob[]): Promise<Array<GroupOutcome<AppendOutcome>>> {
    const units = jobs.reduce((sum, job) => sum + job.batch.length, 0);
    return (await this.committer.submit(units, () => {
      const outcomes = this.appender.appendMany(jobs);
      outcomes.forEach((outcome, i) => {
        if (outcome.ok && outcome.value.kind === 'written') this.written.push({ job: jobs[i], run: outcome.value });
      });
      return outcomes;
    })) as Array<GroupOutcome<AppendOutcome>>;
  }

  async close(): Promise<void> {
    this.committer.close();
  }
}

/** A group's stats counting each append of a bulk as an append of its own. */
export function unitStats(outcomes: ReadonlyArray<GroupOutcome<Unit>>): GroupCommitStats {
  const stats: GroupCommitStats = { appends: 0, failed: 0, eventsWritten: 0 };
  const count = (outcome: GroupOutcome<AppendOutcome>) => {
    stats.appends += 1;
    if (!outcome.ok) stats.failed += 1;
    else if (outcome.value.kind === 'written') stats.eventsWritten += outcome.value.hashes.length;
  };
  for (const outcome of outcomes) {
    if (outcome.ok && Array.isArray(outcome.value)) outcome.value.forEach(count);
    else count(outcome as GroupOutcome<AppendOutcome>);
  }
  return stats;
}
