import type Database from 'better-sqlite3';
import type { AppendResult } from '../event-store.port';
import { GroupCommitter, type GroupCommitLimits } from './group-commit';
import { createAppender, toAppendResult, type AppendJob } from './sqlite-appender';
import { groupStats, type GroupCommitStats } from './writer-protocol';

/** Where a SQLite store's appends are committed: on the caller's thread, or on a writer thread. */
export interface AppendWriter {
  /** Resolves once the append's group is committed (durable), rejects with the append's own error. */
  submit(job: AppendJob): Promise<AppendResult>;
  /** Commits what was submitted, settles it, and refuses new appends. */
  close(): Promise<void>;
}

/** What a writer reports about each committed group, before that group's appends settle. */
export interface WriterHooks {
  /** each append of the group that wrote events, in commit order */
  appended(job: AppendJob, result: AppendResult): void;
  /** then the group as a whole */
  committed(stats: GroupCommitStats): void;
}

/** Group commit on the store's own connection, on the calling thread (and the only way for ':memory:'). */
export class InlineWriter implements AppendWriter {
  private readonly committer: GroupCommitter<AppendResult>;
  private readonly run: (job: AppendJob) => AppendResult;
  /** the current group's appends that wrote, until its COMMIT has returned */
  private written: Array<{ job: AppendJob; result: AppendResult }> = [];

  constructor(db: Database.Database, limits: GroupCommitLimits, hooks: WriterHooks) {
    const appender = createAppender(db);
    this.run = (job) => toAppendResult(job, appender.append(job));
    this.committer = new GroupCommitter<AppendResult>(
      db,
      limits,
      (outcomes) => {
        for (const { job, result } of this.written) hooks.appended(job, result);
        hooks.committed(groupStats(outcomes, (result) => (result.replayed ? 0 : result.events.length)));
      },
      () => (this.written = []),
      appender.groupStarted,
    );
  }

  submit(job: AppendJob): Promise<AppendResult> {
    return this.committer.submit(job.batch.length, () => {
      const result = this.run(job);
      // Savepoints of later jobs cannot undo this one: only a failed COMMIT can, and then no hook runs.
      if (!result.replayed) this.written.push({ job, result });
      return result;
    });
  }

  async close(): Promise<void> {
    this.committer.close();
  }
}
