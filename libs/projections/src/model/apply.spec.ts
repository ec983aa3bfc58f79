import { RecordedLog, closed, extended, opened, placementStarted, received, retract } from '@fristvakt/domain/testing';
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { compliance } from '../query/compliance';
import { flow } from '../query/flow';
import { apply, applyAll } from './apply';
import { createModel, FactKind, ItemKind } from './model';

function history(): RecordedLog {
  const h = new RecordedLog();
  h.add('c1', received('n1', '2024-01-31T23:30:00+01:00', { reporters: ['11', '2'], acute: true })); // Oslo date 01-31
  h.add('c1', opened('u1', 'n1', '2024-02-01'));
  h.add('c1', extended('u1', '2024-04-01'));
  const close = h.add('c1', closed('u1', '2024-06-01'));
  h.add('c2', received('n1', '2024-02-01', { municipality: '3203' }));
  h.add('c2', placementStarted('p1', '2.1', '2024-02-02', 'emergency'));
  h.add('c1', retract(close.eventId, '2024-06-02'));
  return h;
}

const queries = (m: ReturnType<typeof createModel>) => [
  compliance(m, { period: '2024', method: 'legal', rules: DEFAULT_DEADLINE_RULES }),
  flow(m, { period: '2024', method: 'legal', rules: DEFAULT_DEADLINE_RULES }),
];

describe('apply (the reducer)', () => {
  it('stamps every fact with its event id, position, recordedAt and Oslo date', () => {
    const h = history();
    const m = applyAll(createModel(), h.events);
    const c1 = m.cases.get('c1')!;
    const received = c1.find(ItemKind.Notification, 'n1')!.facts[0];
    expect(received).toMatchObject({ kind: FactKind.Received, eventId: 'e1', position: 1, recordedAt: Date.parse(h.events[0].recordedAt) });
    expect(new Date(received.day * 86_400_000).toISOString().slice(0, 10)).toBe('2024-01-31');
    const close = c1.find(ItemKind.Investigation, 'u1')!.facts[2];
    expect(close).toMatchObject({ kind: FactKind.Closed, retractedAt: Date.parse(h.events[6].recordedAt), retractedBy: 'e7' });
    expect(m.checkpoint).toBe(7);
    expect(m.factCount).toBe(6);
  });

  it('is idempotent: events at or below the checkpoint change nothing', () => {
    const h = history();
    const once = applyAll(createModel(), h.events);
    const twice = applyAll(applyAll(createModel(), h.events), h.events);
    expect(twice.factCount).toBe(once.factCount);
    expect(queries(twice)).toEqual(queries(once));
    // re-delivery of an overlapping batch
    const overlapped = applyAll(applyAll(createModel(), h.events.slice(0, 5)), h.events.slice(2));
    expect(queries(overlapped)).toEqual(queries(once));
  });

  it('answers the same after more events arrive as a model built in one go (memoised cases are refreshed)', () => {
    const h = history();
    const m = applyAll(createModel(), h.events.slice(0, 4));
    queries(m);
    applyAll(m, h.events.slice(4));
    expect(queries(m)).toEqual(queries(applyAll(createModel(), h.events)));
    const more = new RecordedLog();
    more.events.push(...h.events);
    more.add('c1', closed('u1', '2024-06-03'));
    applyAll(m, more.events.slice(h.events.length));
    expect(queries(m)).toEqual(queries(applyAll(createModel(), more.events)));
  });

  it('indexes cases by municipality', () => {
    const m = applyAll(createModel(), history().events);
    expect([...m.byMunicipality.entries()].map(([s, cases]) => [m.symbols.name(s), cases.map((c) => c.caseId)])).toEqual([
      ['3201', ['c1']],
      ['3203', ['c2']],
    ]);
  });

  it('counts an unreadable event instead of stopping, and still advances', () => {
    const h = history();
    const bad = { ...h.events[1], position: 8, occurredAt: 'yesterday' } as (typeof h.events)[number];
    const m = apply(applyAll(createModel(), h.events), bad);
    expect(m).toMatchObject({ skipped: 1, checkpoint: 8 });
  });

  it('counts a retraction of an unknown event as unresolved', () => {
    const h = new RecordedLog();
    h.add('c1', retract('nope', '2024-01-01', { reason: 'duplicate' }));
    expect(applyAll(createModel(), h.events).unresolvedRetractions).toBe(1);
  });
});
