import {
  RecordedLog,
  cleared,
  closed,
  measureEnded,
  measureStarted,
  opened,
  placementEnded,
  placementStarted,
  received,
  retract,
} from '@fristvakt/domain/testing';
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { applyAll } from '../model/apply';
import { createModel } from '../model/model';
import { flow, type FlowQuery } from './flow';

const ask = (h: RecordedLog, q: Partial<FlowQuery> = {}) =>
  flow(applyAll(createModel(), h.events), { method: 'legal', rules: DEFAULT_DEADLINE_RULES, period: '2024', ...q });

describe('flow: notifications', () => {
  it('counts received notifications per reporter (a notification may name several) and children apart', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-02-01', { reporters: ['11', '9'], acute: true }));
    h.add('c1', received('n2', '2024-03-01', { reporters: ['11'] }));
    h.add('c2', received('n1', '2024-04-01', { reporters: ['8'] }));
    h.add('c3', received('n1', '2023-12-31', { reporters: ['8'] })); // last year
    const n = ask(h).notifications;
    expect(n).toMatchObject({
      received: 3,
      receivedChildren: 2,
      acute: 1,
      byReporter: { '11': 2, '9': 1, '8': 1 },
      byReporterUnit: 'notifications naming the reporter',
    });
  });

  it('counts conclusions by outcome and the share sent to investigation', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-02-01'));
    h.add('c1', opened('u1', 'n1', '2024-02-05'));
    h.add('c2', received('n1', '2024-02-01'));
    h.add('c2', cleared('n1', '2024-02-03', 'no_grounds'));
    h.add('c3', received('n1', '2024-02-01'));
    h.add('c3', cleared('n1', '2024-02-09', 'joined_ongoing_investigation'));
    h.add('c4', received('n1', '2024-02-01'));
    h.add('c4', opened('u1', 'n1', '2024-02-02'));
    const n = ask(h).notifications;
    expect(n).toMatchObject({
      concluded: 4,
      byConclusion: { investigation: 2, no_grounds: 1, joined_ongoing_investigation: 1 },
      toInvestigationShare: 0.5,
    });
    expect(n.reviewDurationDays).toMatchObject({ n: 4, median: 3, p90: 8 });
  });
});

describe('flow: investigations', () => {
  it('counts opened and closed by outcome, with duration median and p90', () => {
    const h = new RecordedLog();
    const durations = [10, 20, 30, 40, 100];
    durations.forEach((d, i) => {
      h.add(`c${i}`, received('n1', '2024-01-01'));
      h.add(`c${i}`, opened('u1', 'n1', '2024-01-02'));
      const closedOn = new Date(Date.UTC(2024, 0, 2 + d)).toISOString().slice(0, 10);
      h.add(`c${i}`, closed('u1', closedOn, i === 4 ? 'petition_to_board' : 'measures_decided'));
    });
    h.add('c9', received('n1', '2024-12-20'));
    h.add('c9', opened('u1', 'n1', '2024-12-21'));
    const u = ask(h).investigations;
    expect(u).toMatchObject({ opened: 6, closed: 5, byOutcome: { measures_decided: 4, petition_to_board: 1 } });
    expect(u.durationDays).toMatchObject({ n: 5, median: 30, p90: 100, mean: 40 });
    expect(ask(h).stockAtEnd.openInvestigations).toBe(1);
  });
});

describe('flow: measures and placements', () => {
  function history(): RecordedLog {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2023-06-01'));
    h.add('c1', measureStarted('m1', '3.2', '2023-07-01')); // active through 2024, started before
    h.add('c1', measureStarted('m2', '4.6', '2024-02-01', { basis: null }));
    h.add('c1', measureEnded('m2', '2024-12-31')); // ends on the last day: active in the period, not at end
    h.add('c2', received('n1', '2024-01-05'));
    h.add('c2', placementStarted('p1', '2.5', '2024-01-06', 'emergency'));
    h.add('c2', placementEnded('p1', '2024-02-01', false));
    h.add('c2', placementStarted('p2', '2.1', '2024-02-01', 'care_order'));
    h.add('c3', received('n1', '2024-03-01'));
    h.add('c3', placementStarted('p1', '2.2', '2024-03-02', 'voluntary'));
    h.add('c3', placementStarted('p2', '1.1', '2024-05-02', 'behavioural'));
    return h;
  }

  it('counts measures started by category and basis, events and children apart', () => {
    const m = ask(history()).measures;
    expect(m).toMatchObject({ started: 1, startedChildren: 1, byCategory: { '4.6': 1 }, byBasis: { unspecified: 1 }, ended: 1 });
    expect(m.active).toEqual({ events: 2, children: 1 });
  });

  it('counts placements by category and basis, the emergency share and the kinship share among foster homes', () => {
    const p = ask(history()).placements;
    expect(p).toMatchObject({
      started: 4,
      startedChildren: 2,
      byCategory: { '2.5': 1, '2.1': 1, '2.2': 1, '1.1': 1 },
      byBasis: { emergency: 1, care_order: 1, voluntary: 1, behavioural: 1 },
      emergencyShare: 0.25,
      fosterHomeStarted: 3,
      kinshipStarted: 1,
      kinshipShare: 1 / 3,
      ended: 1,
      endedUnplanned: 1,
    });
    expect(p.active).toEqual({ events: 4, children: 2 });
  });

  it('reports children with measures or placements during the period and the stock at the end', () => {
    const a = ask(history());
    expect(a.children).toEqual({ withMeasureOrPlacement: 3, withMeasure: 1, placed: 2 });
    expect(a.stockAtEnd).toMatchObject({
      openNotifications: 3,
      childrenWithMeasures: 1,
      childrenPlaced: 2,
      childrenWithMeasuresOrPlacements: 3,
      measures: 1,
      placements: 3,
    });
  });

  it('a retraction removes a placement from every figure; knownAt before it still shows it', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-05'));
    const p = h.add('c1', placementStarted('p1', '2.5', '2024-01-06', 'emergency'));
    h.add('c1', retract(p.eventId, '2024-01-08'), { recordedAt: '2024-01-08T10:00:00Z' });
    expect(ask(h).placements).toMatchObject({ started: 0, emergencyShare: null, active: { events: 0, children: 0 } });
    expect(ask(h).stockAtEnd.childrenPlaced).toBe(0);
    expect(ask(h, { knownAt: '2024-01-07' }).placements).toMatchObject({ started: 1, emergencyShare: 1 });
  });

  it('knownAt leaves out a measure recorded later', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-05'));
    h.add('c1', measureStarted('m1', '3.2', '2024-01-10'), { recordedAt: '2024-03-01T10:00:00Z' });
    expect(ask(h, { knownAt: '2024-02-01T00:00:00+01:00' }).measures.started).toBe(0);
    expect(ask(h, { knownAt: '2024-03-01T10:00:00Z' }).measures.started).toBe(1);
  });

  it('suppresses small counts in every breakdown and names the paths', () => {
    const a = ask(history(), { suppressSmallCounts: true });
    expect(a.placements.byCategory['2.1']).toBeNull();
    expect(a.placements.emergencyShare).toBeNull();
    expect(a.placements.kinshipShare).toBeNull();
    expect('suppressed' in a && a.suppressed).toEqual(
      expect.arrayContaining(['placements.byCategory.2.1', 'placements.started', 'placements.emergencyShare', 'stockAtEnd.childrenPlaced']),
    );
    expect(a.notifications.received).toBeNull(); // 2 notifications received in 2024
  });
});
