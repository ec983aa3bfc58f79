import type { Lang } from '../labels';
import type { Board } from './api';
import { h } from './dom';
import { formatCount } from './format';
import { t } from './i18n';
import { dataTable, section, tile } from './widgets';

const MAX_ROWS = 25;

/** Open deadlines: overdue first, then due soon (the board's own order); items on track are counted out. */
export function deadlinesView(board: Board, lang: Lang): HTMLElement {
  const urgent = board.items.filter((item) => item.status !== 'ok');
  const countOf = (status: string, kind: string) => board.items.filter((i) => i.status === status && i.kind === kind).length;
  const tiles = [
    ['overdueReviews', 'overdue', 'review', 'alert'],
    ['overdueInvestigations', 'overdue', 'investigation', 'alert'],
    ['dueSoonReviews', 'due_soon', 'review', 'warn'],
    ['dueSoonInvestigations', 'due_soon', 'investigation', 'warn'],
  ] as const;
  const shown = urgent.slice(0, MAX_ROWS);
  const table =
    urgent.length === 0
      ? h('p', {}, t('noneOpen', lang))
      : dataTable(
          `${t('deadlineTable', lang)} (${t('showing', lang, { shown: shown.length, total: urgent.length })})`,
          [t('caseId', lang), t('kind', lang), t('municipality', lang), t('deadline', lang), t('daysLeft', lang), t('status', lang)],
          shown.map((item) => [
            item.caseId,
            t(item.kind, lang),
            item.municipality,
            item.deadline,
            {
              text: formatCount(item.daysLeft, lang),
              path: `deadlines.${item.kind}.${item.caseId}.${item.id}.daysLeft`,
              value: item.daysLeft,
            },
            t(item.status, lang),
          ]),
          'deadline-table',
        );
  return section(
    'deadlines',
    t('deadlinesHeading', lang),
    `${t('deadlinesIntro', lang)} ${t('asOf', lang)} ${board.asOf}.`,
    h(
      'div',
      { class: 'tiles' },
      ...tiles.map(([label, status, kind, tone]) => {
        const n = countOf(status, kind);
        return tile(t(label, lang), formatCount(n, lang), `deadlines.count.${status}.${kind}`, n, n > 0 ? tone : 'plain');
      }),
    ),
    table,
  );
}
