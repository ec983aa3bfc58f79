import { jsonEvent, type EventData, type RecordedEvent } from '@eventstore/db-client';
import { EventIdConflictError, type JsonObject, type JsonValue, type StoredEvent } from '../event-store.port';
import type { PreparedEvent } from '../shared/append-guard';
import { toPortPosition } from './position-mapping';
import { toStreamVersion } from './version-mapping';

/**
 * How one of our events is laid out in EventStoreDB:
 *   id        = the caller's eventId (EventStoreDB's own idempotency key), lowercase UUID
 *   type      = the caller's type; data = the caller's JSON data
 *   metadata  = { store: <what the store asserts>, caller: <the caller's metadata> }
 * Keeping the caller's metadata in its own member means no caller key can ever shadow recordedBy.
 */

export const ENVELOPE_SCHEMA_VERSION = 1;

export interface StoreMetadata {
  recordedAt: string;
  recordedBy: string;
  /** layout version of this envelope, so a later layout can be read next to this one */
  schemaVersion: number;
  /** shared by the events of one append; tells a fresh write from EventStoreDB's idempotent acknowledgement */
  batchId: string;
  /** reserved for the audit hash chain; null until it lands */
  hash: string | null;
}

interface EnvelopeMetadata {
  store: StoreMetadata;
  caller: JsonObject;
}

/** A case event as read back, with the parts of the envelope the port does not expose. */
export interface DecodedEvent {
  stored: StoredEvent;
  batchId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** EventStoreDB stores ids as GUIDs and returns them in lowercase, so we hand it lowercase ids up front. */
export function normaliseEventId(eventId: unknown): unknown {
  return typeof eventId === 'string' ? eventId.toLowerCase() : eventId;
}

export function assertUuidIds(streamId: string, batch: PreparedEvent[]): void {
  const invalid = batch.filter((event) => !UUID.test(event.eventId)).map((event) => event.eventId);
  if (invalid.length > 0) {
    throw new EventIdConflictError(streamId, invalid, `EventStoreDB needs UUID event ids; not UUIDs: ${invalid.join(', ')}`);
  }
}

export function toEventData(event: PreparedEvent, store: StoreMetadata): EventData {
  const metadata: EnvelopeMetadata = { store, caller: JSON.parse(event.metadata) as JsonObject };
  return jsonEvent({ id: event.eventId, type: event.type, data: JSON.parse(event.data) as JsonObject, metadata });
}

/** Decodes an event of a case stream; throws on anything this adapter did not write, rather than guessing. */
export function decodeRecordedEvent(recorded: RecordedEvent): DecodedEvent {
  const what = `event ${recorded.id} in ${recorded.streamId}@${recorded.revision}`;
  if (!recorded.isJson || !isObject(recorded.data)) throw new Error(`${what} is not a JSON object event`);
  const envelope = recorded.metadata as unknown;
  if (!isObject(envelope) || !isObject(envelope.store) || !isObject(envelope.caller)) {
    throw new Error(`${what} has no Fristvakt metadata envelope ({ store, caller })`);
  }
  const store = envelope.store;
  if (typeof store.recordedAt !== 'string' || typeof store.recordedBy !== 'string' || typeof store.batchId !== 'string') {
    throw new Error(`${what} has an incomplete store metadata envelope`);
  }
  return {
    batchId: store.batchId,
    stored: {
      eventId: recorded.id,
      type: recorded.type,
      data: recorded.data as JsonObject,
      metadata: envelope.caller,
      streamId: recorded.streamId,
      version: toStreamVersion(recorded.revision),
      position: toPortPosition(recorded.position, what),
      recordedAt: store.recordedAt,
      recordedBy: store.recordedBy,
    },
  };
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}
