import type { Lang } from '../labels';
import type { DashboardData } from './api';
import { barChart, shareColumns } from './charts';
import { h } from './dom';
import { formatCount, formatPercentWhole, formatShare } from './format';
import { t } from './i18n';
import { dataTable, section, type TableCell } from './widgets';

/*
 * The state report's trends on the dashboard: the same yearly figures (flow and compliance per
 * year) over the chosen span, as charts with the table beside them. Paths name the yearly answer
 * they come from (`trend.<year>.…` a year's flow, `compliance.<year>.…` its compliance).
 */
export function trendView(data: DashboardData, lang: Lang): HTMLElement {
  const years = data.trend;
  const grid: [string, string, string] = [formatPercentWhole(0, lang), formatPercentWhole(0.5, lang), formatPercentWhole(1, lang)];
  const count = (path: string, n: number | null): TableCell => ({ text: formatCount(n, lang), path, value: n });
  const share = (path: string, s: number | null): TableCell => ({ text: formatShare(s, lang), path, value: s });
  const received = years.map((y) => ({
    label: String(y.year),
    value: y.flow.notifications.received,
    display: formatCount(y.flow.notifications.received, lang),
  }));
  const children = years.map((y) => ({
    label: String(y.year),
    value: y.flow.children.withMeasureOrPlacement,
    display: formatCount(y.flow.children.withMeasureOrPlacement, lang),
  }));
  const onTime = years.map((y) => ({
    label: String(y.year),
    value: y.compliance.reviews.onTimeShare,
    display: formatShare(y.compliance.reviews.onTimeShare, lang),
  }));
  const breach = years.map((y) => ({
    label: String(y.year),
    value: y.compliance.investigations.breachShare,
    display: formatShare(y.compliance.investigations.breachShare, lang),
  }));
  const table = dataTable(
    t('trendTable', lang, { from: years[0].year, to: years[years.length - 1].year }),
    [
      t('year', lang),
      t('received', lang),
      t('onTimeShare', lang),
      t('breachShare', lang),
      t('childrenWithMeasures', lang),
      t('childrenPlacedAtEnd', lang),
    ],
    years.map((y) => [
      String(y.year),
      count(`trend.${y.year}.notifications.received`, y.flow.notifications.received),
      share(`compliance.${y.year}.reviews.onTimeShare`, y.compliance.reviews.onTimeShare),
      share(`compliance.${y.year}.investigations.breachShare`, y.compliance.investigations.breachShare),
      count(`trend.${y.year}.children.withMeasureOrPlacement`, y.flow.children.withMeasureOrPlacement),
      count(`trend.${y.year}.stockAtEnd.childrenPlaced`, y.flow.stockAtEnd.childrenPlaced),
    ]),
    'trend-table',
  );
  return section(
    'trends',
    t('trendHeading', lang),
    t('trendIntro', lang, { years: years.length }),
    h(
      'div',
      { class: 'trend-charts' },
      h('figure', {}, h('figcaption', {}, t('received', lang)), barChart(t('received', lang), received)),
      h('figure', {}, h('figcaption', {}, t('childrenWithMeasures', lang)), barChart(t('childrenWithMeasures', lang), children)),
      h('figure', {}, h('figcaption', {}, t('onTimeShare', lang)), shareColumns(t('onTimeShare', lang), onTime, grid)),
      h('figure', {}, h('figcaption', {}, t('breachShare', lang)), shareColumns(t('breachShare', lang), breach, grid)),
    ),
    table,
  );
}
