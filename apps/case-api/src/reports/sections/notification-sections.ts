import { labelOf, REPORTER_LABELS, reporterCodesFor } from '@fristvakt/dashboard-ui';
import type { ReportContext } from '../report-context';
import type { ReportSection } from '../report-table';
import type { YearFigures } from '../state-report.query';
import { yearRow, yearSection, yearShareRow, yearSums } from './rows';
import { countRow, HALF_COLUMNS, shareOf } from './half-years';

const cleared = (y: YearFigures) => (y.flow.notifications.concluded ?? 0) - (y.flow.notifications.byConclusion.investigation ?? 0);

export function notificationsOverYears(ctx: ReportContext): ReportSection[] {
  yearSums(ctx, 'notifications.concluded', ['notifications.toInvestigation', 'notifications.cleared']);
  yearSums(ctx, 'notifications.received', ['children.notifications.new', 'children.notifications.inActiveCase']);
  return [
    yearSection(ctx, {
      id: 'meldinger',
      title: 'Meldinger',
      notes: [
        'Bekymringsmeldinger mottatt i året, og meldinger som ble gjennomgått (konkludert) i året.',
        'I aktiv sak: mottatt mens saken hadde en pågående undersøkelse eller et aktivt tiltak eller en aktiv plassering (dagen før mottak).',
      ],
      rowHeader: 'Meldinger',
      rows: [
        yearRow(ctx, 'Antall meldinger', 'notifications.received', (y) => y.flow.notifications.received),
        yearRow(ctx, 'Gjennomgåtte meldinger', 'reviews.concluded', (y) => y.compliance.reviews.concluded),
        yearShareRow(
          ctx,
          'Andel gjennomgått innen en uke',
          ['reviews.onTime', (y) => y.compliance.reviews.onTime],
          ['reviews.concluded', (y) => y.compliance.reviews.concluded],
          (y) => y.compliance.reviews.onTimeShare,
        ),
        yearRow(
          ctx,
          'Meldinger til undersøkelse',
          'notifications.toInvestigation',
          (y) => y.flow.notifications.byConclusion.investigation ?? 0,
        ),
        yearShareRow(
          ctx,
          'Andel meldinger til undersøkelse',
          ['notifications.toInvestigation', (y) => y.flow.notifications.byConclusion.investigation ?? 0],
          ['notifications.concluded', (y) => y.flow.notifications.concluded],
          (y) => y.flow.notifications.toInvestigationShare,
        ),
        yearRow(ctx, 'Henlagte meldinger (gjennomgått, ikke til undersøkelse)', 'notifications.cleared', cleared),
        yearShareRow(
          ctx,
          'Andel henlagte meldinger',
          ['notifications.cleared', cleared],
          ['notifications.concluded', (y) => y.flow.notifications.concluded],
        ),
        yearRow(
          ctx,
          'Nye meldinger (saken var ikke aktiv)',
          'children.notifications.new',
          (y) => y.children.notifications.received - y.children.notifications.inActiveCase,
        ),
        yearRow(ctx, 'Meldinger i aktiv sak', 'children.notifications.inActiveCase', (y) => y.children.notifications.inActiveCase),
      ],
      chart: { kind: 'bar', rows: [0], unit: 'count' },
    }),
    yearSection(ctx, {
      id: 'gjennomgang_over_ar',
      title: 'Andel meldinger gjennomgått innen en uke, per år',
      notes: ['Samme tall som i tabellen over, vist som utvikling over årene.'],
      rowHeader: 'Gjennomgang',
      rows: [
        yearShareRow(
          ctx,
          'Andel gjennomgått innen en uke',
          ['reviews.onTime', (y) => y.compliance.reviews.onTime],
          ['reviews.concluded', (y) => y.compliance.reviews.concluded],
          (y) => y.compliance.reviews.onTimeShare,
        ),
      ],
      chart: { kind: 'line', rows: [0], unit: 'percent' },
    }),
  ];
}

export function notificationsByReporter(ctx: ReportContext): ReportSection[] {
  const year = ctx.current.year;
  const seen = ctx.years.flatMap((y) => Object.keys(y.flow.notifications.byReporter));
  const codes = [...new Set([...reporterCodesFor(year), ...seen])].sort((a, b) => Number(a) - Number(b));
  return [
    yearSection(ctx, {
      id: 'meldinger_etter_melder',
      title: `Meldinger etter melder ${ctx.yearColumns[0]}–${year}`,
      notes: ['En melding kan ha flere meldere; summen kan derfor bli større enn antall meldinger.'],
      rowHeader: 'Melder',
      rows: [
        ...codes.map((code) =>
          yearRow(ctx, labelOf(REPORTER_LABELS, code, 'nb'), `reporter.${code}`, (y) => y.flow.notifications.byReporter[code] ?? 0, code),
        ),
        yearRow(ctx, 'Antall meldinger i alt', 'notifications.received', (y) => y.flow.notifications.received),
      ],
      chart: { kind: 'bar', rows: codes.map((_, i) => i), columns: [ctx.years.length - 1], unit: 'count' },
    }),
  ];
}

export function reviewsWithinAWeek(ctx: ReportContext): ReportSection[] {
  const r = ctx.halves.map((p) => ({ ...p.compliance.reviews, at: (figure: string) => ctx.key(p, `reviews.${figure}`) }));
  return [
    {
      id: 'gjennomgang_innen_en_uke',
      title: 'Meldinger gjennomgått innen fristen (en uke)',
      notes: ['Meldinger som ble gjennomgått i perioden; fristen er en uke fra mottak (bvl. § 2-1).'],
      rowHeader: 'Gjennomgang',
      columns: HALF_COLUMNS,
      rows: [
        countRow('Gjennomgåtte meldinger', r, 'concluded'),
        countRow('Gjennomgått innen en uke', r, 'onTime'),
        countRow('Gjennomgått etter fristen', r, 'late'),
        {
          label: 'Andel gjennomgått innen en uke',
          cells: r.map((x) => shareOf(x.onTime, x.concluded, x.onTimeShare, x.at('onTime'), x.at('concluded'))),
        },
        countRow('Ikke gjennomgått og over fristen ved periodens slutt', r, 'openOverdueAtEnd'),
      ],
    },
  ];
}
