import type { Lang } from '../labels';
import type { Compliance, DashboardData } from './api';
import { formatCount, formatShare } from './format';
import { t } from './i18n';
import { dataTable, section, type TableCell } from './widgets';

const INDICATORS = ['plans', 'evaluatedPlans', 'carePlans', 'followUpVisits', 'supervision', 'aftercare'] as const;

/** After the investigation (DOMAIN.md §7): each follow-up indicator by half-year and year, children counted. */
export function followUpView(data: DashboardData, year: number, lang: Lang): HTMLElement {
  const periods: Array<[string, string, Compliance]> = [
    [t('half1', lang), `${year}-H1`, data.halves.H1],
    [t('half2', lang), `${year}-H2`, data.halves.H2],
    [t('wholeYear', lang), String(year), data.halves.year],
  ];
  const rows = INDICATORS.flatMap((name) =>
    periods.map(([label, key, c]): TableCell[] => {
      const x = c.followUp[name];
      const path = `compliance.${key}.followUp.${name}`;
      return [
        `${t(`fu_${name}`, lang)} – ${label}`,
        { text: formatCount(x.denominator, lang), path: `${path}.denominator`, value: x.denominator },
        { text: formatCount(x.numerator, lang), path: `${path}.numerator`, value: x.numerator },
        { text: formatShare(x.metShare, lang), path: `${path}.metShare`, value: x.metShare },
      ];
    }),
  );
  return section(
    'follow-up',
    t('followUpHeading', lang),
    t('followUpIntro', lang),
    dataTable(
      t('followUpHeading', lang),
      [t('indicator', lang), t('children', lang), t('met', lang), t('metShare', lang)],
      rows,
      'follow-up-table',
    ),
  );
}
