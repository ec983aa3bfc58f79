import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { History } from '../history.spec-helper';
import { applyAll } from '../model/apply';
import { createModel } from '../model/model';
import { children, type ChildrenQuery } from './children';

const ask = (h: History, q: Partial<ChildrenQuery> = {}) =>
  children(applyAll(createModel(), h.events), { method: 'legal', rules: DEFAULT_DEADLINE_RULES, period: '2024', ...q });

describe('children: placed at 31.12', () => {
  it('counts each placed child once, by the placement started last, by type and by legal basis', () => {
    const h = new History();
    h.received('c1', 'n1', '2023-01-10');
    h.placement('c1', 'p1', '2023-02-01', '2.5', 'emergency');
    h.placement('c1', 'p2', '2024-03-01', '2.1', 'care_order'); // moved; the emergency home's end was never recorded
    h.received('c2', 'n1', '2024-01-10');
    h.placement('c2', 'p1', '2024-02-01', '1.1', 'behavioural');
    h.received('c3', 'n1', '2024-01-10');
    h.placement('c3', 'p1', '2024-02-01', '2.2', 'voluntary');
    h.placementEnded('c3', 'p1', '2024-12-31'); // ends on the count day: not placed then
    h.received('c4', 'n1', '2024-01-10');
    h.placement('c4', 'p1', '2024-06-01', '8.2', 'voluntary');
    const p = ask(h).placedAtEnd;
    expect(p.children).toBe(3);
    expect(p.byType).toEqual({ institution: 1, foster_home_kinship: 1, foster_home_other: 0, emergency_home: 0, supported_housing: 1 });
    expect(p.byBasis).toEqual({ voluntary: 1, emergency: 0, care_order: 1, behavioural: 1 });
    expect(p.emergency).toBe(0);
  });

  it('measures the stock on asOf when the period is still running', () => {
    const h = new History();
    h.received('c1', 'n1', '2024-01-10');
    h.placement('c1', 'p1', '2024-02-01', '2.2', 'voluntary');
    h.placementEnded('c1', 'p1', '2024-07-01');
    expect(ask(h, { asOf: '2024-06-30' })).toMatchObject({ measuredAt: '2024-06-30', placedAtEnd: { children: 1 } });
    expect(ask(h).placedAtEnd.children).toBe(0);
  });
});

describe("children: placed at 31.12 by type, legal basis and age (Holmestrand's table)", () => {
  it('counts each placed child once in its type × basis × age cell; young adults in aftercare apart; the cells add up to the total', () => {
    const h = new History();
    h.received('c1', 'n1', '2020-01-10', { childBirthYear: 2012 });
    h.placement('c1', 'p1', '2020-02-01', '2.2', 'care_order'); // under care, foster home, 12 on 31.12.2024
    h.received('c2', 'n1', '2021-01-10', { childBirthYear: 2005 });
    h.placement('c2', 'p1', '2021-02-01', '2.1', 'voluntary'); // voluntary foster home, 19: aftercare
    h.received('c3', 'n1', '2024-01-10', { childBirthYear: 2008 });
    h.placement('c3', 'p1', '2024-03-01', '1.1', 'behavioural'); // behavioural placement in an institution, 16
    h.received('c4', 'n1', '2024-01-10');
    h.placement('c4', 'p1', '2024-03-01', '2.3', 'voluntary'); // no birth year: counted under 18
    h.received('c5', 'n1', '2024-01-10', { childBirthYear: 2010 });
    h.placement('c5', 'p1', '2024-03-01', '2.2', 'voluntary');
    h.placementEnded('c5', 'p1', '2024-09-01'); // home again before the year's end: not placed on 31.12
    const p = ask(h).placedAtEnd;
    expect(p.byTypeBasisAge.foster_home_other.care_order).toEqual({ under18: 1, adults: 0 });
    expect(p.byTypeBasisAge.foster_home_kinship.voluntary).toEqual({ under18: 0, adults: 1 });
    expect(p.byTypeBasisAge.institution.behavioural).toEqual({ under18: 1, adults: 0 });
    expect(p.byTypeBasisAge.foster_home_other.voluntary).toEqual({ under18: 1, adults: 0 });
    const cells = Object.values(p.byTypeBasisAge).flatMap((byBasis) => Object.values(byBasis));
    expect(cells.reduce((sum, c) => sum + c.under18 + c.adults, 0)).toBe(p.children);
    expect(p.children).toBe(4);
  });

  it('reads the age on 31.12 of the year counted: the same child is under 18 one year and an adult the next', () => {
    const h = new History();
    h.received('c1', 'n1', '2023-01-10', { childBirthYear: 2006 });
    h.placement('c1', 'p1', '2023-02-01', '2.2', 'voluntary');
    expect(ask(h, { period: '2023' }).placedAtEnd.byTypeBasisAge.foster_home_other.voluntary).toEqual({ under18: 1, adults: 0 });
    expect(ask(h, { period: '2024' }).placedAtEnd.byTypeBasisAge.foster_home_other.voluntary).toEqual({ under18: 0, adults: 1 });
  });
});

describe('children: emergency placements', () => {
  it('counts emergency placements started in the year and the children they concern', () => {
    const h = new History();
    h.received('c1', 'n1', '2024-01-10');
    h.placement('c1', 'p1', '2024-02-01', '2.5', 'emergency');
    h.placementEnded('c1', 'p1', '2024-02-10');
    h.placement('c1', 'p2', '2024-05-01', '1.1', 'emergency');
    h.received('c2', 'n1', '2024-01-10');
    h.placement('c2', 'p1', '2024-02-01', '2.2', 'voluntary');
    expect(ask(h).emergencyStarted).toEqual({ placements: 2, voluntary: 0, children: 1 });
    expect(ask(h).placedAtEnd).toMatchObject({ children: 2, emergency: 1, byBasis: { emergency: 1, voluntary: 1 } });
  });
});

describe('children: an emergency placement can be voluntary too', () => {
  it('counts a voluntary placement under an emergency decision as emergency, and says how many were voluntary', () => {
    const h = new History();
    h.received('c1', 'n1', '2024-01-10');
    h.add('c1', 'PlacementStarted', '2024-02-01', { placementId: 'p1', category: '2.5', basis: 'voluntary', emergency: true });
    h.received('c2', 'n1', '2024-01-10');
    h.add('c2', 'PlacementStarted', '2024-02-01', { placementId: 'p1', category: '2.5', basis: 'emergency' });
    h.received('c3', 'n1', '2024-01-10');
    h.add('c3', 'PlacementStarted', '2024-02-01', { placementId: 'p1', category: '2.2', basis: 'voluntary', emergency: false });
    const answer = ask(h);
    expect(answer.emergencyStarted).toEqual({ placements: 2, voluntary: 1, children: 2 });
    expect(answer.placedAtEnd).toMatchObject({ children: 3, emergency: 2, byBasis: { voluntary: 2, emergency: 1 } });
  });
});

describe('children: measures during the year', () => {
  it('counts a child once in each tiltak group it had, once in the total, and help-only children apart', () => {
    const h = new History();
    h.received('c1', 'n1', '2023-01-10');
    h.measure('c1', 'm1', '2023-02-01', '3.2'); // active into 2024
    h.measure('c1', 'm2', '2024-02-01', '3.9');
    h.measure('c1', 'm3', '2024-03-01', '4.6');
    h.received('c2', 'n1', '2024-01-10');
    h.measure('c2', 'm1', '2024-02-01', '4.1');
    h.placement('c2', 'p1', '2024-03-01', '2.2');
    h.received('c3', 'n1', '2023-01-10');
    h.measure('c3', 'm1', '2023-02-01', '3.9');
    h.measureEnded('c3', 'm1', '2023-12-31'); // ended before the year
    const w = ask(h).withMeasures;
    expect(w.children).toBe(2);
    expect(w.helpOnly).toBe(1);
    expect(w.byGroup).toMatchObject({ '2': 1, '3': 1, '4': 2, '1': 0 });
  });
});

describe('children: ages from birth year', () => {
  function history(): History {
    const h = new History();
    h.received('c1', 'n1', '2020-01-10', { childBirthYear: 2006 }); // 18 on 31.12.2024
    h.measure('c1', 'm1', '2020-02-01', '4.6');
    h.received('c2', 'n1', '2020-01-10', { childBirthYear: 2000 }); // 24
    h.measure('c2', 'm1', '2020-02-01', '8.3');
    h.measureEnded('c2', 'm1', '2024-06-30');
    h.received('c3', 'n1', '2020-01-10', { childBirthYear: 1999 }); // 25: no longer aftercare
    h.measure('c3', 'm1', '2020-02-01', '8.3');
    h.received('c4', 'n1', '2024-01-10'); // no birth year: under 18
    h.measure('c4', 'm1', '2024-02-01', '3.9');
    h.received('c5', 'n1', '2024-01-10', { childBirthYear: 2010 });
    h.measure('c5', 'm1', '2024-02-01', '3.9');
    return h;
  }

  it('counts aftercare (18–24 on 31.12) at the year end and during the year', () => {
    expect(ask(history()).aftercare).toEqual({ atEnd: 1, duringPeriod: 2, fromAge: 18, untilAge: 25 });
  });

  it('counts children under 18 with measures, the numerator per 1 000 inhabitants 0–17', () => {
    expect(ask(history()).withMeasures).toMatchObject({ children: 5, under18: 2 });
  });

  it('takes the birth year from the first notification that gives one', () => {
    const h = new History();
    h.received('c1', 'n1', '2024-01-10');
    h.received('c1', 'n2', '2024-02-10', { childBirthYear: 2005 });
    h.measure('c1', 'm1', '2024-03-01', '8.3');
    expect(ask(h).aftercare.atEnd).toBe(1);
  });
});

describe('children: active cases at 31.12', () => {
  it('counts cases with an open notification, an open investigation, or an active measure or placement', () => {
    const h = new History();
    h.received('c1', 'n1', '2024-12-28'); // open review
    h.received('c2', 'n1', '2024-11-01');
    h.opened('c2', 'u1', 'n1', '2024-11-03'); // open investigation
    h.received('c3', 'n1', '2024-01-01');
    h.cleared('c3', 'n1', '2024-01-03'); // closed
    h.received('c4', 'n1', '2024-01-01');
    h.cleared('c4', 'n1', '2024-01-03');
    h.measure('c4', 'm1', '2024-02-01', '3.9'); // active measure
    expect(ask(h).activeCasesAtEnd).toBe(3);
  });

  it('covers only the municipalities asked for', () => {
    const h = new History();
    h.received('c1', 'n1', '2024-12-28', { municipality: '3201' });
    h.received('c2', 'n1', '2024-12-28', { municipality: '3203' });
    expect(ask(h, { municipality: '3203' }).activeCasesAtEnd).toBe(1);
    expect(ask(h, { municipalities: ['3201', '3203'] }).activeCasesAtEnd).toBe(2);
  });
});

describe('children: investigations and notifications in active cases', () => {
  it('counts children with an investigation open in the year, and notifications received in a case already active', () => {
    const h = new History();
    h.received('c1', 'n1', '2023-11-01');
    h.opened('c1', 'u1', 'n1', '2023-11-03'); // open into 2024
    h.received('c1', 'n2', '2024-01-15'); // during the investigation: in an active case
    h.received('c2', 'n1', '2024-03-01'); // new case
    h.opened('c2', 'u1', 'n1', '2024-03-02');
    h.closed('c2', 'u1', '2024-04-01');
    h.measure('c2', 'm1', '2024-04-02', '3.9');
    h.received('c2', 'n2', '2024-06-01'); // during a measure: in an active case
    h.received('c3', 'n1', '2024-05-01', { childBirthYear: 2000 }); // 24: not under 18
    h.opened('c3', 'u1', 'n1', '2024-05-02');
    const answer = ask(h);
    expect(answer.withInvestigation).toEqual({ children: 3, under18: 2 });
    expect(answer.notifications).toEqual({ received: 4, inActiveCase: 2 });
  });
});
