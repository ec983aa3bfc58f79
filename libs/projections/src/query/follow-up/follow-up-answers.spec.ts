import { DEFAULT_DEADLINE_RULES, type CaseEvent } from '@fristvakt/domain';
import {
  RecordedLog,
  aftercareConcluded,
  aftercareOffered,
  frequencySet,
  measureStarted,
  placementStarted,
  planCreated,
  planEvaluated,
  received,
  supervisionSet,
  visitHeld,
} from '@fristvakt/domain/testing';
import { applyAll } from '../../model/apply';
import { createModel, type ProjectionModel } from '../../model/model';
import { compliance } from '../compliance';
import { deadlines } from '../deadlines';

/*
 * Given events → then the follow-up answers of /v1/compliance and /v1/deadlines (DOMAIN.md §7),
 * through the read model: the model resolves its own timeline, so its answers are checked here
 * against figures worked out by hand, not against the domain functions alone.
 */

const rules = DEFAULT_DEADLINE_RULES;

function modelOf(cases: Record<string, readonly CaseEvent[]>): ProjectionModel {
  const h = new RecordedLog();
  for (const [caseId, events] of Object.entries(cases)) for (const e of events) h.add(caseId, e);
  return applyAll(createModel(), h.events);
}

const followUpOf = (model: ProjectionModel, period: string, extra: { municipality?: string } = {}) =>
  compliance(model, { method: 'legal', rules, period, ...extra }).followUp;

const visitItems = (model: ProjectionModel, asOf: string, extra: { municipality?: string } = {}) =>
  deadlines(model, { method: 'legal', rules, asOf, ...extra })
    .items.filter((i) => i.kind === 'follow_up_visit' || i.kind === 'supervision_visit')
    .map(({ kind, caseId, id, deadline, status, owed, supervisedBy }) => ({ kind, caseId, id, deadline, status, owed, supervisedBy }));

describe('two foster placements on one day: the home started last in valid time (decision in docs/follow-up.md)', () => {
  // p1 from 28 August, reduced to 2 and supervised by 3203; p2 from 16 September; neither end registered
  const p1 = [
    placementStarted('p1', '2.2', '2024-08-28', 'care_order'),
    frequencySet('p1', 'follow_up', 2, '2024-08-28'),
    supervisionSet('p1', '3203', '2024-08-28'),
    visitHeld('v1', 'p1', '2024-09-01'),
  ];
  const p2 = [placementStarted('p2', '2.5', '2024-09-16', 'care_order')];
  const start = received('n1', '2024-08-01', { childBirthYear: 2012 });
  const orders = {
    'p1 recorded first (a move whose old end is not registered yet)': modelOf({ c1: [start, ...p1, ...p2] }),
    'p2 recorded first, p1 registered late and dated before it': modelOf({ c1: [start, ...p2, ...p1] }),
  };

  it.each(Object.entries(orders))(
    'given %s when counting 2024-H2 then Q3 takes p1’s frequency and Q4 p2’s: 2 required, 1 held',
    (_o, model) => {
      // Q3: from 28 August only p1 (2); Q4: 1 October lies in both, p2 started last (4) → ceil(6 / 4) = 2
      expect(followUpOf(model, '2024-H2').followUpVisits).toMatchObject({
        denominator: 1,
        numerator: 0,
        notMet: ['c1'],
        required: 2,
        held: 1,
      });
    },
  );

  it.each(Object.entries(orders))(
    'given %s when asking the board on 31 December then the owed visits name p2 and its supervisor',
    (_o, model) => {
      expect(visitItems(model, '2024-12-31')).toEqual([
        { kind: 'supervision_visit', caseId: 'c1', id: 'p2', deadline: '2024-09-30', status: 'overdue', owed: 1, supervisedBy: '3201' },
        { kind: 'follow_up_visit', caseId: 'c1', id: 'p2', deadline: '2024-12-31', status: 'due_soon', owed: 1, supervisedBy: undefined },
      ]);
      // 3203 still supervises p1, which is open: it counts the child, but the board asks for visits to the home the child lives in
      expect(visitItems(model, '2024-12-31', { municipality: '3203' })).toEqual([]);
    },
  );
});

describe('the followUp section of a half-year, each indicator worked by hand (DOMAIN.md §7, count date 30 June 2024)', () => {
  const child = (at: string, childBirthYear = 2012) => received('n1', at, { childBirthYear });
  const model = modelOf({
    // help measure since 10 January (before the anchor addMonths(D, −3) = 30 March), plan, evaluated in the half-year
    c1: [
      child('2024-01-02'),
      measureStarted('m1', '3.2', '2024-01-10', { decidedOn: '2024-01-08' }),
      planCreated('t1', '1', '2024-01-08', { measureId: 'm1' }),
      planEvaluated('t1', '2024-04-01'),
    ],
    // help measure since 1 May: after the anchor, and no plan
    c2: [child('2024-04-20'), measureStarted('m1', '4.6', '2024-05-01')],
    // help since October 2023 with a plan, evaluated only in the previous half-year
    c3: [
      child('2023-09-20'),
      measureStarted('m1', '3.2', '2023-10-01'),
      planCreated('t1', '1', '2023-10-01', { measureId: 'm1' }),
      planEvaluated('t1', '2023-12-01'),
    ],
    // care order in a foster home since 2019 with a care plan; two follow-up visits; supervision moved to 3203 on 1 April
    c4: [
      child('2019-01-10'),
      placementStarted('p1', '2.2', '2019-03-01', 'care_order'),
      planCreated('o1', '4', '2019-03-01', { placementId: 'p1' }),
      visitHeld('s1', 'p1', '2024-02-01', 'supervision'),
      visitHeld('v1', 'p1', '2024-02-10'),
      supervisionSet('p1', '3203', '2024-04-01'),
      visitHeld('v2', 'p1', '2024-05-10'),
    ],
    // care order in a foster home from 15 May: no care plan, no visit (first year: one visit for the started quarter)
    c5: [child('2024-05-01'), placementStarted('p1', '2.2', '2024-05-15', 'care_order')],
    // a young adult of 20 (born 2004) with a measure, who accepted an aftercare offer
    c6: [
      child('2021-05-01', 2004),
      measureStarted('m1', '3.2', '2023-01-01'),
      aftercareOffered('e1', '2024-03-01'),
      aftercareConcluded('e1', 'accepted', '2024-03-10'),
    ],
  });

  it('given six children of 3201 when counting 2024-H1 for 3201 then each indicator counts them as worked out', () => {
    const f = followUpOf(model, '2024-H1', { municipality: '3201' });
    expect(f.countDate).toBe('2024-06-30');
    expect(f.plans).toEqual({ denominator: 3, numerator: 2, missing: 1, metShare: 2 / 3, notMet: ['c2'] });
    expect(f.evaluatedPlans).toEqual({ denominator: 2, numerator: 1, missing: 1, metShare: 0.5, notMet: ['c3'] });
    expect(f.carePlans).toEqual({ denominator: 2, numerator: 1, missing: 1, metShare: 0.5, notMet: ['c5'] });
    // c4: Q1 4 + Q2 4 → 2, held 2; c5: Q2 from 15 May → 1, held 0
    expect(f.followUpVisits).toEqual({ denominator: 2, numerator: 1, missing: 1, metShare: 0.5, notMet: ['c5'], required: 3, held: 2 });
    // 3201 supervised c4 in Q1 (1 required, 1 held) and c5 from 15 May (1, 0); c4's Q2 is 3203's, shown as status only
    expect(f.supervision).toEqual({
      denominator: 2,
      numerator: 1,
      missing: 1,
      metShare: 0.5,
      notMet: ['c5'],
      required: 2,
      held: 1,
      elsewhere: { children: 1, met: 0, notMet: ['c4'] },
    });
    expect(f.aftercare).toEqual({ denominator: 1, numerator: 1, missing: 0, metShare: 1, notMet: [], onCountDate: 1, offered: 1 });
  });

  it('given the same children when counting for 3203 then it counts only the supervision it owes for c4 from 1 April', () => {
    const f = followUpOf(model, '2024-H1', { municipality: '3203' });
    expect(f.supervision).toMatchObject({ denominator: 1, numerator: 0, notMet: ['c4'], required: 1, held: 0, elsewhere: { children: 0 } });
    expect([f.plans, f.evaluatedPlans, f.carePlans, f.followUpVisits, f.aftercare].map((i) => i.denominator)).toEqual([0, 0, 0, 0, 0]);
  });
});
