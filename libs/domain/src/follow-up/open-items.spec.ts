import { measureStarted, placementStarted, planCreated, supervisionSet, visitHeld } from '../testing';
import { day, timelineOf } from './follow-up.spec-helper';
import { followUpOpenItems } from './open-items';

describe('follow-up items on the deadline board (DOMAIN.md §7.6)', () => {
  it('given a measure without a tiltaksplan when asking a week after its start then the plan is overdue', () => {
    const items = followUpOpenItems(timelineOf([measureStarted('m1', '3.2', '2024-05-01')]), day('2024-05-08'));
    expect(items).toEqual([
      { kind: 'plan', id: 'm1', dueDay: day('2024-05-01'), status: 'overdue', daysLeft: -7, ruleSet: 'followup2021' },
    ]);
  });

  it('given a tiltaksplan in force when asking then its next evaluation is an item with the §3.3 status', () => {
    const items = followUpOpenItems(
      timelineOf([measureStarted('m1', '3.2', '2024-05-01'), planCreated('t1', '1', '2024-05-01')]),
      day('2024-07-25'),
    );
    expect(items).toEqual([
      { kind: 'evaluation', id: 't1', dueDay: day('2024-08-01'), status: 'due_soon', daysLeft: 7, ruleSet: 'followup2021' },
    ]);
  });

  it('given a care order without a care plan when asking then the care plan is owed from the placement start', () => {
    const items = followUpOpenItems(timelineOf([placementStarted('p1', '1.1', '2024-05-01', 'care_order')]), day('2024-05-02'));
    expect(items).toEqual([
      { kind: 'care_plan', id: 'p1', dueDay: day('2024-05-01'), status: 'overdue', daysLeft: -1, ruleSet: 'followup2021' },
    ]);
  });

  it('given a child in a foster home with supervision moved when asking then follow-up and supervision visits owed this quarter are items for their municipalities', () => {
    const t = timelineOf([
      placementStarted('p1', '2.2', '2023-01-10', 'care_order'),
      planCreated('o1', '4', '2023-01-10'),
      visitHeld('v1', 'p1', '2024-02-01'),
      supervisionSet('p1', '3203', '2024-01-01'),
      visitHeld('s1', 'p1', '2024-02-02', 'supervision'),
    ]);
    expect(followUpOpenItems(t, day('2024-06-20'))).toEqual([
      { kind: 'follow_up_visit', id: 'p1', dueDay: day('2024-06-30'), status: 'due_soon', daysLeft: 10, ruleSet: 'followup2021', owed: 1 },
      {
        kind: 'supervision_visit',
        id: 'p1',
        dueDay: day('2024-06-30'),
        status: 'due_soon',
        daysLeft: 10,
        ruleSet: 'followup2021',
        owed: 1,
        municipality: '3203',
      },
    ]);
  });

  it('given a child who is 18 by the birth-year convention when asking then nothing is owed', () => {
    expect(followUpOpenItems(timelineOf([measureStarted('m1', '3.2', '2024-05-01')], 2006), day('2024-05-08'))).toEqual([]);
  });
});
