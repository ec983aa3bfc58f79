import { DEFAULT_DEADLINE_RULES, type CaseEvent, type RecordedCaseEvent } from '@fristvakt/domain';
import { closed, cleared, measureStarted, opened, received, RecordedLog, retract } from '@fristvakt/domain/testing';
import { explainCase, type ExplainQuery } from './explain';

/** One case's stream, each event with its recording time; event ids `<caseId>-<version>`. */
function history(caseId: string, events: Array<[event: CaseEvent, recordedAt: string]>): RecordedCaseEvent[] {
  const log = new RecordedLog();
  return events.map(([event, recordedAt], index) => log.add(caseId, event, { recordedAt, eventId: `${caseId}-${index + 1}` }));
}

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
      [received('n1', '2024-02-01'), '2024-02-01T10:00:00Z'],
      [opened('u1', 'n1', '2024-02-05'), '2024-02-05T10:00:00Z'],
      [closed('u1', '2024-06-20', 'measures_decided'), '2024-07-10T10:00:00Z'],
    ]);
    expect(ids(h)).toEqual([['a-3', 'recorded_after']]);
  });

  it('lists an event whose retraction was recorded after knownAt, with the retraction', () => {
    const h = history('b', [
      [received('n1', '2024-03-01'), '2024-03-01T10:00:00Z'],
      [cleared('n1', '2024-03-05', 'no_grounds'), '2024-03-05T10:00:00Z'],
      [retract('b-2', '2024-07-08'), '2024-07-08T10:00:00Z'],
    ]);
    expect(explainCase(h, query)).toEqual([
      expect.objectContaining({ eventId: 'b-2', why: 'retracted_after', retractedBy: 'b-3', retractedAt: '2024-07-08T10:00:00Z' }),
    ]);
  });

  it('ignores late events that change nothing in the period', () => {
    const closedAfterPeriod = history('c', [
      [received('n1', '2024-04-20'), '2024-04-20T10:00:00Z'],
      [opened('u1', 'n1', '2024-05-01'), '2024-05-01T10:00:00Z'],
      [closed('u1', '2024-08-15', 'measures_decided'), '2024-08-16T10:00:00Z'],
    ]);
    const lateMeasure = history('d', [
      [received('n1', '2024-01-10'), '2024-01-10T10:00:00Z'],
      [measureStarted('m1', '3.2', '2024-06-01', { basis: null }), '2024-07-20T10:00:00Z'],
    ]);
    const afterPeriod = history('g', [[received('n1', '2024-07-03'), '2024-07-06T10:00:00Z']]);
    const recordedAndRetractedLater = history('f', [
      [received('n1', '2024-01-10'), '2024-01-10T10:00:00Z'],
      [cleared('n1', '2024-06-01', 'no_grounds'), '2024-07-06T10:00:00Z'],
      [retract('f-2', '2024-07-07', { reason: 'duplicate' }), '2024-07-07T10:00:00Z'],
    ]);
    for (const h of [closedAfterPeriod, lateMeasure, afterPeriod, recordedAndRetractedLater]) expect(ids(h)).toEqual([]);
  });

  it('lists a notification received in the period but recorded late, and every event needed for its conclusion', () => {
    const h = history('e', [
      [received('n1', '2024-06-25'), '2024-07-06T10:00:00Z'],
      [opened('u1', 'n1', '2024-06-28'), '2024-07-06T10:00:00Z'],
    ]);
    expect(ids(h)).toEqual([
      ['e-1', 'recorded_after'],
      ['e-2', 'recorded_after'],
    ]);
  });

  it('respects the municipality of the figures', () => {
    const h = history('h', [[received('n1', '2024-06-25', { municipality: '0301' }), '2024-07-06T10:00:00Z']]);
    expect(ids(h, { ...query, municipality: '3201' })).toEqual([]);
    expect(ids(h, { ...query, municipality: '0301' })).toEqual([['h-1', 'recorded_after']]);
  });
});
