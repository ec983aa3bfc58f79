import { caseIdOfStream, caseStreamId } from '@fristvakt/case-recording';
import type { EventStore, StoredEvent } from '@fristvakt/event-store';
import { csvHeader, csvRow, ndjsonLine, toAuditRecord, type AuditRecord } from './audit-record';

export interface AuditEventFilter {
  /** recordedAt ≥ from (epoch ms) */
  fromMs?: number;
  /** recordedAt ≤ to (epoch ms) */
  toMs?: number;
  caseId?: string;
  /** null: every municipality (and streams that belong to none) */
  municipalities: ReadonlySet<string> | null;
}

export type ExportFormat = 'ndjson' | 'csv';

const PAGE_SIZE = 1_000;

/**
 * Every event the filter admits, in log order, retracted ones and retractions included. Pages
 * through the log, so memory stays bounded by one page plus the municipality of each case seen
 * (a case's stream starts with the notification that names it). Reads up to the head as it was
 * at the start, so a busy log cannot keep an export running forever.
 */
export async function* auditRecords(store: EventStore, filter: AuditEventFilter): AsyncGenerator<AuditRecord[]> {
  if (filter.caseId !== undefined) {
    const stream = await store.readStream(caseStreamId(filter.caseId));
    const municipality = firstMunicipality(stream);
    if (!admitsMunicipality(filter, municipality)) return;
    const records = stream.filter((event) => inTime(filter, event)).map((event) => toAuditRecord(event, municipality));
    if (records.length > 0) yield records;
    return;
  }
  const head = await store.headPosition();
  const municipalityOfCase = new Map<string, string>();
  let after = 0;
  while (after < head) {
    const page = await store.readAll(after, Math.min(PAGE_SIZE, head - after));
    if (page.length === 0) break;
    after = page[page.length - 1].position;
    const records: AuditRecord[] = [];
    for (const event of page) {
      const caseId = caseIdOfStream(event.streamId);
      if (caseId !== undefined && event.type === 'NotificationReceived' && !municipalityOfCase.has(caseId)) {
        const named = event.data.municipality;
        if (typeof named === 'string') municipalityOfCase.set(caseId, named);
      }
      const municipality = caseId === undefined ? null : (municipalityOfCase.get(caseId) ?? null);
      if (inTime(filter, event) && admitsMunicipality(filter, municipality)) records.push(toAuditRecord(event, municipality));
    }
    if (records.length > 0) yield records;
  }
}

/** The export as text chunks (one per page), ready to pipe to a response with backpressure. */
export async function* exportChunks(records: AsyncIterable<AuditRecord[]>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  for await (const page of records) {
    let chunk = '';
    for (const record of page) chunk += format === 'csv' ? csvRow(record) : ndjsonLine(record);
    yield chunk;
  }
}

function inTime(filter: AuditEventFilter, event: StoredEvent): boolean {
  if (filter.fromMs === undefined && filter.toMs === undefined) return true;
  const at = Date.parse(event.recordedAt);
  return (filter.fromMs === undefined || at >= filter.fromMs) && (filter.toMs === undefined || at <= filter.toMs);
}

function admitsMunicipality(filter: AuditEventFilter, municipality: string | null): boolean {
  return filter.municipalities === null || (municipality !== null && filter.municipalities.has(municipality));
}

function firstMunicipality(stream: StoredEvent[]): string | null {
  for (const event of stream) {
    if (event.type === 'NotificationReceived' && typeof event.data.municipality === 'string') return event.data.municipality;
  }
  return null;
}
