import { FOLLOW_UP_2021 } from '../deadlines/follow-up-rule-sets';
import { evaluationDueDay, followUpBoardItems as followUpBoard } from './board-items';
import { child, d, measure, placement, plan, visits } from './follow-up.spec-helper';

const rules = FOLLOW_UP_2021;

describe('follow-up items on the deadline board (DOMAIN.md §7.6)', () => {
  it('given a measure decided 2024-03-01 without a plan, then a plan is due from the decision and overdue after it', () => {
    const c = child({ measures: [measure('m1', '2024-03-10', null, { decidedDay: d('2024-03-01') })] });
    expect(followUpBoard(c, d('2024-03-12'), rules)).toEqual([{ kind: 'plan', id: 'm1', dueDay: d('2024-03-01'), sinceDay: d('2024-03-01'), status: 'overdue', daysLeft: -11 }]);
  });

  it('given an active tiltaksplan, then its next evaluation is due interval months after the start or the last evaluation, its own due day first', () => {
    const p = plan('pl1', '1', '2024-01-31', null, { evaluationDueDay: d('2024-03-15') });
    expect(evaluationDueDay(p, d('2024-03-01'), rules)).toBe(d('2024-03-15'));
    const evaluated = { ...p, evaluationDays: [d('2024-03-10')] };
    expect(evaluationDueDay(evaluated, d('2024-04-01'), rules)).toBe(d('2024-06-10'));
    expect(evaluationDueDay(plan('pl2', '1', '2023-11-30'), d('2024-01-01'), rules)).toBe(d('2024-02-29'));
    const c = child({ measures: [measure('m1', '2024-01-31')], plans: [evaluated] });
    expect(followUpBoard(c, d('2024-06-01'), rules)).toEqual([{ kind: 'evaluation', id: 'pl1', dueDay: d('2024-06-10'), sinceDay: d('2024-01-31'), status: 'due_soon', daysLeft: 9 }]);
  });

  it('given a care order without a care plan, then a care plan is due from the placement', () => {
    const items = followUpBoard(child({ placements: [placement('p1', '2024-02-01', null, { category: '1.1' })] }), d('2024-02-10'), rules);
    expect(items).toEqual([{ kind: 'care_plan', id: 'p1', dueDay: d('2024-02-01'), sinceDay: d('2024-02-01'), status: 'overdue', daysLeft: -9 }]);
  });

  it('given a foster home with no visit yet this quarter, then a follow-up and a supervision visit are owed by its end; a held visit clears one', () => {
    const p = placement('p1', '2023-01-01');
    const c = child({ placements: [p], plans: [plan('pl1', '4', '2023-01-01')], visits: visits('p1', 'follow_up', ['2024-01-20', '2024-04-03']) });
    const items = followUpBoard(c, d('2024-05-20'), rules);
    expect(items).toEqual([
      { kind: 'supervision_visit', id: 'p1', dueDay: d('2024-06-30'), sinceDay: d('2024-01-01'), status: 'ok', daysLeft: 41, owed: 2, supervisedBy: '3201' },
    ]);
    // the supervising municipality's board asks only for its own items
    expect(followUpBoard(c, d('2024-05-20'), rules, (m) => m === '3203')).toEqual([]);
  });

  it('shows nothing for a young adult', () => {
    expect(followUpBoard(child({ childBirthYear: 2005, measures: [measure('m1', '2024-01-01')] }), d('2024-05-20'), rules)).toEqual([]);
  });
});
