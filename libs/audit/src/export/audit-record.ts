import { caseIdOfStream } from '@fristvakt/case-recording';
import type { JsonObject, StoredEvent } from '@fristvakt/event-store';

/** One exported event: everything the store holds, plus the case and its municipality. */
export interface AuditRecord {
  position: number;
  eventId: string;
  caseId: string | null;
  streamId: string;
  version: number;
  type: string;
  occurredAt: string | null;
  recordedAt: string;
  recordedBy: string;
  municipality: string | null;
  hash: string | null;
  data: JsonObject;
  metadata: JsonObject;
}

export function toAuditRecord(event: StoredEvent, municipality: string | null): AuditRecord {
  const occurredAt = event.metadata.occurredAt;
  return {
    position: event.position,
    eventId: event.eventId,
    caseId: caseIdOfStream(event.streamId) ?? null,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : null,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    municipality,
    hash: event.hash ?? null,
    data: event.data,
    metadata: event.metadata,
  };
}

export const CSV_COLUMNS: ReadonlyArray<keyof AuditRecord> = [
  'position',
  'eventId',
  'caseId',
  'streamId',
  'version',
  'type',
  'occurredAt',
  'recordedAt',
  'recordedBy',
  'municipality',
  'hash',
  'data',
  'metadata',
];

const LINE_END = '\r\n';

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled; lines end CRLF. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + LINE_END;
}

export function csvRow(record: AuditRecord): string {
  return (
    CSV_COLUMNS.map((column) => {
      const value = record[column];
      return csvField(typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
    }).join(',') + LINE_END
  );
}

export function ndjsonLine(record: AuditRecord): string {
  return JSON.stringify(record) + '\n';
}
