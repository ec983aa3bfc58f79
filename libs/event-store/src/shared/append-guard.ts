import {
  EventIdConflictError,
  VersionConflictError,
  type AppendOptions,
  type AppendResult,
  type NewEvent,
  type StoredEvent,
} from '../event-store.port';
import { canonicalize } from '../hash-chain/canonical';
import { canonicalJson } from './canonical-json';

/**
 * The append rules both adapters share, so in-memory and SQLite cannot drift apart. Adapters run them
 * in this order inside their write critical section:
 *   1. {@link prepareBatch} (pure validation + serialisation, may run before taking the write lock)
 *   2. look up the batch's ids → {@link resolveReplay}: a replay result, a conflict, or null (all new)
 *   3. {@link assertExpectedVersion}
 *   4. write, then {@link appendedResult}
 */

/** A validated event with its payloads serialised exactly as they will be stored. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

export function prepareBatch(streamId: string, events: NewEvent[], options: AppendOptions): PreparedEvent[] {
  assertNonEmptyString('streamId', streamId);
  assertNonEmptyString('recordedBy', options.recordedBy);
  if (!Number.isSafeInteger(options.expectedVersion) || options.expectedVersion < 0) {
    throw new RangeError(`expectedVersion must be a non-negative integer, got ${options.expectedVersion}`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error(`append to stream ${streamId} needs at least one event; an empty batch is a caller bug`);
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const prepared = events.map((event) => {
    assertNonEmptyString('eventId', event.eventId);
    assertNonEmptyString('type', event.type);
    if (seen.has(event.eventId)) duplicates.add(event.eventId);
    seen.add(event.eventId);
    return {
      eventId: event.eventId,
      type: event.type,
      data: serialiseObject('data', event.data),
      metadata: serialiseObject('metadata', event.metadata),
    };
  });
  if (duplicates.size > 0) {
    throw new EventIdConflictError(
      streamId,
      [...duplicates],
      `batch for stream ${streamId} repeats event ids ${[...duplicates].join(', ')}`,
    );
  }
  return prepared;
}

/**
 * Decides what a batch whose ids (partly) exist already means. `found` are the stored events carrying
 * any of the batch's ids, in any order. Returns null when none exist (a normal append).
 */
export function resolveReplay(streamId: string, batch: PreparedEvent[], found: StoredEvent[]): AppendResult | null {
  if (found.length === 0) return null;
  const byId = new Map(found.map((event) => [event.eventId, event]));
  const foundIds = batch.filter((event) => byId.has(event.eventId)).map((event) => event.eventId);
  if (foundIds.length !== batch.length) {
    throw new EventIdConflictError(
      streamId,
      foundIds,
      `only part of the batch for stream ${streamId} is already stored (${foundIds.join(', ')}); a retry must resend the original batch`,
    );
  }
  const elsewhere = found.filter((event) => event.streamId !== streamId);
  if (elsewhere.length > 0) {
    // The other stream may be another municipality's case: its name, and anything else about it,
    // stays out of an error that goes back to the caller. The id is simply taken.
    const ids = elsewhere.map((event) => event.eventId);
    throw new EventIdConflictError(streamId, ids, `event ids ${ids.join(', ')} are already taken; choose new ones`);
  }
  const ordered = batch.map((event) => byId.get(event.eventId) as StoredEvent);
  const firstVersion = ordered[0].version;
  if (ordered.some((event, index) => event.version !== firstVersion + index)) {
    throw new EventIdConflictError(
      streamId,
      foundIds,
      `event ids of the batch for stream ${streamId} are stored, but not as one run in this order`,
    );
  }
  const changed = ordered.filter((stored, index) => !sameContent(stored, batch[index]));
  if (changed.length > 0) {
    throw new EventIdConflictError(
      streamId,
      changed.map((event) => event.eventId),
      `event ids ${changed.map((event) => event.eventId).join(', ')} are already stored in stream ${streamId} with other content`,
    );
  }
  const last = ordered[ordered.length - 1];
  return { streamId, version: last.version, position: last.position, events: ordered, replayed: true };
}

export function assertExpectedVersion(streamId: string, expectedVersion: number, actualVersion: number): void {
  if (expectedVersion !== actualVersion) throw new VersionConflictError(streamId, expectedVersion, actualVersion);
}

/** The result of a fresh append: versions and positions are consecutive from the given first ones. */
export function appendedResult(
  streamId: string,
  batch: PreparedEvent[],
  firstVersion: number,
  firstPosition: number,
  recordedAt: string,
  recordedBy: string,
  /** the chain hashes of the batch's events, for adapters that chain */
  hashes?: readonly string[],
): AppendResult {
  const events = batch.map((event, index): StoredEvent => ({
    eventId: event.eventId,
    type: event.type,
    // Parsed back from the stored text so the result equals what a later read returns.
    data: JSON.parse(event.data),
    metadata: JSON.parse(event.metadata),
    streamId,
    version: firstVersion + index,
    position: firstPosition + index,
    recordedAt,
    recordedBy,
    ...(hashes && { hash: hashes[index] }),
  }));
  const last = events[events.length - 1];
  return { streamId, version: last.version, position: last.position, events, replayed: false };
}

/** Transaction time as ISO-8601 UTC with milliseconds (Date#toISOString always is). */
export function timestamp(clock: () => Date): string {
  const now = clock();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error('the store clock returned an invalid Date');
  return now.toISOString();
}

function sameContent(stored: StoredEvent, candidate: PreparedEvent): boolean {
  return (
    stored.type === candidate.type &&
    canonicalJson(stored.data) === canonicalJson(JSON.parse(candidate.data)) &&
    canonicalJson(stored.metadata) === canonicalJson(JSON.parse(candidate.metadata))
  );
}

function serialiseObject(field: string, value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`event ${field} must be a JSON object`);
  }
  // Canonical text, so the hash chain can hash stored payloads as they are (hash-chain/canonical.ts).
  return canonicalize(value);
}

function assertNonEmptyString(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${name} must be a non-empty string`);
}
