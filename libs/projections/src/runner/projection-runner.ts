import type { DeadlineRules } from '@fristvakt/domain';
import { readToHeadTransformed, type EventStore, type StoredEvent, type TransformedBatch } from '@fristvakt/event-store';
import { FactFiler } from '../model/apply';
import { createFactDecoder, FACT_DECODER, type FactColumns } from '../model/fact-columns';
import { createModel, type ProjectionModel } from '../model/model';
import { prepareQueries } from '../query/scan';
import type { SnapshotStore } from './snapshot-store';

/**
 * Bump whenever the model's meaning or layout changes (a new fact kind, a code list reordered, a
 * resolution rule). A snapshot written under another version is discarded and the model rebuilt
 * from the log, which is the source of truth.
 */
/**
 * 2: follow-up facts (plans, visit frequencies, supervision, visits, aftercare), `extra` and the ref kind in a fact row;
 * a receipt's detail carries the child's birth year (older snapshots lack both, so they are rebuilt).
 * 3: an event the model cannot read leaves nothing behind (decode, then file: fact-columns.ts); a
 * model of version 2 may hold the case or items such an event named before the field that failed.
 */
export const PROJECTION_VERSION = 3;

export interface ProjectionRunnerOptions {
  store: Pick<EventStore, 'readAll' | 'follow' | 'headPosition'>;
  /** absent: the model lives in memory only and every start replays the whole log */
  snapshots?: SnapshotStore;
  /** save after this many applied events … */
  saveEveryEvents?: number;
  /** … or this long after the last save, whichever comes first (checked between batches) */
  saveEveryMs?: number;
  /** events per batch, catching up and following; absent: `CATCH_UP_BATCH_SIZE` catching up, 1 000 following */
  batchSize?: number;
  /** deadlines cached for these rules (both methods) when the query tables are built, not in the first queries */
  deadlineRules?: DeadlineRules;
  projectionVersion?: number;
  /** store or snapshot errors while following; the runner retries after `retryDelayMs` */
  onError?: (error: unknown) => void;
  retryDelayMs?: number;
  now?: () => number;
}

export interface ProjectionStatus {
  running: boolean;
  /** global position of the last applied event */
  position: number;
  /** head of the log when last seen */
  headPosition: number;
  /** events known to be in the log and not yet applied */
  behind: number;
  startedFrom: 'snapshot' | 'zero' | null;
  /** why the last start or rebuild began from zero */
  rebuildReason: string | null;
  lastAppliedAt: number | null;
  lastSavedPosition: number | null;
  lastSavedAt: number | null;
  skippedEvents: number;
}

export class PositionTimeoutError extends Error {
  override readonly name = 'PositionTimeoutError';
  constructor(
    readonly wanted: number,
    readonly reached: number,
    timeoutMs: number,
  ) {
    super(`projection reached position ${reached}, not ${wanted}, within ${timeoutMs} ms`);
  }
}

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Keeps a {@link ProjectionModel} up to date with the event log: load the snapshot, catch up with
 * `readAll`, then follow. Applying and saving happen on one loop, so a snapshot always holds a
 * model and exactly the position it reflects. No framework: the app wraps it in a Nest provider.
 */
export class ProjectionRunner {
  private current: ProjectionModel = createModel();
  private readonly version: number;
  private readonly saveEveryEvents: number;
  private readonly saveEveryMs: number;
  private readonly batchSize: number;
  private readonly catchUpBatchSize: number;
  private readonly retryDelayMs: number;
  private readonly now: () => number;
  private waiters: Waiter[] = [];
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private headSeen = 0;
  private appliedSinceSave = 0;
  private state: Omit<ProjectionStatus, 'position' | 'headPosition' | 'behind' | 'running' | 'skippedEvents'> = {
    startedFrom: null,
    rebuildReason: null,
    lastAppliedAt: null,
    lastSavedPosition: null,
    lastSavedAt: null,
  };

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.version = options.projectionVersion ?? PROJECTION_VERSION;
    this.saveEveryEvents = options.saveEveryEvents ?? 50_000;
    this.saveEveryMs = options.saveEveryMs ?? 60_000;
    this.batchSize = options.batchSize ?? 1_000;
    this.catchUpBatchSize = options.batchSize ?? CATCH_UP_BATCH_SIZE;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** The live model. Queries read it between batches (single-threaded: never half-applied). */
  get model(): ProjectionModel {
    return this.current;
  }

  get position(): number {
    return this.current.checkpoint;
  }

  get status(): ProjectionStatus {
    const headPosition = Math.max(this.headSeen, this.current.checkpoint);
    return {
      running: this.loop !== null,
      position: this.current.checkpoint,
      headPosition,
      behind: headPosition - this.current.checkpoint,
      skippedEvents: this.current.skipped,
      ...this.state,
    };
  }

  /** Asks the store for its head now; `behind` is how far the model lags. */
  async lag(): Promise<{ position: number; headPosition: number; behind: number }> {
    this.headSeen = Math.max(this.headSeen, await this.options.store.headPosition());
    const { position, headPosition, behind } = this.status;
    return { position, headPosition, behind };
  }

  /** Loads the snapshot (or starts from zero), catches up to the head, then follows in the background. */
  async start(): Promise<void> {
    if (this.loop !== null) throw new Error('projection runner already started');
    await this.restore();
    await this.catchUp(this.current);
    // build the query tables now rather than in the first request after a start
    prepareQueries(this.current, this.options.deadlineRules);
    await this.save();
    this.follow();
  }

  /** Stops following and saves what was applied. Pending waiters are rejected. */
  async stop(): Promise<void> {
    await this.halt();
    await this.save();
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('projection runner stopped'));
    }
  }

  /**
   * Replays the whole log into a fresh model while the old one keeps answering, then swaps.
   * For a changed projection or a suspected bad model; the log is the source of truth.
   */
  async rebuild(reason = 'requested'): Promise<void> {
    const wasRunning = this.loop !== null;
    await this.halt();
    const fresh = createModel();
    await this.catchUp(fresh);
    prepareQueries(fresh, this.options.deadlineRules);
    this.current = fresh;
    this.state.startedFrom = 'zero';
    this.state.rebuildReason = reason;
    this.settleWaiters();
    await this.save(true);
    if (wasRunning) this.follow();
  }

  /** Resolves once the model has applied everything up to `position` (read-your-writes for `minPosition`). */
  waitForPosition(position: number, timeoutMs: number): Promise<void> {
    if (this.current.checkpoint >= position) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new PositionTimeoutError(position, this.current.checkpoint, timeoutMs));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Saves now, if anything was applied since the last save (or `force`). */
  async save(force = false): Promise<void> {
    const snapshots = this.options.snapshots;
    if (snapshots === undefined) return;
    const position = this.current.checkpoint;
    if (!force && this.state.lastSavedPosition === position) return;
    await snapshots.save({ projectionVersion: this.version, position, model: this.current });
    this.appliedSinceSave = 0;
    this.state.lastSavedPosition = position;
    this.state.lastSavedAt = this.now();
  }

  private async restore(): Promise<void> {
    const fromZero = (reason: string | null) => {
      this.current = createModel();
      this.state.startedFrom = 'zero';
      this.state.rebuildReason = reason;
    };
    const snapshots = this.options.snapshots;
    if (snapshots === undefined) return fromZero(null);
    const loaded = await snapshots.load(this.version);
    switch (loaded.status) {
      case 'missing':
        return fromZero(null);
      case 'stale':
        return fromZero(`snapshot has projection version ${loaded.projectionVersion}, code has ${this.version}`);
      case 'unreadable':
        return fromZero(`snapshot unreadable: ${loaded.reason}`);
      case 'ok': {
        const head = await this.options.store.headPosition();
        this.headSeen = head;
        if (loaded.snapshot.position > head) {
          // A snapshot ahead of the log belongs to another log (reset or restored store).
          return fromZero(`snapshot position ${loaded.snapshot.position} is beyond the log head ${head}`);
        }
        this.current = loaded.snapshot.model;
        this.state.startedFrom = 'snapshot';
        this.state.rebuildReason = null;
        this.state.lastSavedPosition = loaded.snapshot.position;
        this.state.lastSavedAt = this.now();
      }
    }
  }

  private async catchUp(model: ProjectionModel): Promise<void> {
    await catchUp(model, this.options.store, {
      batchSize: this.catchUpBatchSize,
      applied: async (batch) => {
        this.applied(model, batch.count, batch.lastPosition);
        if (model === this.current) await this.maybeSave();
      },
    });
    this.headSeen = Math.max(this.headSeen, model.checkpoint);
  }

  private follow(): void {
    const abort = new AbortController();
    this.abort = abort;
    this.loop = (async () => {
      while (!abort.signal.aborted) {
        try {
          for await (const batch of this.options.store.follow(this.current.checkpoint, {
            signal: abort.signal,
            batchSize: this.batchSize,
          })) {
            this.applyBatch(this.current, batch);
            await this.maybeSave();
          }
        } catch (error) {
          this.options.onError?.(error);
        }
        if (!abort.signal.aborted) await delay(this.retryDelayMs, abort.signal);
      }
    })();
  }

  private async halt(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.abort = null;
    this.loop = null;
  }

  private applyBatch(model: ProjectionModel, batch: StoredEvent[]): void {
    // a read of its own per batch: the names it numbers are dropped with it
    new FactFiler(model).file(createFactDecoder()(batch).value);
    if (batch.length > 0) this.applied(model, batch.length, batch[batch.length - 1].position);
  }

  private applied(model: ProjectionModel, count: number, lastPosition: number): void {
    if (count > 0) {
      this.headSeen = Math.max(this.headSeen, lastPosition);
      this.appliedSinceSave += count;
      this.state.lastAppliedAt = this.now();
    }
    if (model === this.current) this.settleWaiters();
  }

  private async maybeSave(): Promise<void> {
    const since = this.state.lastSavedAt ?? 0;
    if (this.appliedSinceSave >= this.saveEveryEvents || (this.appliedSinceSave > 0 && this.now() - since >= this.saveEveryMs)) {
      try {
        await this.save();
      } catch (error) {
        // The log is the source of truth: a failed save only costs replay time on the next start.
        this.options.onError?.(error);
      }
    }
  }

  private settleWaiters(): void {
    const reached = this.current.checkpoint;
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.position > reached) return true;
      clearTimeout(waiter.timer);
      waiter.resolve();
      return false;
    });
  }
}

/**
 * Events per batch while a start or a rebuild catches up: larger pages than the live follow's,
 * since a catch-up reads the log to its head and the reader thread reads one page ahead.
 */
export const CATCH_UP_BATCH_SIZE = 5_000;

/**
 * Applies the log after the model's checkpoint up to the head: the catch-up of a start and of a
 * rebuild (`npm run rebuild`), and the rebuild row of `npm run bench:projections`. The store reads
 * and decodes the next batch into fact columns while this one is filed, on its reader thread where
 * it has one (`readToHeadTransformed`); `applied` runs after each batch, before the next is filed.
 */
export async function catchUp(
  model: ProjectionModel,
  store: Pick<EventStore, 'readAll'>,
  options: { batchSize: number; applied?: (batch: TransformedBatch<FactColumns>) => void | Promise<void> },
): Promise<void> {
  const filer = new FactFiler(model);
  for await (const batch of readToHeadTransformed<FactColumns>(store, model.checkpoint, options.batchSize, FACT_DECODER)) {
    filer.file(batch.value);
    await options.applied?.(batch);
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
