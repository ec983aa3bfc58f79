import type { CaseEvent, RecordedCaseEvent } from '../events';

export interface Stamp {
  /** transaction time; default: 20:00 UTC on the occurred date, never before the previous event */
  recordedAt?: string;
  /** default `e<position>`: unique across the log's cases, as the store requires */
  eventId?: string;
  /** default `spec` */
  recordedBy?: string;
}

/**
 * Records built events into a log the way the store would: global positions in append order,
 * per-case versions, recordedAt non-decreasing, event ids unique across cases (so the id a builder
 * derived from the entity id is replaced unless the stamp names one). Specs read as
 * "given these events": `log.add('c1', received('n1', '2024-01-02'))`.
 */
export class RecordedLog {
  readonly events: RecordedCaseEvent[] = [];
  private lastRecordedMs = 0;
  private readonly versions = new Map<string, number>();

  add(caseId: string, event: CaseEvent, stamp: Stamp = {}): RecordedCaseEvent {
    const position = this.events.length + 1;
    const defaultMs = Math.max(this.lastRecordedMs + 1000, Date.parse(`${event.occurredAt.slice(0, 10)}T20:00:00Z`));
    const recordedAt = stamp.recordedAt ?? new Date(defaultMs).toISOString();
    this.lastRecordedMs = Math.max(this.lastRecordedMs, Date.parse(recordedAt));
    const version = (this.versions.get(caseId) ?? 0) + 1;
    this.versions.set(caseId, version);
    const recorded = {
      type: event.type,
      eventId: stamp.eventId ?? `e${position}`,
      occurredAt: event.occurredAt,
      data: event.data,
      caseId,
      version,
      position,
      recordedAt,
      recordedBy: stamp.recordedBy ?? 'spec',
      schemaVersion: 1,
    } as RecordedCaseEvent;
    this.events.push(recorded);
    return recorded;
  }
}
