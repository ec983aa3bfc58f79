import crypto from 'node:crypto';

/**
 * The emulator's storage: one transaction log of event records, faithful to what EventStoreDB exposes.
 *  - stream revisions are 0-based; a missing stream has no revision ("no stream")
 *  - every record sits at its own log position (commit === prepare, as for gRPC implicit transactions);
 *    positions are byte offsets, so they are large and sparse, and the log starts after an epoch record
 *  - `$`-prefixed system streams/events share the log with user events, so `$all` filters matter
 *  - idempotency: the same ids at the expected slots are an idempotent success, a partial match is a
 *    wrong expected version; for ANY / STREAM_EXISTS a run of the same ids anywhere in the stream
 */

export interface ProposedEvent {
  eventId: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  position: bigint;
  streamName: string;
  revision: bigint;
  /** .NET ticks (100 ns) since the Unix epoch */
  created: bigint;
}

export type ExpectedState = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: bigint };

export type AppendOutcome =
  { ok: true; currentRevision: bigint | undefined; position: bigint | undefined } | { ok: false; currentRevision: bigint | undefined };

/** Where the first record goes: real logs start with an epoch record and a few system records. */
const FIRST_POSITION = 4_096n;
/** Rough size of a log-v2 prepare record header, so positions advance like real byte offsets. */
const RECORD_OVERHEAD = 108;

export class TransactionLog {
  private readonly records: LogRecord[] = [];
  private readonly byPosition = new Map<bigint, LogRecord>();
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<(records: LogRecord[]) => void>();
  private end = FIRST_POSITION;
  private appends = 0;

  /**
   * `systemEventEvery`: after every n-th successful write the "server" records a `$statsCollected` event
   * in a `$stats-…` stream, as a real node does periodically, so `$all` readers meet foreign events.
   */
  constructor(
    private readonly clock: () => Date = () => new Date(),
    private readonly systemEventEvery = 0,
  ) {
    this.write('$users', [systemEvent('$UserCreated', { loginName: 'admin' })]);
    this.write('$settings', [systemEvent('$settings', { $userStreamAcl: {}, $systemStreamAcl: {} })]);
  }

  writeSystemEvent(): LogRecord {
    return this.write('$stats-127.0.0.1:2113', [systemEvent('$statsCollected', { 'proc-mem': 123_456 })])[0];
  }

  /** The position after the last record (where the next one will go). */
  get endPosition(): bigint {
    return this.end;
  }

  get all(): readonly LogRecord[] {
    return this.records;
  }

  /** Positions a reader may start from: a record's position, the end of the log, or 0 (start). */
  isValidPosition(position: bigint): boolean {
    return position === 0n || position === this.end || this.byPosition.has(position);
  }

  stream(name: string): readonly LogRecord[] | undefined {
    return this.streams.get(name);
  }

  currentRevision(name: string): bigint | undefined {
    const stream = this.streams.get(name);
    return stream && stream.length > 0 ? BigInt(stream.length - 1) : undefined;
  }

  append(streamName: string, expected: ExpectedState, events: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1; // -1: no stream
    const currentRevision = current < 0 ? undefined : BigInt(current);
    const idempotent = (firstRevision: number): AppendOutcome | undefined => {
      if (events.length === 0 || firstRevision < 0) return undefined;
      const slots = stream.slice(firstRevision, firstRevision + events.length);
      if (slots.length !== events.length || slots.some((record, i) => record.eventId !== events[i].eventId)) return undefined;
      const last = slots[slots.length - 1];
      return { ok: true, currentRevision: last.revision, position: last.position };
    };

    if (expected.kind === 'revision' || expected.kind === 'no_stream') {
      const expectedRevision = expected.kind === 'no_stream' ? -1 : Number(expected.revision);
      if (expectedRevision !== current) {
        if (expectedRevision < current) {
          const replay = idempotent(expectedRevision + 1);
          if (replay) return replay;
        }
        return { ok: false, currentRevision };
      }
    } else {
      if (expected.kind === 'stream_exists' && current < 0) return { ok: false, currentRevision };
      const first = events.length > 0 ? stream.findIndex((record) => record.eventId === events[0].eventId) : -1;
      if (first >= 0) return idempotent(first) ?? { ok: false, currentRevision };
    }
    if (events.length === 0) return { ok: true, currentRevision, position: undefined };
    const written = this.write(streamName, events);
    const last = written[written.length - 1];
    this.appends += 1;
    if (this.systemEventEvery > 0 && this.appends % this.systemEventEvery === 0) this.writeSystemEvent();
    return { ok: true, currentRevision: last.revision, position: last.position };
  }

  /** Writes without any check, as the server itself does for its `$` streams. */
  write(streamName: string, events: ProposedEvent[]): LogRecord[] {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    const created = BigInt(this.clock().getTime()) * 10_000n;
    const written = events.map((event) => {
      const record: LogRecord = {
        ...event,
        eventId: event.eventId.toLowerCase(),
        position: this.end,
        streamName,
        revision: BigInt(stream.length),
        created,
      };
      this.end += BigInt(
        RECORD_OVERHEAD + Buffer.byteLength(streamName) + Buffer.byteLength(event.type) + event.data.length + event.metadata.length,
      );
      stream.push(record);
      this.records.push(record);
      this.byPosition.set(record.position, record);
      return record;
    });
    for (const listener of [...this.listeners]) listener(written);
    return written;
  }

  /** Records after `position` (exclusive), in log order. */
  after(position: bigint): LogRecord[] {
    const index = this.records.findIndex((record) => record.position > position);
    return index < 0 ? [] : this.records.slice(index);
  }

  subscribe(listener: (records: LogRecord[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function systemEvent(type: string, data: object): ProposedEvent {
  return {
    eventId: crypto.randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    metadata: new Uint8Array(),
  };
}
