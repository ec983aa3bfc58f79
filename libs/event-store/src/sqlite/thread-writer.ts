import type { Worker } from 'node:worker_threads';
import type { AppendResult } from '../event-store.port';
import type { AppendWriter, WriterHooks } from './append-writer';
import type { AppendJob, AppendOutcome, WrittenRun } from './sqlite-appender';
import type { GroupOutcome } from './group-commit';
import { startThread } from './start-thread';
import {
  deserializeAppendOutcome,
  deserializeError,
  deserializeOutcome,
  encodeJobs,
  type FromWriter,
  type GroupCommitStats,
  type NumberedJob,
  type ToWriter,
  type WriterThreadSettings,
} from './writer-protocol';

type Pending =
  | { job: AppendJob; resolve: (result: AppendResult) => void; reject: (error: unknown) => void }
  | { jobs: AppendJob[]; resolve: (outcomes: Array<GroupOutcome<AppendOutcome>>) => void; reject: (error: unknown) => void };

/**
 * Group commit on a writer thread with its own connection to the store file. The thread runs the same
 * group transaction as {@link InlineWriter}; what moves is the wait: COMMIT's fsync (synchronous=FULL)
 * blocks the writer thread, while the event loop that submitted goes on serving requests. An append
 * still settles only after its group's COMMIT returned, so durability is unchanged.
 *
 * Appends submitted in one turn of the event loop travel as one message, and the thread commits
 * whatever arrived while it was busy as one group (bounded by the group limits).
 */
export class ThreadWriter implements AppendWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private outbox: NumberedJob[] = [];
  private flushScheduled = false;
  private nextId = 1;
  /** set when the thread is gone; every later append is refused with it */
  private stopped?: Error;
  private closing?: Promise<void>;

  constructor(
    settings: WriterThreadSettings,
    private readonly hooks: WriterHooks,
  ) {
    this.worker = startThread('writer-thread', settings);
    // Only appends in flight keep the process alive; an idle store does not hold it open.
    this.worker.unref();
    this.worker.on('message', (message: FromWriter) => this.receive(message));
    this.worker.on('error', (error) => this.stop(new Error(`the SQLite writer thread failed: ${error.message}`, { cause: error })));
    this.worker.on('exit', (code) => this.stop(new Error(`the SQLite writer thread exited (code ${code})`)));
  }

  submit(job: AppendJob): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new Error('the event store is closed'));
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.set(id, { job, resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.outbox.push({ id, job });
      this.scheduleFlush();
    });
  }

  submitMany(jobs: AppendJob[]): Promise<Array<GroupOutcome<AppendOutcome>>> {
    if (this.closing) return Promise.reject(new Error('the event store is closed'));
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { jobs, resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      // Appends submitted before it go first, as they were submitted first.
      this.flush();
      const message: ToWriter = { kind: 'append-many', id, jobs: encodeJobs(jobs.map((job) => ({ id, job }))) };
      this.worker.postMessage(message);
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.stopped) return resolve();
      this.flush();
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ kind: 'close' } satisfies ToWriter);
    });
    return this.closing;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.outbox.length === 0 || this.stopped) return;
    const message: ToWriter = { kind: 'append', jobs: encodeJobs(this.outbox) };
    this.outbox = [];
    this.worker.postMessage(message);
  }

  private receive(message: FromWriter): void {
    if (message.kind === 'closed') return;
    const settled: Array<() => void> = [];
    const written: Array<[AppendJob, WrittenRun]> = [];
    let group: GroupCommitStats | undefined;
    for (const entry of message.entries) {
      if ('group' in entry) {
        group = entry.group;
        continue;
      }
      const pending = this.pending.get(entry.id);
      if (!pending) continue;
      this.pending.delete(entry.id);
      if ('many' in entry && 'jobs' in pending) {
        const outcomes = entry.many.map(deserializeAppendOutcome);
        outcomes.forEach((outcome, i) => outcome.ok && outcome.value.kind === 'written' && written.push([pending.jobs[i], outcome.value]));
        settled.push(() => pending.resolve(outcomes));
      } else if ('outcome' in entry && !entry.outcome.ok) {
        const error = deserializeError(entry.outcome.error);
        settled.push(() => pending.reject(error));
      } else if ('outcome' in entry && 'job' in pending) {
        const outcome = deserializeOutcome(pending.job, entry.outcome);
        if (outcome.ok && 'written' in entry.outcome) written.push([pending.job, { kind: 'written', ...entry.outcome.written }]);
        settled.push(() => (outcome.ok ? pending.resolve(outcome.value) : pending.reject(outcome.error)));
      }
    }
    try {
      // The same order as on the calling thread: hooks first, then the appends settle (whatever the hooks do).
      if (group !== undefined) {
        for (const [job, run] of written) this.hooks.appended(job, run);
        this.hooks.committed(group);
      }
    } finally {
      for (const settle of settled) settle();
      if (this.pending.size === 0) this.worker.unref();
    }
  }

  /** The thread is gone: whatever it had not settled is refused (it may or may not be durable). */
  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const { reject } of this.pending.values()) reject(this.stopped);
    this.pending.clear();
    this.outbox = [];
  }
}
