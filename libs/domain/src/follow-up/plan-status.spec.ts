import { FOLLOW_UP_1992, FOLLOW_UP_1992_AFTERCARE_25, FOLLOW_UP_2021, followUpRuleSetFor } from '../deadlines/follow-up-rule-sets';
import { aftercareStatus } from './aftercare-status';
import { ageOnDay } from './calendar';
import { child, d, measure, placement, plan } from './follow-up.spec-helper';
import { carePlanStatus, helpPlanStatus } from './plan-status';

const rules = FOLLOW_UP_2021;
const D = d('2024-06-30');

describe('barn i hjelpetiltak med tiltaksplan on the count date (DOMAIN.md §7.1)', () => {
  it('given a help measure active on D and an active tiltaksplan, then the child is in both denominator and numerator', () => {
    const c = child({ measures: [measure('m1', '2024-01-15')], plans: [plan('pl1', '1', '2024-01-20')] });
    expect(helpPlanStatus(c, D, rules)).toMatchObject({ inHelp: true, withPlan: true });
  });

  it('given the measure ended on D, or a plan of another kind, or a plan ended by D, then …', () => {
    expect(helpPlanStatus(child({ measures: [measure('m1', '2024-01-15', '2024-06-30')] }), D, rules).inHelp).toBe(false);
    expect(helpPlanStatus(child({ measures: [measure('m1', '2024-01-15')], plans: [plan('pl1', '4', '2024-01-20')] }), D, rules)).toMatchObject({ inHelp: true, withPlan: false });
    expect(helpPlanStatus(child({ measures: [measure('m1', '2024-01-15')], plans: [plan('pl1', '1', '2024-01-20', '2024-06-01')] }), D, rules).withPlan).toBe(false);
  });

  it('counts voluntary placements as help measures, care orders not; and only children under 18 (no birth year: under 18)', () => {
    expect(helpPlanStatus(child({ placements: [placement('p1', '2024-01-01', null, { basis: 'voluntary' })] }), D, rules).inHelp).toBe(true);
    expect(helpPlanStatus(child({ placements: [placement('p1', '2024-01-01')] }), D, rules).inHelp).toBe(false);
    expect(helpPlanStatus(child({ childBirthYear: 2006, measures: [measure('m1', '2024-01-15')] }), D, rules).inHelp).toBe(false);
    expect(helpPlanStatus(child({ childBirthYear: null, measures: [measure('m1', '2024-01-15')] }), D, rules).inHelp).toBe(true);
  });
});

describe('evaluert tiltaksplan: the three-month anchor and the half-year ending on D (DOMAIN.md §7.1)', () => {
  const evaluatedIn = (dates: string[]) => plan('pl1', '1', '2023-12-01', null, { evaluationDays: dates.map(d) });

  it('given help since 2024-03-30 (= addMonths(D, −3)), then the child is evaluable; since 2024-03-31 not', () => {
    expect(helpPlanStatus(child({ measures: [measure('m1', '2024-03-30')], plans: [evaluatedIn(['2024-05-01'])] }), D, rules)).toMatchObject({ evaluable: true, evaluated: true });
    expect(helpPlanStatus(child({ measures: [measure('m1', '2024-03-31')], plans: [evaluatedIn(['2024-05-01'])] }), D, rules)).toMatchObject({ withPlan: true, evaluable: false, evaluated: false });
  });

  it('given consecutive measures without a gap, then help began with the first one', () => {
    const c = child({ measures: [measure('m1', '2023-01-01', '2024-05-01'), measure('m2', '2024-05-01')], plans: [evaluatedIn(['2024-01-02'])] });
    expect(helpPlanStatus(c, D, rules)).toMatchObject({ evaluable: true, evaluated: true });
    const gap = child({ measures: [measure('m1', '2023-01-01', '2024-04-30'), measure('m2', '2024-05-01')], plans: [evaluatedIn(['2024-05-02'])] });
    expect(helpPlanStatus(gap, D, rules).evaluable).toBe(false);
  });

  it('given the only evaluation in the previous half-year, then the plan is not evaluated on 30.06', () => {
    expect(helpPlanStatus(child({ measures: [measure('m1', '2023-01-01')], plans: [evaluatedIn(['2023-12-31'])] }), D, rules)).toMatchObject({ evaluable: true, evaluated: false });
  });
});

describe('omsorgsplan after a care order (DOMAIN.md §7.2)', () => {
  it('given a care order on D with a kind 4 plan, then met; a kind 3 plan counts only under the 1992 rules', () => {
    const withKind = (kind: '3' | '4') => child({ placements: [placement('p1', '2022-01-01')], plans: [plan('pl1', kind, '2022-01-10')] });
    expect(carePlanStatus(withKind('4'), D, rules)).toEqual({ underCare: true, withPlan: true });
    expect(carePlanStatus(withKind('3'), D, rules)).toEqual({ underCare: true, withPlan: false });
    expect(carePlanStatus(withKind('3'), d('2022-06-30'), followUpRuleSetFor('2022-06-30'))).toEqual({ underCare: true, withPlan: true });
  });
});

describe('aftercare ages from the birth year (DOMAIN.md §7.5)', () => {
  it('takes the age as year − birth year, exact on 31.12', () => {
    expect(ageOnDay(2006, d('2024-12-31'))).toBe(18);
    expect(ageOnDay(2006, d('2024-01-01'))).toBe(18);
    expect(ageOnDay(null, d('2024-01-01'))).toBeNull();
  });

  it('counts 18–24 with a measure on D (2021 rules), 18–22 before 2021', () => {
    const at = (birthYear: number, date: string, r = rules) => aftercareStatus(child({ childBirthYear: birthYear, measures: [measure('m1', '2015-01-01')] }), d(`${date.slice(0, 4)}-01-01`), d(date), r).atEnd;
    expect(at(2006, '2024-12-31')).toBe(true);
    expect(at(2007, '2024-12-31')).toBe(false);
    expect(at(2000, '2024-12-31')).toBe(true);
    expect(at(1999, '2024-12-31')).toBe(false);
    expect(at(1997, '2020-12-31', FOLLOW_UP_1992)).toBe(false);
    expect(at(1998, '2020-12-31', FOLLOW_UP_1992)).toBe(true);
    expect(followUpRuleSetFor('2021-06-30')).toBe(FOLLOW_UP_1992_AFTERCARE_25);
  });

  it('tells offered and accepted by D', () => {
    const c = child({ childBirthYear: 2006, measures: [measure('m1', '2020-01-01')], aftercare: [{ offerId: 'e1', offeredDay: d('2024-05-01'), concludedDay: d('2024-07-02'), outcome: 'accepted' }] });
    expect(aftercareStatus(c, d('2024-01-01'), D, rules)).toEqual({ atEnd: true, during: true, offered: true, accepted: false });
    expect(aftercareStatus(c, d('2024-07-01'), d('2024-12-31'), rules).accepted).toBe(true);
  });
});
