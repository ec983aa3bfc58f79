import { DEFAULT_DEADLINE_RULES, type CaseEvent } from '@fristvakt/domain';
import { RecordedLog, frequencySet, placementStarted, received, supervisionSet, visitHeld } from '@fristvakt/domain/testing';
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
