import {
  RecordedLog,
  aftercareConcluded,
  aftercareOffered,
  frequencySet,
  measureStarted,
  placementStarted,
  planCreated,
  planEnded,
  planEvaluated,
  received,
  retract,
  supervisionSet,
  visitHeld,
} from '@fristvakt/domain/testing';
import { resolveFollowUp } from '../query/follow-up/resolve-follow-up';
import { encodeCases, encodeHeader, ModelDecoder } from '../runner/model-codec';
import { applyAll } from './apply';
import { createModel, FactKind, ItemKind, type ProjectionModel } from './model';
import { LATEST } from './view';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

function followUpHistory(): RecordedLog {
  const h = new RecordedLog();
  h.add('c1', received('n1', '2024-01-10', { childBirthYear: 2012 }));
  h.add('c1', measureStarted('m1', '3.2', '2024-02-01', { basis: null, decidedOn: '2024-01-25' }));
  h.add('c1', planCreated('pl1', '1', '2024-02-03', { measureId: 'm1', evaluationDueOn: '2024-04-01' }));
  h.add('c1', planEvaluated('pl1', '2024-04-01'));
  h.add('c1', placementStarted('p1', '2.2', '2024-03-01', 'care_order', { emergency: false }));
  h.add('c1', frequencySet('p1', 'supervision', 2, '2024-03-01', { childConsent: true }));
  h.add('c1', supervisionSet('p1', '3203', '2024-03-05'));
  const visit = h.add('c1', visitHeld('v1', 'p1', '2024-04-02', 'follow_up', true));
  h.add('c1', visitHeld('v2', 'p1', '2024-05-02', 'supervision', false));
  h.add('c1', aftercareOffered('e1', '2024-06-01'));
  h.add('c1', aftercareConcluded('e1', 'accepted', '2024-06-05'));
  h.add('c1', planEnded('pl1', '2024-06-30'));
  h.add('c1', retract(visit.eventId, '2024-07-01'));
  return h;
}

function roundTrip(model: ProjectionModel): ProjectionModel {
  const decoder = new ModelDecoder(ModelDecoder.parseHeader(encodeHeader(model, 2)));
  for (const line of encodeCases(model)) decoder.addCase(line);
  return decoder.finish();
}

describe('follow-up facts (DOMAIN.md §7)', () => {
  it('given plans, frequencies, supervision, visits and aftercare, then the case resolves them with the retracted visit left out', () => {
    const model = applyAll(createModel(), followUpHistory().events);
    const c = resolveFollowUp(model, model.cases.get('c1')!, model.symbols.lookup('3201')!, LATEST);
    expect(c.childBirthYear).toBe(2012);
    expect(c.measures).toEqual([
      { measureId: 'm1', category: '3.2', basis: null, startDay: day('2024-02-01'), endDay: null, decidedDay: day('2024-01-25') },
    ]);
    expect(c.plans).toEqual([
      {
        planId: 'pl1',
        kind: '1',
        startDay: day('2024-02-03'),
        endDay: day('2024-06-30'),
        measureId: 'm1',
        placementId: null,
        evaluationDueDay: day('2024-04-01'),
        evaluationDays: [day('2024-04-01')],
      },
    ]);
    expect(c.placements[0]).toMatchObject({
      placementId: 'p1',
      emergency: false,
      frequencies: { follow_up: [], supervision: [{ fromDay: day('2024-03-01'), perYear: 2, childConsent: true }] },
      supervisors: [{ fromDay: day('2024-03-05'), municipality: '3203' }],
    });
    expect(c.visits).toEqual([{ visitId: 'v2', placementId: 'p1', kind: 'supervision', inPerson: false, day: day('2024-05-02') }]);
    expect(c.aftercare).toEqual([{ offerId: 'e1', offeredDay: day('2024-06-01'), concludedDay: day('2024-06-05'), outcome: 'accepted' }]);
  });

  it('files the supervising municipality so its queries find the case', () => {
    const model = applyAll(createModel(), followUpHistory().events);
    expect(model.supervisedBy.get(model.symbols.lookup('3203')!)?.map((r) => r.caseId)).toEqual(['c1']);
  });

  it('keeps every follow-up fact through a snapshot round trip (refs to measures and placements included)', () => {
    const model = applyAll(createModel(), followUpHistory().events);
    const decoded = roundTrip(model);
    const symbol = model.symbols.lookup('3201')!;
    expect(resolveFollowUp(decoded, decoded.cases.get('c1')!, symbol, LATEST)).toEqual(
      resolveFollowUp(model, model.cases.get('c1')!, symbol, LATEST),
    );
    expect(decoded.supervisedBy.get(decoded.symbols.lookup('3203')!)?.map((r) => r.caseId)).toEqual(['c1']);
    const plan = decoded.cases.get('c1')!.find(ItemKind.Plan, 'pl1')!;
    expect(plan.facts[0]).toMatchObject({ kind: FactKind.PlanCreated, ref: decoded.cases.get('c1')!.find(ItemKind.Measure, 'm1') });
    // a plan is not listed among its measure's facts (only an opening is listed on its notification)
    expect(
      decoded.cases
        .get('c1')!
        .find(ItemKind.Measure, 'm1')!
        .facts.map((f) => f.kind),
    ).toEqual([FactKind.MeasureStarted]);
  });
});
