import { SCHEMA_VERSION, type CaseEvent, type RecordedCaseEvent } from '@fristvakt/domain';
import type { JsonObject, JsonValue, NewEvent, StoredEvent } from '@fristvakt/event-store';

/*
 * The one mapping between case events and the generic event store. `occurredAt` travels in
 * metadata because it is the client's statement about the event (valid time), whereas the store
 * owns recordedAt/recordedBy/version/position (transaction time).
 */

const STREAM_PREFIX = 'case-';

export function caseStreamId(caseId: string): string {
  return STREAM_PREFIX + caseId;
}

/** The case id of a case stream, or undefined for a stream that is not a case. */
export function caseIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(STREAM_PREFIX) && streamId.length > STREAM_PREFIX.length ? streamId.slice(STREAM_PREFIX.length) : undefined;
}

export function toNewEvent(event: CaseEvent): NewEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    data: withoutUndefined(event.data),
    metadata: { occurredAt: event.occurredAt, schemaVersion: SCHEMA_VERSION },
  };
}

export function toRecordedCaseEvent(stored: StoredEvent): RecordedCaseEvent {
  const caseId = caseIdOfStream(stored.streamId);
  if (caseId === undefined) throw new Error(`stream ${stored.streamId} is not a case stream`);
  const { occurredAt, schemaVersion } = stored.metadata;
  if (typeof occurredAt !== 'string') throw new Error(`event ${stored.eventId} in ${stored.streamId} has no occurredAt`);
  return {
    eventId: stored.eventId,
    type: stored.type,
    occurredAt,
    data: stored.data,
    caseId,
    version: stored.version,
    position: stored.position,
    recordedAt: stored.recordedAt,
    recordedBy: stored.recordedBy,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : SCHEMA_VERSION,
  } as RecordedCaseEvent;
}

/**
 * Optional fields set to `undefined` would vanish in storage, so an idempotent resend built the
 * same way would compare unequal to what was stored; drop them up front.
 */
function withoutUndefined(data: object): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined) out[key] = value as JsonValue;
  }
  return out;
}
