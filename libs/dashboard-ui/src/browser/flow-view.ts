import { labelOf, PLACEMENT_BASIS_LABELS, PLACEMENT_CATEGORY_LABELS, REPORTER_LABELS, type Lang } from '../labels';
import type { Flow } from './api';
import { barChart, type Bar } from './charts';
import { h } from './dom';
import { formatCount, formatShare } from './format';
import { t, type TextKey } from './i18n';
import { chartWithTable, dataTable, section, tile, type TableCell } from './widgets';

interface Item {
  label: string;
  path: string;
  value: number | null;
}

function barsAndTable(title: string, header: [string, string], items: Item[], lang: Lang, className: string): HTMLElement {
  const bars: Bar[] = items.map((i) => ({ label: i.label, value: i.value, display: formatCount(i.value, lang) }));
  const rows: TableCell[][] = items.map((i) => [i.label, { text: formatCount(i.value, lang), path: i.path, value: i.value }]);
  return chartWithTable(barChart(title, bars), dataTable(title, header, rows, className));
}

/** From notifications through investigations to measures and placements, in the selected period. */
export function flowView(flow: Flow, periodLabel: string, lang: Lang): HTMLElement {
  const n = flow.notifications;
  const steps: Array<[TextKey, string, number | null]> = [
    ['received', 'flow.notifications.received', n.received],
    ['toInvestigation', 'flow.notifications.byConclusion.investigation', n.byConclusion.investigation ?? 0],
    ['opened', 'flow.investigations.opened', flow.investigations.opened],
    ['closed', 'flow.investigations.closed', flow.investigations.closed],
    ['measuresDecided', 'flow.investigations.byOutcome.measures_decided', flow.investigations.byOutcome.measures_decided ?? 0],
    ['measuresStarted', 'flow.measures.started', flow.measures.started],
    ['placementsStarted', 'flow.placements.started', flow.placements.started],
  ];
  return section(
    'flow',
    t('flowHeading', lang),
    t('flowIntro', lang, { period: periodLabel }),
    h(
      'div',
      { class: 'tiles' },
      tile(
        t('toInvestigationShare', lang),
        formatShare(n.toInvestigationShare, lang),
        'flow.notifications.toInvestigationShare',
        n.toInvestigationShare,
      ),
      tile(
        t('childrenWithMeasures', lang),
        formatCount(flow.children.withMeasureOrPlacement, lang),
        'flow.children.withMeasureOrPlacement',
        flow.children.withMeasureOrPlacement,
      ),
    ),
    barsAndTable(
      t('flowChart', lang),
      [t('step', lang), t('count', lang)],
      steps.map(([key, path, value]) => ({ label: t(key, lang), path, value })),
      lang,
      'flow-table',
    ),
  );
}

export function reportersView(flow: Flow, lang: Lang): HTMLElement {
  const items = Object.entries(flow.notifications.byReporter)
    .map(([code, value]) => ({ label: labelOf(REPORTER_LABELS, code, lang), path: `flow.notifications.byReporter.${code}`, value }))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  return section(
    'reporters',
    t('reportersHeading', lang),
    t('reportersIntro', lang),
    items.length === 0
      ? h('p', {}, t('noData', lang))
      : barsAndTable(t('reportersChart', lang), [t('reporter', lang), t('notifications', lang)], items, lang, 'reporter-table'),
  );
}

export function placementsView(flow: Flow, lang: Lang): HTMLElement {
  const p = flow.placements;
  const types = Object.entries(p.byCategory)
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([code, value]) => ({
      label: `${code} ${labelOf(PLACEMENT_CATEGORY_LABELS, code, lang)}`,
      path: `flow.placements.byCategory.${code}`,
      value,
    }));
  const bases = Object.entries(p.byBasis).map(([code, value]) => ({
    label: labelOf(PLACEMENT_BASIS_LABELS, code, lang),
    path: `flow.placements.byBasis.${code}`,
    value,
  }));
  return section(
    'placements',
    t('placementsHeading', lang),
    t('placementsIntro', lang),
    h(
      'div',
      { class: 'tiles' },
      tile(t('placementsStarted', lang), formatCount(p.started, lang), 'flow.placements.started', p.started),
      tile(t('emergencyShare', lang), formatShare(p.emergencyShare, lang), 'flow.placements.emergencyShare', p.emergencyShare),
      tile(t('kinshipShare', lang), formatShare(p.kinshipShare, lang), 'flow.placements.kinshipShare', p.kinshipShare),
      tile(
        t('childrenPlacedAtEnd', lang),
        formatCount(flow.stockAtEnd.childrenPlaced, lang),
        'flow.stockAtEnd.childrenPlaced',
        flow.stockAtEnd.childrenPlaced,
      ),
    ),
    types.length === 0
      ? h('p', {}, t('noData', lang))
      : barsAndTable(t('placementTypeChart', lang), [t('type', lang), t('count', lang)], types, lang, 'placement-type-table'),
    bases.length === 0
      ? null
      : barsAndTable(t('placementBasisChart', lang), [t('basis', lang), t('count', lang)], bases, lang, 'placement-basis-table'),
  );
}
