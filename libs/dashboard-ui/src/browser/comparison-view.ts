import type { Lang } from '../labels';
import type { ComparisonValue, Comparisons } from './api';
import { barChart, type Bar } from './charts';
import { h } from './dom';
import { formatRate, formatShare } from './format';
import { t, type TextKey } from './i18n';
import { chartWithTable, dataTable, section, type TableCell } from './widgets';

/*
 * The state report's comparison tables on the dashboard: per indicator, Fristvakt's figure beside
 * the published ones (municipality, county, KOSTRA group, country) over the periods, as a table,
 * and a bar chart of the latest period with a published figure. Paths name the comparisons answer
 * (`comparisons.<year>.<indicator index>.fristvakt.<period index>.value`).
 */

type Series = Comparisons['indicators'][number];

const INDICATOR_TEXT: Record<string, TextKey> = {
  reviews_within_7_days_share: 'cmpReviews',
  investigations_within_3_months_share: 'cmpWithin3Months',
  investigation_breach_share: 'cmpBreach',
  help_measures_with_plan_share: 'cmpPlans',
  children_with_measures_per_1000_0_17: 'cmpMeasuresPer1000',
  children_with_investigation_per_1000_0_17: 'cmpInvestigationPer1000',
  kinship_foster_home_share: 'cmpKinship',
};

const MATCH_TEXT: Record<Series['match'], TextKey> = { same: 'matchSame', close: 'matchClose', differs: 'matchDiffers' };

function indicatorLabel(series: Series, lang: Lang): string {
  const key = INDICATOR_TEXT[series.indicator];
  return key === undefined ? series.label : t(key, lang);
}

function areaLabel(areaType: string, area: string, name: string, lang: Lang): string {
  if (areaType === 'municipality') return name;
  if (areaType === 'county') return `${t('county', lang)} ${area}`;
  if (areaType === 'kostra_group') return `${t('kostraGroup', lang)} ${area}`;
  return t('country', lang);
}

function periodLabel(period: string, lang: Lang): string {
  const half = /^(\d{4})-H([12])$/.exec(period);
  return half === null ? period : `${t(half[2] === '1' ? 'half1' : 'half2', lang)} ${half[1]}`;
}

function text(series: Series, v: ComparisonValue, lang: Lang): string {
  if (v.suppressed) return ':';
  return series.unit === 'share' ? formatShare(v.value, lang) : formatRate(v.value, lang);
}

function indicatorView(comparisons: Comparisons, index: number, lang: Lang): HTMLElement {
  const series = comparisons.indicators[index];
  const label = indicatorLabel(series, lang);
  const periods = series.fristvakt.map((v) => v.period);
  const path = (...rest: Array<string | number>) => ['comparisons', comparisons.year, index, ...rest].join('.');
  const ours: TableCell[] = series.fristvakt.map((v, k) => ({
    text: text(series, v, lang),
    path: path('fristvakt', k, 'value'),
    value: v.value,
  }));
  const rows: TableCell[][] = [
    ['Fristvakt', ...ours, t('fromLog', lang)],
    ...series.published.map((p, m) => [
      areaLabel(p.areaType, p.area, p.name, lang),
      ...p.values.map((v, k): TableCell => ({
        text: text(series, v, lang),
        path: path('published', m, 'values', k, 'value'),
        value: v.value,
      })),
      p.source,
    ]),
  ];
  // the chart: the latest period with a published figure, every area beside Fristvakt's
  let last = periods.length - 1;
  while (last > 0 && series.published.every((p) => p.values[last].value === null)) last--;
  const bars: Bar[] = [
    { label: 'Fristvakt', value: series.fristvakt[last].value, display: text(series, series.fristvakt[last], lang) },
    ...series.published.map((p) => ({
      label: areaLabel(p.areaType, p.area, p.name, lang),
      value: p.values[last].value,
      display: text(series, p.values[last], lang),
    })),
  ];
  const chartTitle = `${label}, ${periodLabel(periods[last], lang)}`;
  const caption = `${label} (${t(series.periods === 'half' ? 'perHalfYear' : 'perYear', lang)})`;
  const table = dataTable(
    caption,
    [t('area', lang), ...periods.map((p) => periodLabel(p, lang)), t('source', lang)],
    rows,
    'comparison-table',
  );
  return h(
    'div',
    { class: 'comparison' },
    h('h3', {}, label, ' ', h('span', { class: `match match-${series.match}` }, `(${t(MATCH_TEXT[series.match], lang)})`)),
    chartWithTable(
      h(
        'figure',
        {},
        h('figcaption', {}, chartTitle),
        barChart(chartTitle, bars, series.unit === 'share' ? { max: Math.max(1, ...bars.map((b) => b.value ?? 0)) } : {}),
      ),
      table,
      { label: caption },
    ),
    // the definitions are the report's words, in bokmål
    h('p', { class: 'note', lang: 'nb' }, series.definition),
  );
}

export function comparisonView(comparisons: Comparisons, lang: Lang): HTMLElement {
  const content =
    comparisons.indicators.length === 0
      ? [h('p', { class: 'empty' }, t('noReference', lang))]
      : comparisons.indicators.map((_, i) => indicatorView(comparisons, i, lang));
  return section('comparisons', t('comparisonHeading', lang), t('comparisonIntro', lang), ...content);
}
