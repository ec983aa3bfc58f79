import type { Lang } from '../labels';
import type { Compliance, DashboardData } from './api';
import { shareColumns } from './charts';
import { h } from './dom';
import { formatCount, formatPercentWhole, formatShare, monthName } from './format';
import { t } from './i18n';
import { dataTable, section, type TableCell } from './widgets';

/** Compliance by month (two charts with one table) and the Bufdir indicator by half-year. */
export function complianceView(data: DashboardData, year: number, lang: Lang): HTMLElement {
  const grid: [string, string, string] = [formatPercentWhole(0, lang), formatPercentWhole(0.5, lang), formatPercentWhole(1, lang)];
  const monthKey = (i: number) => `${year}-${String(i + 1).padStart(2, '0')}`;
  const reviewColumns = data.months.map((m, i) => ({
    label: monthName(i + 1, lang),
    value: m.reviews.onTimeShare,
    display: formatShare(m.reviews.onTimeShare, lang),
  }));
  const breachColumns = data.months.map((m, i) => ({
    label: monthName(i + 1, lang),
    value: m.investigations.breachShare,
    display: formatShare(m.investigations.breachShare, lang),
  }));
  const count = (path: string, n: number | null): TableCell => ({ text: formatCount(n, lang), path, value: n });
  const share = (path: string, s: number | null): TableCell => ({ text: formatShare(s, lang), path, value: s });
  const monthRows = data.months.map((m, i) => {
    const p = `compliance.${monthKey(i)}`;
    return [
      monthName(i + 1, lang, 'long'),
      count(`${p}.reviews.concluded`, m.reviews.concluded),
      share(`${p}.reviews.onTimeShare`, m.reviews.onTimeShare),
      count(`${p}.investigations.closed`, m.investigations.closed),
      share(`${p}.investigations.breachShare`, m.investigations.breachShare),
    ];
  });
  const monthTable = dataTable(
    `${t('complianceHeading', lang)} ${year}`,
    [t('month', lang), t('reviewsConcluded', lang), t('onTimeShare', lang), t('investigationsClosed', lang), t('breachShare', lang)],
    monthRows,
    'month-table',
  );
  const halves: Array<[string, string, Compliance]> = [
    [t('half1', lang), `${year}-H1`, data.halves.H1],
    [t('half2', lang), `${year}-H2`, data.halves.H2],
    [t('wholeYear', lang), String(year), data.halves.year],
  ];
  const halfTable = dataTable(
    t('halfYearTable', lang),
    [
      t('period', lang),
      t('investigationsClosed', lang),
      t('breached', lang),
      t('breachShare', lang),
      t('extended', lang),
      t('onTimeShare', lang),
      t('openOverdueAtEnd', lang),
    ],
    halves.map(([label, key, c]) => [
      label,
      count(`compliance.${key}.investigations.closed`, c.investigations.closed),
      count(`compliance.${key}.investigations.breached`, c.investigations.breached),
      share(`compliance.${key}.investigations.breachShare`, c.investigations.breachShare),
      count(`compliance.${key}.investigations.extended`, c.investigations.extended),
      share(`compliance.${key}.reviews.onTimeShare`, c.reviews.onTimeShare),
      count(`compliance.${key}.investigations.openOverdueAtEnd`, c.investigations.openOverdueAtEnd),
    ]),
    'half-table',
  );
  return section(
    'compliance',
    t('complianceHeading', lang),
    t('complianceIntro', lang, { year }),
    h(
      'div',
      { class: 'chart-with-table even' },
      h(
        'div',
        { class: 'chart-box' },
        h('h3', {}, t('reviewsOnTimeChart', lang)),
        shareColumns(t('reviewsOnTimeChart', lang), reviewColumns, grid),
        h('h3', {}, t('breachChart', lang)),
        shareColumns(t('breachChart', lang), breachColumns, grid),
      ),
      h('div', { class: 'table-box' }, monthTable),
    ),
    halfTable,
  );
}
