import { RecordedLog, assessed, cleared, extended, opened, received, retract } from '@fristvakt/domain/testing';
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { applyAll } from '../model/apply';
import { createModel } from '../model/model';
import { deadlines, type DeadlinesQuery } from './deadlines';

const ask = (h: RecordedLog, q: Partial<DeadlinesQuery> & Pick<DeadlinesQuery, 'asOf'>) =>
  deadlines(applyAll(createModel(), h.events), { method: 'legal', rules: DEFAULT_DEADLINE_RULES, ...q });

describe('deadlines (fristoversikt)', () => {
  function board(): RecordedLog {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-06-20')); // review deadline 06-27: overdue on 06-30
    h.add('c2', received('n1', '2024-06-27')); // review deadline 07-04: 4 days left, ok (due soon is ≤ 2)
    h.add('c3', received('n1', '2024-06-26')); // review deadline 07-03: 3 days left
    h.add('c4', received('n1', '2024-06-29')); // cleared: not on the board
    h.add('c4', cleared('n1', '2024-06-29'));
    h.add('c5', received('n1', '2024-02-01')); // investigation deadline 2024-05-08: overdue by 53 days
    h.add('c5', opened('u1', 'n1', '2024-02-02'));
    h.add('c6', received('n1', '2024-04-03', { municipality: '3203' })); // investigation deadline 07-10: due soon
    h.add('c6', opened('u1', 'n1', '2024-04-04'));
    return h;
  }

  it('lists every open review and investigation, overdue first, then by deadline', () => {
    const a = ask(board(), { asOf: '2024-06-30' });
    expect(a.asOf).toBe('2024-06-30');
    expect(a.items.map((i) => [i.kind, i.caseId, i.deadline, i.status, i.daysLeft])).toEqual([
      ['investigation', 'c5', '2024-05-08', 'overdue', -53],
      ['review', 'c1', '2024-06-27', 'overdue', -3],
      ['review', 'c3', '2024-07-03', 'ok', 3],
      ['review', 'c2', '2024-07-04', 'ok', 4],
      ['investigation', 'c6', '2024-07-10', 'due_soon', 10],
    ]);
    expect(a.items[0]).toMatchObject({ municipality: '3201', id: 'u1', ruleSet: 'bvl2021', since: '2024-02-02', extension: null });
  });

  it('filters by municipality, status and kind', () => {
    expect(ask(board(), { asOf: '2024-06-30', municipality: '3203' }).items.map((i) => i.caseId)).toEqual(['c6']);
    expect(ask(board(), { asOf: '2024-06-30', status: 'overdue' }).items.map((i) => i.caseId)).toEqual(['c5', 'c1']);
    expect(ask(board(), { asOf: '2024-06-30', kind: 'review' }).items).toHaveLength(3);
  });

  it('measures status at asOf and leaves out what occurred after it', () => {
    const a = ask(board(), { asOf: '2024-06-25' });
    expect(a.items.map((i) => [i.caseId, i.status])).toEqual([
      ['c5', 'overdue'],
      ['c1', 'due_soon'], // 2 days left
      ['c6', 'ok'],
    ]);
  });

  it('shows the six-month deadline while an extension is in force, and the three-month one after a rejection', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-31'));
    h.add('c1', opened('u1', 'n1', '2024-02-01'));
    h.add('c1', extended('u1', '2024-04-20'));
    expect(ask(h, { asOf: '2024-06-01' }).items[0]).toMatchObject({
      deadline: '2024-08-07',
      status: 'ok',
      extension: { decidedDate: '2024-04-20', status: 'pending', inForce: true },
    });
    h.add('c1', assessed('u1', false, '2024-05-20'));
    expect(ask(h, { asOf: '2024-06-01' }).items[0]).toMatchObject({
      deadline: '2024-05-07',
      status: 'overdue',
      extension: { status: 'rejected', inForce: false },
    });
  });

  it('uses the rule set of the receipt date: bvl 1992 counts from the opening date', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2022-12-20'));
    h.add('c1', opened('u1', 'n1', '2022-12-30'));
    expect(ask(h, { asOf: '2023-01-15' }).items[0]).toMatchObject({ deadline: '2023-03-30', ruleSet: 'bvl1992' });
  });

  it('statistical and legal methods differ on the worked examples', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2023-11-23'));
    h.add('c1', opened('u1', 'n1', '2023-11-24'));
    expect(ask(h, { asOf: '2024-01-01', method: 'legal' }).items[0].deadline).toBe('2024-02-29');
    expect(ask(h, { asOf: '2024-01-01', method: 'statistical' }).items[0].deadline).toBe('2024-02-28');
  });

  it('knownAt hides events recorded later and keeps retracted ones until their retraction', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-03-01'), { recordedAt: '2024-03-01T10:00:00Z' });
    const clear = h.add('c1', cleared('n1', '2024-03-02', 'no_grounds'), { recordedAt: '2024-03-02T10:00:00Z' });
    h.add('c2', received('n1', '2024-03-01'), { recordedAt: '2024-03-05T10:00:00Z' }); // recorded late
    h.add('c1', retract(clear.eventId, '2024-03-06'), { recordedAt: '2024-03-06T10:00:00Z' });
    const at = (knownAt?: string) => ask(h, { asOf: '2024-03-07', knownAt }).items.map((i) => i.caseId);
    expect(at('2024-03-04T00:00:00Z')).toEqual([]);
    expect(at('2024-03-05T10:00:00Z')).toEqual(['c2']);
    expect(at()).toEqual(['c1', 'c2']);
  });
});
