import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
  type RecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  VersionConflictError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type FollowOptions,
  type NewEvent,
  type ReadStreamOptions,
  type StoredEvent,
} from '../event-store.port';
import { prepareBatch, resolveReplay, timestamp, type PreparedEvent } from '../shared/append-guard';
import { assertNonNegativeInteger } from '../shared/follow-log';
import {
  ENVELOPE_SCHEMA_VERSION,
  assertUuidIds,
  decodeRecordedEvent,
  normaliseEventId,
  toEventData,
  type DecodedEvent,
  type StoreMetadata,
} from './event-envelope';
import { followCaseLog, type ReconnectPolicy } from './follow-case-log';
import { comparePositions, toEsdbPosition } from './position-mapping';
import { revisionOfVersion, toExpectedRevision, toStreamVersion } from './version-mapping';

/** Every stream this store writes is a case stream; `$all` holds other streams we must skip. */
export const CASE_STREAM_PREFIX = 'case-';
/** Page size when scanning `$all` (which the client can only filter on our side for plain reads). */
const ALL_PAGE_SIZE = 512;

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`, or `esdb+discover://…` for a cluster */
  connectionString: string;
  /**
   * Prepended to every stream name, e.g. to give a test run or an environment its own slice of a shared
   * server. Default '' — the ESDB stream is named exactly like the port's streamId (`case-<caseId>`).
   */
  streamNamePrefix?: string;
  clock?: () => Date;
  /** backoff between resubscriptions of `follow` after a dropped subscription */
  reconnect?: Partial<ReconnectPolicy>;
  onSubscriptionDropped?: (error: unknown, attempt: number) => void;
}

/**
 * The event-store port on EventStoreDB (gRPC client 6.x). One ESDB stream per case stream, named exactly
 * like the port's streamId (`case-<caseId>`). See README.md next to this file for the mapping of
 * versions, positions, idempotency and what differs from the SQL adapters.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly clock: () => Date;
  private readonly reconnect: ReconnectPolicy;
  private readonly onSubscriptionDropped?: (error: unknown, attempt: number) => void;
  private readonly closing = new AbortController();
  private readonly prefix: string;
  /** ESDB stream names of our events start with this */
  private readonly caseStreamPrefix: string;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.prefix = options.streamNamePrefix ?? '';
    if (this.prefix.startsWith('$'))
      throw new Error(`streamNamePrefix must not start with "$" (system streams), got ${JSON.stringify(this.prefix)}`);
    this.caseStreamPrefix = this.prefix + CASE_STREAM_PREFIX;
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.clock = options.clock ?? (() => new Date());
    this.reconnect = { initialDelayMs: 100, maxDelayMs: 5_000, ...options.reconnect };
    this.onSubscriptionDropped = options.onSubscriptionDropped;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const normalised = Array.isArray(events)
      ? events.map((event) => ({ ...event, eventId: normaliseEventId(event?.eventId) as string }))
      : events;
    const batch = prepareBatch(streamId, normalised, options);
    assertUuidIds(streamId, batch);
    const ids = new Set(batch.map((event) => event.eventId));
    const carryingIds = (decoded: DecodedEvent[]) => decoded.map((event) => event.stored).filter((event) => ids.has(event.eventId));

    // EventStoreDB only recognises a retry at the exact expected slots; the port also replays a retry
    // with a stale expected version and refuses ids stored anywhere in the stream, so look first.
    const replay = resolveReplay(streamId, batch, carryingIds(await this.readDecoded(streamId, 1)));
    if (replay) return replay;

    const store: StoreMetadata = {
      recordedAt: timestamp(this.clock),
      recordedBy: options.recordedBy,
      schemaVersion: ENVELOPE_SCHEMA_VERSION,
      batchId: randomUUID(),
      hash: null,
    };
    let nextExpectedRevision: bigint;
    try {
      ({ nextExpectedRevision } = await this.client.appendToStream(
        this.prefix + streamId,
        batch.map((event) => toEventData(event, store)),
        { expectedRevision: toExpectedRevision(options.expectedVersion) },
      ));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A concurrent attempt may have stored this very batch since we looked: the tail decides.
      const raced = resolveReplay(streamId, batch, carryingIds(await this.readDecoded(streamId, options.expectedVersion + 1)));
      if (raced) return raced;
      throw new VersionConflictError(streamId, options.expectedVersion, toStreamVersion(error.actualVersion));
    }
    return this.appendedResult(streamId, batch, store.batchId, toStreamVersion(nextExpectedRevision));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const from = Math.max(options.fromVersion ?? 1, 1);
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    if (to < from) return [];
    return (await this.readDecoded(streamId, from, to - from + 1)).map((event) => event.stored);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    const [last] = await this.collect(
      this.client.readStream(this.prefix + streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    return last?.event ? toStreamVersion(last.event.revision) : 0;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    assertNonNegativeInteger('afterPosition', afterPosition);
    assertNonNegativeInteger('limit', limit);
    const found: StoredEvent[] = [];
    // Forward reads from a position include it: start at the caller's (real) event position and skip it.
    let from: ReadPosition = afterPosition === 0 ? START : toEsdbPosition(afterPosition);
    let seen: Position | undefined = afterPosition === 0 ? undefined : toEsdbPosition(afterPosition);
    while (found.length < limit) {
      const page = await this.collect(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: ALL_PAGE_SIZE }));
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (!position || (seen && comparePositions(position, seen) <= 0)) continue;
        seen = position;
        const stored = this.toCaseEvent(resolved);
        if (stored) found.push(stored);
        if (found.length === limit) break;
      }
      if (page.length < ALL_PAGE_SIZE || !seen) break;
      from = seen;
    }
    return found;
  }

  async countAfter(afterPosition: number, limit: number): Promise<number> {
    this.assertOpen();
    assertNonNegativeInteger('afterPosition', afterPosition);
    assertNonNegativeInteger('limit', limit);
    // Positions are byte offsets: the count needs a scan of $all, which `limit` bounds.
    let count = 0;
    let from: ReadPosition = afterPosition === 0 ? START : toEsdbPosition(afterPosition);
    let seen: Position | undefined = afterPosition === 0 ? undefined : toEsdbPosition(afterPosition);
    while (count < limit) {
      const page = await this.collect(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: ALL_PAGE_SIZE }));
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || (seen && comparePositions(event.position, seen) <= 0)) continue;
        seen = event.position;
        if (this.isCaseEvent(event)) count += 1;
        if (count === limit) break;
      }
      if (page.length < ALL_PAGE_SIZE || !seen) break;
      from = seen;
    }
    return count;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await this.collect(
        this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: ALL_PAGE_SIZE }),
      );
      for (const resolved of page) {
        const stored = this.toCaseEvent(resolved);
        if (stored) return stored.position;
      }
      const oldest: Position | undefined = page[page.length - 1]?.event?.position;
      // Backward reads from a position exclude it, so the next page starts right before the oldest seen.
      if (page.length < ALL_PAGE_SIZE || !oldest) return 0;
      from = oldest;
    }
  }

  follow(afterPosition: number, options: FollowOptions = {}): AsyncIterable<StoredEvent[]> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    return followCaseLog(
      {
        subscribe: (fromPosition, checkpointReached) =>
          this.client.subscribeToAll({
            fromPosition,
            // Server-side: only case streams, with checkpoints through long runs of other events.
            filter: streamNameFilter({
              prefixes: [this.caseStreamPrefix],
              checkpointInterval: 1,
              checkpointReached: (_subscription, position) => checkpointReached(position),
            }),
          }),
        toCaseEvent: (resolved) => this.toCaseEvent(resolved),
        reconnect: this.reconnect,
        onSubscriptionDropped: this.onSubscriptionDropped,
      },
      afterPosition,
      signal,
      options,
    );
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.client.dispose();
  }

  /**
   * Case events only: a case stream and, like the client's `excludeSystemEvents`, no `$`-typed event
   * (the subscription can apply one server-side filter, and it is spent on the stream prefix).
   */
  private toCaseEvent(resolved: AllStreamResolvedEvent | ResolvedEvent): StoredEvent | undefined {
    const event = resolved.event;
    if (!event || !this.isCaseEvent(event)) return undefined;
    return this.decode(event as RecordedEvent).stored;
  }

  private isCaseEvent(event: { streamId: string; type: string }): boolean {
    return event.streamId.startsWith(this.caseStreamPrefix) && !event.type.startsWith('$');
  }

  /** The result of a successful append, read back so positions are the server's and results equal later reads. */
  private async appendedResult(streamId: string, batch: PreparedEvent[], batchId: string, lastVersion: number): Promise<AppendResult> {
    const firstVersion = lastVersion - batch.length + 1;
    const written = await this.readDecoded(streamId, firstVersion, batch.length);
    if (written.length === batch.length && written.every((event) => event.batchId === batchId)) {
      const events = written.map((event) => event.stored);
      return { streamId, version: lastVersion, position: events[events.length - 1].position, events, replayed: false };
    }
    // EventStoreDB acknowledged the ids idempotently: an earlier attempt stored them after we looked.
    const replay = resolveReplay(
      streamId,
      batch,
      written.map((event) => event.stored),
    );
    if (replay) return replay;
    throw new Error(`append to ${streamId} succeeded but versions ${firstVersion}..${lastVersion} do not hold the batch`);
  }

  private async readDecoded(streamId: string, fromVersion: number, maxCount = Number.MAX_SAFE_INTEGER): Promise<DecodedEvent[]> {
    const resolved = await this.collect(
      this.client.readStream(this.prefix + streamId, { direction: FORWARDS, fromRevision: revisionOfVersion(fromVersion), maxCount }),
    );
    return resolved.flatMap((event) => (event.event ? [this.decode(event.event)] : []));
  }

  private decode(recorded: RecordedEvent): DecodedEvent {
    const decoded = decodeRecordedEvent(recorded);
    decoded.stored.streamId = recorded.streamId.slice(this.prefix.length);
    return decoded;
  }

  /** Drains a read; a missing stream is an empty read, as the port wants. */
  private async collect<T>(read: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    try {
      for await (const item of read) out.push(item);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new Error('event store is closed');
  }
}
