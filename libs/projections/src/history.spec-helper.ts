import type { CaseEvent, RecordedCaseEvent } from '@fristvakt/domain';

type Data<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];

interface Stamp {
  /** transaction time; default: 20:00 UTC on the occurred date, never before the previous event */
  recordedAt?: string;
  eventId?: string;
}

/**
 * Builds a recorded log the way the store would: global positions in append order, per-case
 * versions, recordedAt non-decreasing. Specs read as "given these events".
 */
export class History {
  readonly events: RecordedCaseEvent[] = [];
  private lastRecordedMs = 0;
  private readonly versions = new Map<string, number>();

  add<T extends CaseEvent['type']>(caseId: string, type: T, occurredAt: string, data: Data<T>, stamp: Stamp = {}): RecordedCaseEvent {
    const position = this.events.length + 1;
    const defaultMs = Math.max(this.lastRecordedMs + 1000, Date.parse(`${occurredAt.slice(0, 10)}T20:00:00Z`));
    const recordedAt = stamp.recordedAt ?? new Date(defaultMs).toISOString();
    this.lastRecordedMs = Math.max(this.lastRecordedMs, Date.parse(recordedAt));
    const version = (this.versions.get(caseId) ?? 0) + 1;
    this.versions.set(caseId, version);
    const event = {
      type,
      eventId: stamp.eventId ?? `e${position}`,
      occurredAt,
      data,
      caseId,
      version,
      position,
      recordedAt,
      recordedBy: 'spec',
      schemaVersion: 1,
    } as RecordedCaseEvent;
    this.events.push(event);
    return event;
  }

  received(
    caseId: string,
    notificationId: string,
    date: string,
    opts: Partial<Data<'NotificationReceived'>> & Stamp = {},
  ): RecordedCaseEvent {
    const { recordedAt, eventId, ...data } = opts;
    return this.add(
      caseId,
      'NotificationReceived',
      date,
      { notificationId, municipality: '3201', reporters: ['11'], ...data },
      { recordedAt, eventId },
    );
  }

  cleared(
    caseId: string,
    notificationId: string,
    date: string,
    reason: Data<'NotificationCleared'>['reason'] = 'no_grounds',
    stamp?: Stamp,
  ) {
    return this.add(caseId, 'NotificationCleared', date, { notificationId, reason }, stamp);
  }

  opened(caseId: string, investigationId: string, notificationId: string, date: string, stamp?: Stamp) {
    return this.add(caseId, 'InvestigationOpened', date, { investigationId, notificationId }, stamp);
  }

  extended(caseId: string, investigationId: string, date: string, stamp?: Stamp) {
    return this.add(caseId, 'InvestigationExtended', date, { investigationId, reason: 'complex_case' }, stamp);
  }

  assessed(caseId: string, investigationId: string, date: string, approved: boolean, stamp?: Stamp) {
    return this.add(caseId, 'ExtensionAssessed', date, { investigationId, approved }, stamp);
  }

  closed(
    caseId: string,
    investigationId: string,
    date: string,
    outcome: Data<'InvestigationClosed'>['outcome'] = 'measures_decided',
    stamp?: Stamp,
  ) {
    return this.add(caseId, 'InvestigationClosed', date, { investigationId, outcome }, stamp);
  }

  measure(caseId: string, measureId: string, date: string, category = '3.9', basis?: Data<'MeasureStarted'>['basis'], stamp?: Stamp) {
    return this.add(caseId, 'MeasureStarted', date, basis === undefined ? { measureId, category } : { measureId, category, basis }, stamp);
  }

  measureEnded(caseId: string, measureId: string, date: string, stamp?: Stamp) {
    return this.add(caseId, 'MeasureEnded', date, { measureId, reason: 'completed' }, stamp);
  }

  placement(
    caseId: string,
    placementId: string,
    date: string,
    category = '2.2',
    basis: Data<'PlacementStarted'>['basis'] = 'voluntary',
    stamp?: Stamp,
  ) {
    return this.add(caseId, 'PlacementStarted', date, { placementId, category, basis }, stamp);
  }

  placementEnded(caseId: string, placementId: string, date: string, planned = true, stamp?: Stamp) {
    return this.add(caseId, 'PlacementEnded', date, { placementId, planned, reason: 'returned_to_parents' }, stamp);
  }

  retract(caseId: string, target: RecordedCaseEvent, date: string, stamp?: Stamp) {
    return this.add(caseId, 'EventRetracted', date, { retractedEventId: target.eventId, reason: 'registration_error' }, stamp);
  }
}
