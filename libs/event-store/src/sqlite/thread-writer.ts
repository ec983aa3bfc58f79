import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppendResult } from '../event-store.port';
import type { AppendWriter, WriterHooks } from './append-writer';
import type { AppendJob } from './sqlite-appender';
import type { GroupOutcome } from './group-commit';
import {
  deserializeOutcome,
  encodeJobs,
  type FromWriter,
  type GroupCommitStats,
  type NumberedJob,
  type ToWriter,
  type WriterThreadSettings,
} from './writer-protocol';

interface Pending {
  job: AppendJob;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

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
    this.worker = startWriterThread(settings);
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
    const settled: Array<[Pending, GroupOutcome<AppendResult>]> = [];
    let group: GroupCommitStats | undefined;
    for (const entry of message.entries) {
      if ('group' in entry) {
        group = entry.group;
        continue;
      }
      const pending = this.pending.get(entry.id);
      if (!pending) continue;
      this.pending.delete(entry.id);
      settled.push([pending, deserializeOutcome(pending.job, entry.outcome)]);
    }
    try {
      // The same order as on the calling thread: hooks first, then the appends settle (whatever the hooks do).
      if (group !== undefined) {
        for (const [{ job }, outcome] of settled) if (outcome.ok && !outcome.value.replayed) this.hooks.appended(job, outcome.value);
        this.hooks.committed(group);
      }
    } finally {
      for (const [{ resolve, reject }, outcome] of settled) {
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
      }
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

/**
 * Starts writer-thread.js next to this file. Run from TypeScript sources (tsx, jest), the thread
 * registers tsx itself first: a worker does not inherit its parent's module hooks.
 */
function startWriterThread(settings: WriterThreadSettings): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `writer-thread${extension}`);
  if (extension === '.js') return new Worker(entry, { workerData: settings });
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, workerData: settings });
}
