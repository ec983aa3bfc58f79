import { DEFAULT_DEADLINE_RULES, type RecordedCaseEvent } from '@fristvakt/domain';
import { explainCase, type ExplainQuery } from './explain';

let position = 0;
function history(
  caseId: string,
  events: Array<[type: string, occurredAt: string, recordedAt: string, data: Record<string, unknown>, eventId?: string]>,
): RecordedCaseEvent[] {
  return events.map(([type, occurredAt, recordedAt, data, eventId], index) => ({
    eventId: eventId ?? `${caseId}-${index + 1}`,
    type,
    occurredAt,
    data,
    caseId,
    version: index + 1,
    position: ++position,
    recordedAt,
    recordedBy: 'intake-1',
    schemaVersion: 1,
  })) as RecordedCaseEvent[];
}

const received = (n = 'n1', municipality = '3201') => ({ notificationId: n, municipality, reporters: ['11'] });
const query: ExplainQuery = {
  period: { from: '2024-01-01', to: '2024-06-30' },
  knownAtMs: Date.parse('2024-07-05T00:00:00Z'),
  method: 'legal',
  rules: DEFAULT_DEADLINE_RULES,
  asOf: '2024-12-31',
};
const ids = (caseHistory: RecordedCaseEvent[], q: ExplainQuery = query) => explainCase(caseHistory, q).map((e) => [e.eventId, e.why]);

describe('explainCase', () => {
  it('lists a closing recorded after knownAt that moves an investigation from open to closed in the period', () => {
    const h = history('a', [
      ['NotificationReceived', '2024-02-01', '2024-02-01T10:00:00Z', received()],
      ['InvestigationOpened', '2024-02-05', '2024-02-05T10:00:00Z', { investigationId: 'u1', notificationId: 'n1' }],
      ['InvestigationClosed', '2024-06-20', '2024-07-10T10:00:00Z', { investigationId: 'u1', outcome: 'measures_decided' }],
    ]);
    expect(ids(h)).toEqual([['a-3', 'recorded_after']]);
  });

  it('lists an event whose retraction was recorded after knownAt, with the retraction', () => {
    const h = history('b', [
      ['NotificationReceived', '2024-03-01', '2024-03-01T10:00:00Z', received()],
      ['NotificationCleared', '2024-03-05', '2024-03-05T10:00:00Z', { notificationId: 'n1', reason: 'no_grounds' }],
      ['EventRetracted', '2024-07-08', '2024-07-08T10:00:00Z', { retractedEventId: 'b-2', reason: 'registration_error' }],
    ]);
    expect(explainCase(h, query)).toEqual([
      expect.objectContaining({ eventId: 'b-2', why: 'retracted_after', retractedBy: 'b-3', retractedAt: '2024-07-08T10:00:00Z' }),
    ]);
  });

  it('ignores late events that change nothing in the period', () => {
    const closedAfterPeriod = history('c', [
      ['NotificationReceived', '2024-04-20', '2024-04-20T10:00:00Z', received()],
      ['InvestigationOpened', '2024-05-01', '2024-05-01T10:00:00Z', { investigationId: 'u1', notificationId: 'n1' }],
      ['InvestigationClosed', '2024-08-15', '2024-08-16T10:00:00Z', { investigationId: 'u1', outcome: 'measures_decided' }],
    ]);
    const lateMeasure = history('d', [
      ['NotificationReceived', '2024-01-10', '2024-01-10T10:00:00Z', received()],
      ['MeasureStarted', '2024-06-01', '2024-07-20T10:00:00Z', { measureId: 'm1', category: '3.2' }],
    ]);
    const afterPeriod = history('g', [['NotificationReceived', '2024-07-03', '2024-07-06T10:00:00Z', received()]]);
    const recordedAndRetractedLater = history('f', [
      ['NotificationReceived', '2024-01-10', '2024-01-10T10:00:00Z', received()],
      ['NotificationCleared', '2024-06-01', '2024-07-06T10:00:00Z', { notificationId: 'n1', reason: 'no_grounds' }],
      ['EventRetracted', '2024-07-07', '2024-07-07T10:00:00Z', { retractedEventId: 'f-2', reason: 'duplicate' }],
    ]);
    for (const h of [closedAfterPeriod, lateMeasure, afterPeriod, recordedAndRetractedLater]) expect(ids(h)).toEqual([]);
  });

  it('lists a notification received in the period but recorded late, and every event needed for its conclusion', () => {
    const h = history('e', [
      ['NotificationReceived', '2024-06-25', '2024-07-06T10:00:00Z', received()],
      ['InvestigationOpened', '2024-06-28', '2024-07-06T10:00:00Z', { investigationId: 'u1', notificationId: 'n1' }],
    ]);
    expect(ids(h)).toEqual([
      ['e-1', 'recorded_after'],
      ['e-2', 'recorded_after'],
    ]);
  });

  it('respects the municipality of the figures', () => {
    const h = history('h', [['NotificationReceived', '2024-06-25', '2024-07-06T10:00:00Z', received('n1', '0301')]]);
    expect(ids(h, { ...query, municipality: '3201' })).toEqual([]);
    expect(ids(h, { ...query, municipality: '0301' })).toEqual([['h-1', 'recorded_after']]);
  });
});
