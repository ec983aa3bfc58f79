import type { ChainReport, VerifyChainOptions } from './hash-chain/verify-chain';

/**
 * The event-store port: every adapter (in-memory, SQLite, EventStoreDB) implements exactly this and
 * passes the one contract suite in `test/event-store/contract.ts`.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What a caller asks to append. `metadata` is caller content that belongs to the event (e.g. occurredAt, schemaVersion). */
export interface NewEvent {
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/** An event as the store holds it. `version` is 1-based within the stream; `position` is 1-based and global. */
export interface StoredEvent extends NewEvent {
  streamId: string;
  version: number;
  position: number;
  /** transaction time, assigned by the store when it accepts the append (ISO-8601 UTC) */
  recordedAt: string;
  /** authenticated subject that recorded it; never client content */
  recordedBy: string;
  /**
   * SHA-256 link of the audit hash chain (`src/hash-chain/README.md`), set by adapters
   * that chain (in-memory, SQLite); absent where the storage keeps no chain.
   */
  hash?: string;
}

export interface AppendOptions {
  /** The stream version the caller decided against; 0 means the stream must not exist yet. Never "any". */
  expectedVersion: number;
  recordedBy: string;
}

export interface AppendResult {
  streamId: string;
  /** stream version after the append (the last event's version) */
  version: number;
  /** global position of the last event of the batch */
  position: number;
  events: StoredEvent[];
  /** true when every event id was already stored with the same content: nothing new was written */
  replayed: boolean;
}

export interface ReadStreamOptions {
  /** inclusive, 1-based */
  fromVersion?: number;
  /** inclusive */
  toVersion?: number;
}

export interface FollowOptions {
  signal?: AbortSignal;
  batchSize?: number;
}

export interface EventStore {
  /**
   * Appends the batch atomically. Idempotency is checked before the version: a batch whose event ids are
   * all already stored in this stream with the same type, data and metadata returns the original result
   * (`replayed: true`). Throws {@link EventIdConflictError} when an id is stored with other content or in
   * another stream (its message never names that stream: it may be another tenant's), or only part of
   * the batch was stored; {@link VersionConflictError} when the stream's version is not `expectedVersion`.
   */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in version order; an unknown stream is an empty array. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Current version of the stream; 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** Up to `limit` events with position strictly greater than `afterPosition`, in global order. */
  readAll(afterPosition: number, limit: number): Promise<StoredEvent[]>;
  /** Position of the last stored event; 0 for an empty log. */
  headPosition(): Promise<number>;
  /**
   * How many events have a position greater than `afterPosition`, counting at most `limit`: a
   * follower's lag in events. Positions need not be gapless (EventStoreDB's are byte offsets), so
   * `headPosition() - afterPosition` is not a count; an adapter that has to scan stops at `limit`.
   */
  countAfter(afterPosition: number, limit: number): Promise<number>;
  /**
   * Batches of events after `afterPosition` in global order: first what is stored, then new events as
   * they are appended (by any writer to the same store), until the signal aborts.
   */
  follow(afterPosition: number, options?: FollowOptions): AsyncIterable<StoredEvent[]>;
  close(): Promise<void>;
}

/**
 * Optional capability: an adapter that verifies its own hash chain from what it stores (SQLite reads
 * its raw rows, stored `prev_hash` included, on a connection of its own that never blocks appends).
 * Callers go through `verifyStoreChain`, which falls back to the port's events for other adapters.
 */
export interface ChainVerifying {
  verifyChain(options?: VerifyChainOptions): Promise<ChainReport>;
}

export function canVerifyChain(store: EventStore): store is EventStore & ChainVerifying {
  return typeof (store as Partial<ChainVerifying>).verifyChain === 'function';
}

/**
 * Optional capability: reads the log from `afterPosition` to its head ahead of the caller, on
 * another thread, and turns each batch there, so a replay reads and decodes the next batch while it
 * applies this one (SQLite: a reader thread with a read-only connection of its own). The batches
 * are those `readAll` would return, paged by `batchSize`; the read ends at the first page that
 * finds nothing more. Callers go through {@link readToHeadTransformed}, which pages `readAll` and
 * turns the batches on the calling thread for other adapters.
 */
export interface ReadingAhead {
  readAheadTransformed<T>(
    afterPosition: number,
    options: { batchSize: number; transform: BatchTransform },
  ): AsyncIterable<TransformedBatch<T>>;
}

/**
 * Names the function that turns a replay's batches into what it applies, so a store that reads
 * ahead on another thread can run it there and send only its result: the calling thread then does
 * not build (and collect) an object per event. `module` is the absolute path of the module that
 * exports it as `exportName` (its own `__filename`: TypeScript under tsx and jest, JavaScript in
 * the build), a {@link BatchTransformFactory}.
 */
export interface BatchTransform {
  readonly module: string;
  readonly exportName: string;
}

/**
 * Called once per read; the function it returns is called on each batch of that read, in order
 * (so it may keep state for the read, such as numbers for the streams it has seen). What it returns
 * may cross a thread boundary: plain data and typed arrays (structured cloning), with the buffers
 * to move rather than copy in `transfer`.
 */
export type BatchTransformFactory<T> = () => (events: readonly StoredEvent[]) => Transformed<T>;

export interface Transformed<T> {
  readonly value: T;
  /** buffers of `value` moved, not copied, to the calling thread (they are detached where the transform ran) */
  readonly transfer?: readonly ArrayBuffer[];
}

/** A batch of {@link readToHeadTransformed}: the transform's value, and the events it was made of. */
export interface TransformedBatch<T> {
  readonly value: T;
  /** events in the batch (at least one) */
  readonly count: number;
  /** global position of its last event */
  readonly lastPosition: number;
}

export function canReadAhead(store: Pick<EventStore, 'readAll'>): store is Pick<EventStore, 'readAll'> & ReadingAhead {
  return typeof (store as Partial<ReadingAhead>).readAheadTransformed === 'function';
}

/**
 * The events after `afterPosition` up to the head, in batches of at most `batchSize` in global
 * order, ending at the first read that finds nothing more (events appended meanwhile may be in it):
 * a replay's catch-up. Each batch is turned by `transform`: on the store's reader thread where it
 * reads ahead, else on the calling thread (the module loaded with `require`). Either way the
 * transform sees the events `readAll` returns, in the same batches, one read's batches in order.
 * Breaking out of the loop stops the read.
 */
export async function* readToHeadTransformed<T>(
  store: Pick<EventStore, 'readAll'>,
  afterPosition: number,
  batchSize: number,
  transform: BatchTransform,
): AsyncGenerator<TransformedBatch<T>, void, undefined> {
  if (canReadAhead(store)) yield* store.readAheadTransformed<T>(afterPosition, { batchSize, transform });
  else yield* transformBatches<T>(pageToHead(store, afterPosition, batchSize), transform);
}

/** `batches`, each turned by `transform` on this thread (one factory call for the whole read). */
export async function* transformBatches<T>(
  batches: AsyncIterable<readonly StoredEvent[]>,
  transform: BatchTransform,
): AsyncGenerator<TransformedBatch<T>, void, undefined> {
  const turn = loadBatchTransform<T>(transform)();
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    yield { value: turn(batch).value, count: batch.length, lastPosition: batch[batch.length - 1].position };
  }
}

/** The factory `transform` names, or an error that says which module or export is missing. */
export function loadBatchTransform<T>(transform: BatchTransform): BatchTransformFactory<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is named at run time, and must load the same way on a worker thread
  const loaded = require(transform.module) as Record<string, unknown>;
  const factory = loaded[transform.exportName];
  if (typeof factory !== 'function') throw new TypeError(`${transform.module} exports no batch transform named ${transform.exportName}`);
  return factory as BatchTransformFactory<T>;
}

/** The log after `afterPosition` up to the head, on the calling thread: `readAll` page after page. */
export async function* pageToHead(
  store: Pick<EventStore, 'readAll'>,
  afterPosition: number,
  batchSize: number,
): AsyncGenerator<StoredEvent[], void, undefined> {
  for (let after = afterPosition; ;) {
    const batch = await store.readAll(after, batchSize);
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1].position;
  }
}

/** One append of a bulk: the arguments `append` takes. */
export interface BulkAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
}

/**
 * How one append of a bulk ended: what `append` would have resolved with (less the stored events,
 * which a bulk writer does not parse back), or the error it would have thrown.
 */
export type BulkAppendOutcome = { ok: true; result: Omit<AppendResult, 'events'> } | { ok: false; error: unknown };

/**
 * Optional capability: appends to many streams in few transactions (a history import). Each append
 * is atomic and checked exactly as `append` checks it (idempotency first, then its expected
 * version), in the order given, so a later append sees the earlier ones; one that fails is left out
 * alone and the others are stored. Resolves once every written append is durable. Callers go
 * through {@link appendMany}, which falls back to one `append` per stream for other adapters.
 */
export interface BulkAppending {
  appendMany(appends: readonly BulkAppend[]): Promise<BulkAppendOutcome[]>;
}

export function canAppendMany(store: EventStore): store is EventStore & BulkAppending {
  return typeof (store as Partial<BulkAppending>).appendMany === 'function';
}

/** Appends a bulk through the store's own bulk path when it has one, else one append per stream, in order. */
export async function appendMany(store: EventStore, appends: readonly BulkAppend[]): Promise<BulkAppendOutcome[]> {
  if (canAppendMany(store)) return store.appendMany(appends);
  const outcomes: BulkAppendOutcome[] = [];
  for (const { streamId, events, options } of appends) {
    try {
      const { events: _stored, ...result } = await store.append(streamId, events, options);
      outcomes.push({ ok: true, result });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`);
  }
}

export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
    detail: string,
  ) {
    super(detail);
  }
}
