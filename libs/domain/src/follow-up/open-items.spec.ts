import { frequencySet, measureStarted, placementStarted, planCreated, supervisionSet, visitHeld } from '../testing';
import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRules } from '../deadlines/follow-up-rule-sets';
import type { CaseEvent } from '../events';
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

  it('given a tiltaksplan that starts after the day asked when asking then the plan is still owed and nothing is evaluated', () => {
    const t = timelineOf([measureStarted('m1', '3.2', '2024-05-01'), planCreated('t1', '1', '2024-06-01')]);
    expect(followUpOpenItems(t, day('2024-05-08'))).toEqual([
      { kind: 'plan', id: 'm1', dueDay: day('2024-05-01'), status: 'overdue', daysLeft: -7, ruleSet: 'followup2021' },
    ]);
  });

  it('given a child who is 18 by the birth-year convention when asking then nothing is owed', () => {
    expect(followUpOpenItems(timelineOf([measureStarted('m1', '3.2', '2024-05-01')], 2006), day('2024-05-08'))).toEqual([]);
  });
});

describe('follow-up items when two foster placements cover the day (decision in docs/follow-up.md)', () => {
  // p2 recorded first; p1 recorded later, dated before it, reduced to 2 and supervised by 3203; both still open
  const t = timelineOf([
    placementStarted('p2', '2.5', '2024-09-16'),
    placementStarted('p1', '2.2', '2024-08-28'),
    frequencySet('p1', 'follow_up', 2, '2024-08-28'),
    supervisionSet('p1', '3203', '2024-08-28'),
    visitHeld('v1', 'p1', '2024-09-01'),
  ]);

  it('given p1 registered late when asking on 31 December then the visits owed name p2, the home started last, whatever the order of recording', () => {
    const expected = [
      // Q3 at p1's 2, Q4 at p2's 4: ceil(6 / 4) = 2 by 31 December, one held
      { kind: 'follow_up_visit', id: 'p2', dueDay: day('2024-12-31'), status: 'due_soon', daysLeft: 0, ruleSet: 'followup2021', owed: 1 },
      // p2 is supervised by the case's municipality (3201) from 16 September: one due by 30 September, none held
      {
        kind: 'supervision_visit',
        id: 'p2',
        dueDay: day('2024-09-30'),
        status: 'overdue',
        daysLeft: -92,
        ruleSet: 'followup2021',
        owed: 1,
        municipality: '3201',
      },
    ];
    const visits = (timeline: typeof t) => followUpOpenItems(timeline, day('2024-12-31')).filter((i) => i.kind.endsWith('_visit'));
    expect(visits(t)).toEqual(expected);
    expect(visits({ ...t, placements: [...t.placements].reverse() })).toEqual(expected);
  });
});

describe('the final care plan of a bvl 1992 care order (DOMAIN.md §7.2, finalPlanMonths [config])', () => {
  const checked: FollowUpRules = {
    ruleSets: DEFAULT_FOLLOW_UP_RULES.ruleSets.map((r) =>
      r.id === 'followup1992' ? { ...r, carePlan: { ...r.carePlan, finalPlanMonths: 12 } } : r,
    ),
  };
  const preliminary = [
    placementStarted('p1', '1.1', '2019-03-01', 'care_order'),
    planCreated('o1', '3', '2019-03-01', { placementId: 'p1' }),
  ];
  const carePlanItems = (events: CaseEvent[], asOf: string, rules?: FollowUpRules) =>
    followUpOpenItems(timelineOf(events), day(asOf), rules).filter((i) => i.kind === 'care_plan');

  it('given the default rule set (check off) when a foreløpig care plan is in place then no care plan is owed', () => {
    expect(carePlanItems(preliminary, '2020-06-01')).toEqual([]);
  });

  it('given the check at 12 months when only the foreløpig plan exists then the final one is owed a year after the placement, overdue after', () => {
    expect(carePlanItems(preliminary, '2020-03-02', checked)).toEqual([
      { kind: 'care_plan', id: 'p1', dueDay: day('2020-03-01'), status: 'overdue', daysLeft: -1, ruleSet: 'followup1992' },
    ]);
  });

  it('given the check when a final care plan (kind 4) is made in time then nothing is owed; without any plan the first one is owed from the start', () => {
    expect(carePlanItems([...preliminary, planCreated('o2', '4', '2020-02-01', { placementId: 'p1' })], '2020-03-02', checked)).toEqual([]);
    expect(carePlanItems(preliminary.slice(0, 1), '2019-03-05', checked)).toEqual([
      { kind: 'care_plan', id: 'p1', dueDay: day('2019-03-01'), status: 'overdue', daysLeft: -4, ruleSet: 'followup1992' },
    ]);
  });
});
