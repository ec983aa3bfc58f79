import { History } from '../../../../libs/projections/src/history.spec-helper';
import { applyAll, createModel } from '@fristvakt/projections';
import { buildStateReport } from './build-state-report';
import { comparisonsAnswer, type ComparedSeries } from './comparisons-answer';
import { parseReferenceCsv } from './reference/reference-values';
import { stateReportFigures } from './state-report.query';

/*
 * Given events and an imported reference file, then the comparison figures: Fristvakt's figure per
 * year and per half-year beside the published ones, hidden for small counts exactly as the report
 * hides them.
 */

const REFERENCE = parseReferenceCsv(
  [
    'indicator,area_type,area,year,value,source',
    'population_0_17,municipality,3201,2024,1000,SSB',
    'children_with_investigation_per_1000_0_17,county,32,2024,37,Bufdir',
    'investigation_breach_share,municipality,3201,2024-H1,0.5,Bufdir',
    'investigation_breach_share,municipality,3201,2024-H2,0,Bufdir',
    'investigation_breach_share,county,32,2024-H1,0.049,Bufdir',
    'investigation_breach_share,municipality,0301,2024-H1,0.2,Bufdir',
    'reviews_within_7_days_share,county,32,2024-H2,0.8,Bufdir',
    'help_measures_with_plan_share,county,32,2024-H1,0.928,Bufdir',
    'help_measures_with_plan_share,county,32,2024-H2,0.902,Bufdir',
  ].join('\n'),
  'reference-values.csv',
);

/** Four notifications and three investigations in 2024; two children in help measures, one with a plan. */
function history(): History {
  const h = new History();
  // H1: reviewed in time, investigation closed after its three months (due 2024-04-02): a breach
  h.received('c1', 'n1', '2024-01-02');
  h.opened('c1', 'u1', 'n1', '2024-01-05');
  h.closed('c1', 'u1', '2024-05-20');
  // H1: reviewed in time, closed in time
  h.received('c2', 'n1', '2024-02-01');
  h.opened('c2', 'u1', 'n1', '2024-02-02');
  h.closed('c2', 'u1', '2024-04-10');
  // reviewed in time in H1 (3 June), closed in time in H2
  h.received('c3', 'n1', '2024-06-01');
  h.opened('c3', 'u1', 'n1', '2024-06-03');
  h.closed('c3', 'u1', '2024-08-01');
  // H2: cleared two weeks after receipt: a late review
  h.received('c4', 'n1', '2024-07-01');
  h.cleared('c4', 'n1', '2024-07-15');
  // help measures from March: c1 with a tiltaksplan, c2 without
  h.measure('c1', 'm1', '2024-03-01', '4.6');
  h.add('c1', 'PlanCreated', '2024-03-01', { planId: 'pl1', kind: '1', measureId: 'm1' });
  h.measure('c2', 'm1', '2024-03-01', '4.6');
  return h;
}

function answer(suppress: boolean) {
  const model = applyAll(createModel(), history().events);
  const params = {
    year: 2024,
    years: 2,
    municipalities: ['3201'],
    method: 'legal' as const,
    knownAt: null,
    asOf: '2025-01-15',
  };
  const figures = stateReportFigures(model, params, REFERENCE, history().events.length);
  return comparisonsAnswer(figures, buildStateReport(figures, { suppress }));
}

const find = (series: ComparedSeries[], indicator: string, periods: 'year' | 'half') =>
  series.find((s) => s.indicator === indicator && s.periods === periods)!;
const values = (v: Array<{ value: number | null }>) => v.map((x) => x.value);

describe('comparison figures (GET /v1/reports/state-report/comparisons)', () => {
  it('given investigations closed in each half-year, then the breach share per half-year beside the municipality and county ones', () => {
    const breach = find(answer(false).indicators, 'investigation_breach_share', 'half');
    expect(breach.fristvakt).toEqual([
      { period: '2024-H1', value: 0.5, suppressed: false, numerator: 1, denominator: 2 },
      { period: '2024-H2', value: 0, suppressed: false, numerator: 0, denominator: 1 },
    ]);
    // another municipality's published figure is not the report's business
    expect(breach.published.map((p) => [p.areaType, p.area, values(p.values)])).toEqual([
      ['municipality', '3201', [0.5, 0]],
      ['county', '32', [0.049, null]],
    ]);
    expect(breach.published[0]).toMatchObject({ name: 'Bærum (3201)', source: 'Bufdir' });
    // months (legal) against Bufdir's days: close, not the same
    expect(breach.match).toBe('close');
  });

  it('given three reviews in time in H1 and one late in H2, then the share reviewed within a week per half-year; no yearly row without a yearly published value', () => {
    const { indicators } = answer(false);
    expect(find(indicators, 'reviews_within_7_days_share', 'half').fristvakt.map((v) => [v.value, v.numerator, v.denominator])).toEqual([
      [1, 3, 3],
      [0, 0, 1],
    ]);
    expect(find(indicators, 'reviews_within_7_days_share', 'half').match).toBe('same');
    expect(indicators.find((s) => s.indicator === 'reviews_within_7_days_share' && s.periods === 'year')).toBeUndefined();
  });

  it('given two children in help measures on 30.06, one with a tiltaksplan, then half of them have one', () => {
    const plans = find(answer(false).indicators, 'help_measures_with_plan_share', 'half');
    expect(plans.fristvakt.map((v) => [v.value, v.numerator, v.denominator])).toEqual([
      [0.5, 1, 2],
      [0.5, 1, 2],
    ]);
    expect(values(plans.published[0].values)).toEqual([0.928, 0.902]);
  });

  it('given three children with an investigation and 1 000 inhabitants 0–17, then 3 per 1 000; "." for a year without population', () => {
    const rate = find(answer(false).indicators, 'children_with_investigation_per_1000_0_17', 'year');
    expect(rate.fristvakt).toEqual([
      { period: '2023', value: null, suppressed: false, numerator: 0 },
      { period: '2024', value: 3, suppressed: false, numerator: 3 },
    ]);
    expect(rate.unit).toBe('rate');
    expect(values(rate.published[0].values)).toEqual([null, 37]);
  });

  it('hides a share built on a count 1–4 as the report does, and never a published figure', () => {
    const hidden = answer(true);
    expect(hidden.suppressSmallCounts).toBe(true);
    const breach = find(hidden.indicators, 'investigation_breach_share', 'half');
    expect(breach.fristvakt[0]).toEqual({ period: '2024-H1', value: null, suppressed: true });
    expect(values(breach.published[0].values)).toEqual([0.5, 0]);
  });

  it('given no reference file, then no indicators', () => {
    const model = applyAll(createModel(), history().events);
    const params = { year: 2024, years: 2, municipalities: ['3201'], method: 'legal' as const, knownAt: null, asOf: '2025-01-15' };
    const figures = stateReportFigures(model, params, { values: [], file: null }, 0);
    expect(comparisonsAnswer(figures, buildStateReport(figures, { suppress: true }))).toMatchObject({
      referenceFile: null,
      years: [2023, 2024],
      halves: ['2024-H1', '2024-H2'],
      indicators: [],
    });
  });
});
