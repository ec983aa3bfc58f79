import { hash } from 'node:crypto';
import type { JsonObject } from '../event-store.port';
import { canonicalize } from './canonical';

/** The `prevHash` of the first event of a log. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What one link of the chain covers. `data` and `metadata` are objects, or their JSON text as
 * stored (the store keeps canonical text, so the text is used as is and only re-canonicalised
 * when the hash does not match; see {@link hashMatches}).
 */
export interface HashedFields {
  eventId: string;
  streamId: string;
  version: number;
  position: number;
  type: string;
  data: string | JsonObject;
  metadata: string | JsonObject;
  recordedAt: string;
  recordedBy: string;
}

/**
 * The canonical serialisation of one link (README "Auditors"): the JCS form of
 * `{ data, eventId, metadata, position, prevHash, recordedAt, recordedBy, streamId, type, version }`.
 * Built by concatenation in sorted key order; a spec pins it to `canonicalize` of that object.
 * `data`/`metadata` given as text must already be canonical.
 */
export function canonicalEventText(event: HashedFields, prevHash: string): string {
  return (
    '{"data":' +
    (typeof event.data === 'string' ? event.data : canonicalize(event.data)) +
    ',"eventId":' +
    JSON.stringify(event.eventId) +
    ',"metadata":' +
    (typeof event.metadata === 'string' ? event.metadata : canonicalize(event.metadata)) +
    ',"position":' +
    number(event.position) +
    ',"prevHash":' +
    JSON.stringify(prevHash) +
    ',"recordedAt":' +
    JSON.stringify(event.recordedAt) +
    ',"recordedBy":' +
    JSON.stringify(event.recordedBy) +
    ',"streamId":' +
    JSON.stringify(event.streamId) +
    ',"type":' +
    JSON.stringify(event.type) +
    ',"version":' +
    number(event.version) +
    '}'
  );
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of {@link canonicalEventText}. */
export function eventHash(event: HashedFields, prevHash: string): string {
  // One-shot hash: a Hash object per event costs more than the digest itself at verify rates.
  return hash('sha256', canonicalEventText(event, prevHash), 'hex');
}

/**
 * Whether `expected` is the hash of the event after `prevHash`. Stored text is tried verbatim
 * first (it is canonical when the store wrote it); on a mismatch it is parsed and canonicalised,
 * so text that differs only in layout (a file migrated from before the chain) still verifies,
 * and only a change of content fails.
 */
export function hashMatches(event: HashedFields, prevHash: string, expected: string): boolean {
  if (eventHash(event, prevHash) === expected) return true;
  if (typeof event.data !== 'string' && typeof event.metadata !== 'string') return false;
  try {
    const parsed = {
      ...event,
      data: typeof event.data === 'string' ? canonicalize(JSON.parse(event.data)) : event.data,
      metadata: typeof event.metadata === 'string' ? canonicalize(JSON.parse(event.metadata)) : event.metadata,
    };
    return eventHash(parsed, prevHash) === expected;
  } catch {
    return false;
  }
}

function number(value: number): string {
  // A tampered column may hold anything; JSON has no NaN, so it is written as the JSON null would be.
  return Number.isFinite(value) ? String(value) : 'null';
}
