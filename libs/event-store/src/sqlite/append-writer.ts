import type Database from 'better-sqlite3';
import type { AppendResult } from '../event-store.port';
import { GroupCommitter, type GroupCommitLimits } from './group-commit';
import { createAppender, type AppendJob } from './sqlite-appender';
import { groupStats, type GroupCommitStats } from './writer-protocol';

/** Where a SQLite store's appends are committed: on the caller's thread, or on a writer thread. */
export interface AppendWriter {
  /** Resolves once the append's group is committed (durable), rejects with the append's own error. */
  submit(job: AppendJob): Promise<AppendResult>;
  /** Commits what was submitted, settles it, and refuses new appends. */
  close(): Promise<void>;
}

/** Called once per committed group, before that group's appends settle. */
export type OnGroupCommitted = (stats: GroupCommitStats) => void;

/** Group commit on the store's own connection, on the calling thread (and the only way for ':memory:'). */
export class InlineWriter implements AppendWriter {
  private readonly committer: GroupCommitter<AppendResult>;
  private readonly run: (job: AppendJob) => AppendResult;

  constructor(db: Database.Database, limits: GroupCommitLimits, onCommitted: OnGroupCommitted) {
    this.run = createAppender(db);
    this.committer = new GroupCommitter<AppendResult>(db, limits, (outcomes) => onCommitted(groupStats(outcomes)));
  }

  submit(job: AppendJob): Promise<AppendResult> {
    return this.committer.submit(job.batch.length, () => this.run(job));
  }

  async close(): Promise<void> {
    this.committer.close();
  }
}
