import type { BatchTransform, HeadBatch, JsonObject, StoredEvent } from '../event-store.port';

/** What a reader thread starts with: where to read, from where, and how far ahead of its caller. */
export interface ReaderThreadSettings {
  path: string;
  busyTimeoutMs: number;
  afterPosition: number;
  batchSize: number;
  /** batches read before the caller asks for more */
  ahead: number;
  /** given: each batch is read as `readAll`'s events and sent as this transform's value (`transformed`) */
  transform?: BatchTransform;
}

/** The caller took a batch: the thread may read one more. */
export type ToReader = 'more';

/*
 * A batch crosses the thread boundary as flat columns, not as events: structured cloning builds
 * strings in bulk far cheaper than it walks objects, and the calling thread (the one applying what
 * it reads) should do as little as it can. So the payloads of a batch are one JSON text, parsed
 * with one call; the strings that repeat from event to event (type, recordedBy) travel once per
 * batch in `names`, by index; positions, versions and those indexes travel in a buffer that is
 * moved, not copied. The thread also numbers the streams of its read (`streams`: see
 * `HeadBatch.streamOrdinals`), so the caller finds its state per stream by index, and parses
 * recordedAt (`instants`: `HeadBatch.recordedAtMs`).
 */
export type FromReader =
  | {
      kind: 'batch';
      numbers: Float64Array;
      streams: Int32Array;
      instants: Float64Array;
      texts: Array<string | null>;
      names: string[];
      payloads: string;
    }
  | { kind: 'transformed'; value: unknown; count: number; lastPosition: number }
  | { kind: 'end' }
  | { kind: 'error'; message: string };

/** A row as `SELECT ${STORED_ROW_COLUMNS}` yields it in raw mode. */
export type RawStoredRow = [
  position: number,
  streamId: string,
  version: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
  recordedBy: string,
  hash: string | null,
];

/** per event: position, version, index of its type in `names`, index of its recordedBy */
const NUMBERS = 4;
/** per event: streamId, eventId, recordedAt, hash */
const TEXTS = 4;

/**
 * `streamOrdinals`: the numbers of the streams seen so far in this read (one map per read, kept by
 * the thread); a new stream gets the next number.
 */
export function encodeBatch(rows: readonly RawStoredRow[], streamOrdinals: Map<string, number>): Extract<FromReader, { kind: 'batch' }> {
  const numbers = new Float64Array(NUMBERS * rows.length);
  const streams = new Int32Array(rows.length);
  const instants = new Float64Array(rows.length);
  const texts = new Array<string | null>(TEXTS * rows.length);
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const indexOf = (name: string): number => {
    let index = nameIndex.get(name);
    if (index === undefined) {
      index = names.push(name) - 1;
      nameIndex.set(name, index);
    }
    return index;
  };
  let payloads = '[';
  for (let i = 0; i < rows.length; i++) {
    const [position, streamId, version, eventId, type, data, metadata, recordedAt, recordedBy, hash] = rows[i];
    const n = NUMBERS * i;
    numbers[n] = position;
    numbers[n + 1] = version;
    numbers[n + 2] = indexOf(type);
    numbers[n + 3] = indexOf(recordedBy);
    let stream = streamOrdinals.get(streamId);
    if (stream === undefined) {
      stream = streamOrdinals.size;
      streamOrdinals.set(streamId, stream);
    }
    streams[i] = stream;
    instants[i] = Date.parse(recordedAt);
    const t = TEXTS * i;
    texts[t] = streamId;
    texts[t + 1] = eventId;
    texts[t + 2] = recordedAt;
    texts[t + 3] = hash;
    // stored payloads are JSON texts, so the batch's are one JSON array of them
    payloads += i === 0 ? `${data},${metadata}` : `,${data},${metadata}`;
  }
  return { kind: 'batch', numbers, streams, instants, texts, names, payloads: `${payloads}]` };
}

/** The events of a batch, as `readAll` returns them (`toStoredEvent`'s shape), with their streams' numbers. */
export function decodeBatch({ numbers, streams, instants, texts, names, payloads }: Extract<FromReader, { kind: 'batch' }>): HeadBatch {
  const count = numbers.length / NUMBERS;
  const parsed = JSON.parse(payloads) as JsonObject[];
  const events = new Array<StoredEvent>(count);
  for (let i = 0; i < count; i++) {
    const n = NUMBERS * i;
    const t = TEXTS * i;
    const hash = texts[t + 3];
    const event: StoredEvent = {
      eventId: texts[t + 1] as string,
      type: names[numbers[n + 2]],
      data: parsed[2 * i],
      metadata: parsed[2 * i + 1],
      streamId: texts[t] as string,
      version: numbers[n + 1],
      position: numbers[n],
      recordedAt: texts[t + 2] as string,
      recordedBy: names[numbers[n + 3]],
    };
    if (hash !== null) event.hash = hash;
    events[i] = event;
  }
  // not enumerable: the batch compares equal to the same events read with readAll
  return Object.defineProperties(events, { streamOrdinals: { value: streams }, recordedAtMs: { value: instants } });
}
