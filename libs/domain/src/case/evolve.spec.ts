import type { RecordedCaseEvent } from '../events';
import type { CaseState } from './case-state';
import { cleared, closed, extended, measureStarted, opened, received, retract } from '../testing';
import { stateOf } from './given-when-then.spec-helper';
import { evolve, evolveAll, initialState } from './evolve';

const n1 = received('n1', '2024-01-31T09:00:00+01:00', { childBirthYear: 2014, acute: true });
const n2 = received('n2', '2024-02-10');
const u1 = opened('u1', 'n1', '2024-02-02');

function projectionOf(s: CaseState) {
  return {
    municipality: s.municipality,
    notifications: s.notifications,
    investigations: s.investigations,
    openInvestigationId: s.openInvestigationId,
    measures: s.measures,
    placements: s.placements,
    effectiveEvents: s.effectiveEvents,
  };
}

describe('evolve', () => {
  it('starts empty', () => {
    const s = initialState('c-9');
    expect(s).toMatchObject({ caseId: 'c-9', version: 0, municipality: null, openInvestigationId: null, retractedEventIds: [] });
    expect(s.notifications.size).toBe(0);
  });

  it('records notifications, the review conclusion and the open investigation', () => {
    const s = stateOf([n1, u1, extended('u1', '2024-03-01'), n2, cleared('n2', '2024-02-11', 'joined_ongoing_investigation')]);
    expect(s.version).toBe(5);
    expect(s.municipality).toBe('3201');
    expect(s.notifications.get('n1')).toMatchObject({
      received: { occurredAt: '2024-01-31T09:00:00+01:00', eventId: 'rcv-n1' },
      childBirthYear: 2014,
      acute: true,
      conclusion: { outcome: 'investigation', occurredAt: '2024-02-02', eventId: 'open-u1' },
    });
    expect(s.notifications.get('n2')?.conclusion?.outcome).toBe('joined_ongoing_investigation');
    expect(s.openInvestigationId).toBe('u1');
    expect(s.investigations.get('u1')?.extension).toMatchObject({ occurredAt: '2024-03-01', reason: 'complex_case', assessed: null });
  });

  it('after a retraction, is as if the retracted event never happened', () => {
    const m1 = measureStarted('m1', '3.2', '2024-02-05');
    const withRetraction = stateOf([n1, u1, n2, m1, closed('u1', '2024-03-01'), retract('rcv-n2', '2024-03-02')]);
    const without = stateOf([n1, u1, m1, closed('u1', '2024-03-01')]);
    expect(projectionOf(withRetraction)).toEqual(projectionOf(without));
  });

  it('keeps the retracted event and its ids taken, and counts it in the version', () => {
    const s = stateOf([n1, n2, retract('rcv-n2', '2024-03-02')]);
    expect(s.version).toBe(3);
    expect(s.eventsById.has('rcv-n2')).toBe(true);
    expect(s.eventsById.has('retract-rcv-n2')).toBe(true);
    expect(s.takenIds.notification.has('n2')).toBe(true);
    expect(s.notifications.has('n2')).toBe(false);
    expect(s.retractedEventIds).toEqual(['rcv-n2']);
  });

  it('reopens a notification when its clearing is retracted', () => {
    const s = stateOf([n1, cleared('n1', '2024-02-01'), retract('clr-n1', '2024-02-02')]);
    expect(s.notifications.get('n1')?.conclusion).toBeNull();
  });

  it('reopens an investigation when its closing is retracted', () => {
    const s = stateOf([n1, u1, closed('u1', '2024-03-01'), retract('close-u1', '2024-03-02')]);
    expect(s.openInvestigationId).toBe('u1');
    expect(s.investigations.get('u1')?.closed).toBeNull();
  });

  it('never mutates the state it is given', () => {
    const before = stateOf([n1]);
    const snapshot = { notifications: new Map(before.notifications), eventsById: new Map(before.eventsById) };
    evolve(before, u1);
    expect(before.notifications).toEqual(snapshot.notifications);
    expect(before.eventsById).toEqual(snapshot.eventsById);
    expect(before.takenIds.investigation.size).toBe(0);
  });

  it('takes the caseId from recorded events when the initial state has none', () => {
    const recorded: RecordedCaseEvent = {
      ...n1,
      caseId: 'c-42',
      version: 1,
      position: 17,
      recordedAt: '2024-01-31T09:01:00Z',
      recordedBy: 'sub-1',
      schemaVersion: 1,
    };
    expect(evolve(initialState(), recorded).caseId).toBe('c-42');
  });

  it('evolveAll folds a stream to what evolving event by event gives, leaving its input alone', () => {
    const m1 = measureStarted('m1', '3.2', '2024-02-05');
    const stream = [n1, u1, n2, m1, closed('u1', '2024-03-01'), retract('rcv-n2', '2024-03-02'), cleared('n1', '2024-03-03')];
    const start = stateOf([n1]);
    const snapshot = {
      notifications: new Map(start.notifications),
      eventsById: new Map(start.eventsById),
      effective: [...start.effectiveEvents],
    };
    const rest = stream.slice(1);
    expect(evolveAll(start, rest)).toEqual(rest.reduce(evolve, start));
    expect(start.notifications).toEqual(snapshot.notifications);
    expect(start.eventsById).toEqual(snapshot.eventsById);
    expect(start.effectiveEvents).toEqual(snapshot.effective);
    expect(start.takenIds.measure.size).toBe(0);
    expect(start.version).toBe(1);
  });
});
