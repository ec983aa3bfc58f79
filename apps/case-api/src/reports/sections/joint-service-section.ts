import { municipalityLabel } from '@fristvakt/domain';
import type { ReportContext } from '../report-context';
import { count, type ReportRow, type ReportSection } from '../report-table';
import type { PeriodFigures } from '../state-report.query';

/*
 * A host municipality (vertskommune) reports for every municipality its service covers: the key
 * figures of the report year with one column per municipality and the total. Each case belongs to
 * one municipality, so these figures add up across the columns (the suppression sums say so).
 */

const FIGURES: Array<[label: string, figure: string, valueOf: (p: PeriodFigures) => number | null]> = [
  ['Antall meldinger', 'notifications.received', (p) => p.flow.notifications.received],
  ['Gjennomgåtte meldinger', 'reviews.concluded', (p) => p.compliance.reviews.concluded],
  ['Gjennomgått innen en uke', 'reviews.onTime', (p) => p.compliance.reviews.onTime],
  ['Nye undersøkelser', 'investigations.opened', (p) => p.flow.investigations.opened],
  ['Avsluttede undersøkelser', 'investigations.closed', (p) => p.compliance.investigations.closed],
  ['Fristbrudd', 'investigations.breached', (p) => p.compliance.investigations.breached],
  ['Hjelpetiltak startet', 'measures.started', (p) => p.flow.measures.started],
  ['Plasseringer startet', 'placements.started', (p) => p.flow.placements.started],
  ['Barn med tiltak i løpet av året', 'children.withMeasures', (p) => p.children.withMeasures.children],
  ['Barn plassert per 31.12', 'children.placedAtEnd', (p) => p.children.placedAtEnd.children],
  ['I ettervern per 31.12', 'children.aftercareAtEnd', (p) => p.children.aftercare.atEnd],
  ['Aktive saker per 31.12', 'children.activeCasesAtEnd', (p) => p.children.activeCasesAtEnd],
];

export function jointService(ctx: ReportContext): ReportSection[] {
  const parts = ctx.figures.byMunicipality;
  if (parts.length < 2) return [];
  const rows: ReportRow[] = FIGURES.map(([label, figure, valueOf]) => {
    const cells = parts.map(({ current }) => count(valueOf(current), ctx.fig(current, figure, valueOf(current))));
    const total = ctx.fig(ctx.current, figure, valueOf(ctx.current));
    ctx.sum(
      total,
      parts.map(({ current }) => ctx.key(current, figure)),
    );
    return { label, cells: [...cells, count(valueOf(ctx.current), total)] };
  });
  return [
    {
      id: 'kommunene_i_samarbeidet',
      title: `Kommunene i samarbeidet ${ctx.current.year}`,
      notes: ['Hver sak hører til én kommune, så kolonnene summerer seg til totalen.'],
      rowHeader: 'Nøkkeltall',
      columns: [...parts.map(({ municipality }) => municipalityLabel(municipality)), 'Totalt'],
      rows,
      chart: { kind: 'bar', rows: [0, 8], columns: parts.map((_, i) => i), unit: 'count' },
    },
  ];
}
