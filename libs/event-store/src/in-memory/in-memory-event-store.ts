import type { AppendOptions, AppendResult, EventStore, FollowOptions, NewEvent, ReadStreamOptions, StoredEvent } from '../event-store.port';
import { appendedResult, assertExpectedVersion, prepareBatch, resolveReplay, timestamp } from '../shared/append-guard';
import { eventHash, GENESIS_HASH } from '../hash-chain/event-hash';
import { ChangeNotifier } from '../shared/change-notifier';
import { assertNonNegativeInteger, followLog } from '../shared/follow-log';
import { toStoredEvent, type StoredRow } from '../shared/stored-row';

export interface InMemoryEventStoreOptions {
  clock?: () => Date;
}

/** Payloads are kept as JSON text, like SQLite keeps them, so callers can never mutate stored events. */
interface Row extends StoredRow {
  hash: string;
  prevHash: string;
}

/** A faithful fake for tests and local runs: same rules as the durable adapters, nothing persisted. */
export class InMemoryEventStore implements EventStore {
  private readonly log: Row[] = [];
  private readonly byEventId = new Map<string, Row>();
  private readonly streams = new Map<string, Row[]>();
  private readonly clock: () => Date;
  private readonly notifier = new ChangeNotifier();

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    // Everything below runs without an await, so the whole check-then-write is one atomic step.
    const batch = prepareBatch(streamId, events, options);
    const found = batch.flatMap((event) => {
      const row = this.byEventId.get(event.eventId);
      return row ? [toStoredEvent(row)] : [];
    });
    const replay = resolveReplay(streamId, batch, found);
    if (replay) return replay;

    const stream = this.streams.get(streamId) ?? [];
    assertExpectedVersion(streamId, options.expectedVersion, stream.length);
    const recordedAt = timestamp(this.clock);
    const firstVersion = stream.length + 1;
    const firstPosition = this.log.length + 1;
    let prevHash = this.log.length === 0 ? GENESIS_HASH : this.log[this.log.length - 1].hash;
    const hashes = batch.map((event, index) => {
      const fields = {
        ...event,
        streamId,
        version: firstVersion + index,
        position: firstPosition + index,
        recordedAt,
        recordedBy: options.recordedBy,
      };
      const row: Row = { ...fields, hash: eventHash(fields, prevHash), prevHash };
      prevHash = row.hash;
      this.log.push(row);
      this.byEventId.set(row.eventId, row);
      stream.push(row);
      return row.hash;
    });
    this.streams.set(streamId, stream);
    this.notifier.notify();
    return appendedResult(streamId, batch, firstVersion, firstPosition, recordedAt, options.recordedBy, hashes);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER } = options;
    const stream = this.streams.get(streamId) ?? [];
    // version n sits at index n - 1
    return stream.slice(Math.max(fromVersion, 1) - 1, Math.max(toVersion, 0)).map(toStoredEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    return this.streams.get(streamId)?.length ?? 0;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    assertNonNegativeInteger('afterPosition', afterPosition);
    assertNonNegativeInteger('limit', limit);
    // position n sits at index n - 1
    return this.log.slice(afterPosition, afterPosition + limit).map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.log.length;
  }

  async countAfter(afterPosition: number, limit: number): Promise<number> {
    this.assertOpen();
    assertNonNegativeInteger('afterPosition', afterPosition);
    assertNonNegativeInteger('limit', limit);
    return Math.min(Math.max(0, this.log.length - afterPosition), limit);
  }

  follow(afterPosition: number, options?: FollowOptions): AsyncIterable<StoredEvent[]> {
    return followLog({ readAll: (after, limit) => this.readAll(after, limit), notifier: this.notifier }, afterPosition, options);
  }

  async close(): Promise<void> {
    this.notifier.close();
  }

  private assertOpen(): void {
    if (this.notifier.isClosed) throw new Error('event store is closed');
  }
}
