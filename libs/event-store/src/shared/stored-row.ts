import type { StoredEvent } from '../event-store.port';

/** An event as adapters keep it: payloads as JSON text, parsed only when read. */
export interface StoredRow {
  position: number;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
  recordedBy: string;
  /** null for rows written before the hash chain existed and not yet migrated */
  hash: string | null;
}

/** The SQLite select list that yields a {@link StoredRow}. */
export const STORED_ROW_COLUMNS = `position, stream_id AS streamId, version, event_id AS eventId, type, data, metadata,
  recorded_at AS recordedAt, recorded_by AS recordedBy, hash`;

export function toStoredEvent(row: StoredRow): StoredEvent {
  return {
    eventId: row.eventId,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.streamId,
    version: row.version,
    position: row.position,
    recordedAt: row.recordedAt,
    recordedBy: row.recordedBy,
    ...(row.hash !== null && { hash: row.hash }),
  };
}
