import { labelOf, OUTCOME_LABELS } from '@fristvakt/dashboard-ui';
import { INVESTIGATION_OUTCOMES } from '@fristvakt/domain';
import type { ReportContext } from '../report-context';
import { count, type ReportSection } from '../report-table';
import { countRow, HALF_COLUMNS, shareOf } from './half-years';
import { perThousandRow, yearRow, yearSection, yearShareRow, yearSums } from './rows';

export function investigationsByHalfYear(ctx: ReportContext): ReportSection[] {
  const u = ctx.halves.map((p) => ({ ...p.compliance.investigations, at: (figure: string) => ctx.key(p, `investigations.${figure}`) }));
  return [
    {
      id: 'undersokelser_fristbrudd',
      title: 'Undersøkelser og fristbrudd per halvår',
      notes: [
        'Fristbrudd i undersøkelser (Bufdirs indikator): avsluttede undersøkelser i perioden som ble avsluttet etter fristen, delt på alle avsluttede undersøkelser i perioden.',
        'Fristen er tre måneder, seks måneder ved utvidet frist (bvl. § 2-2).',
      ],
      rowHeader: 'Undersøkelser',
      columns: HALF_COLUMNS,
      rows: [
        {
          label: 'Nye undersøkelser',
          cells: ctx.halves.map((p) => count(p.flow.investigations.opened, ctx.key(p, 'investigations.opened'))),
        },
        countRow('Avsluttede undersøkelser', u, 'closed'),
        countRow('Avsluttet innen fristen', u, 'onTime'),
        countRow('Fristbrudd', u, 'breached'),
        { label: 'Andel fristbrudd', cells: u.map((x) => shareOf(x.breached, x.closed, x.breachShare, x.at('breached'), x.at('closed'))) },
        countRow('Avsluttet med utvidet frist', u, 'extended'),
        countRow('Fristbrudd med utvidet frist', u, 'breachedExtended'),
        countRow('Pågående og over fristen ved periodens slutt', u, 'openOverdueAtEnd'),
      ],
      chart: { kind: 'bar', rows: [2, 3], columns: [0, 1], unit: 'count' },
    },
  ];
}

export function investigationsOverYears(ctx: ReportContext): ReportSection[] {
  return [
    yearSection(ctx, {
      id: 'undersokelser_over_ar',
      title: 'Undersøkelser og fristbrudd per år',
      notes: [
        'Undersøkelser åpnet og avsluttet i året; fristbrudd blant de avsluttede (KOSTRA: andel avsluttet innen tre måneder = 1 − andel fristbrudd).',
      ],
      rowHeader: 'Undersøkelser',
      rows: [
        yearRow(ctx, 'Nye undersøkelser', 'investigations.opened', (y) => y.flow.investigations.opened),
        yearRow(ctx, 'Avsluttede undersøkelser', 'investigations.closed', (y) => y.compliance.investigations.closed),
        yearRow(ctx, 'Fristbrudd', 'investigations.breached', (y) => y.compliance.investigations.breached),
        yearShareRow(
          ctx,
          'Andel fristbrudd',
          ['investigations.breached', (y) => y.compliance.investigations.breached],
          ['investigations.closed', (y) => y.compliance.investigations.closed],
          (y) => y.compliance.investigations.breachShare,
        ),
        yearRow(ctx, 'Barn med undersøkelse i løpet av året', 'children.withInvestigation', (y) => y.children.withInvestigation.children),
        yearRow(ctx, 'Barn 0–17 år med undersøkelse', 'children.withInvestigation.under18', (y) => y.children.withInvestigation.under18),
        perThousandRow(
          ctx,
          'Barn 0–17 år med undersøkelse per 1 000 innbyggere 0–17 år',
          'children.withInvestigation.under18',
          (y) => y.children.withInvestigation.under18,
        ),
      ],
      chart: { kind: 'line', rows: [3], unit: 'percent' },
    }),
  ];
}

export function investigationOutcomes(ctx: ReportContext): ReportSection[] {
  const current = ctx.current;
  const { byOutcome, closed } = current.flow.investigations;
  const total = ctx.key(current, 'flow.investigations.closed');
  const codes = [...new Set([...INVESTIGATION_OUTCOMES, ...ctx.years.flatMap((y) => Object.keys(y.flow.investigations.byOutcome))])];
  yearSums(
    ctx,
    'flow.investigations.closed',
    codes.map((code) => `outcome.${code}`),
  );
  const rows = [
    ...codes.map((code) =>
      yearRow(ctx, labelOf(OUTCOME_LABELS, code, 'nb'), `outcome.${code}`, (y) => y.flow.investigations.byOutcome[code] ?? 0, code),
    ),
    yearRow(ctx, 'Avsluttede undersøkelser i alt', 'flow.investigations.closed', (y) => y.flow.investigations.closed),
  ];
  rows.forEach((row, i) => {
    const code = codes[i];
    const n = code === undefined ? closed : (byOutcome[code] ?? 0);
    row.cells.push(shareOf(n, closed, undefined, code === undefined ? total : ctx.key(current, `outcome.${code}`), total));
  });
  const section = yearSection(ctx, {
    id: 'undersokelser_utfall',
    title: 'Avsluttede undersøkelser etter utfall',
    notes: [`Henleggelser og vedtak for undersøkelser avsluttet i året; andelen gjelder ${current.year}.`],
    rowHeader: 'Utfall',
    rows,
    chart: { kind: 'bar', rows: codes.map((_, i) => i), columns: [ctx.years.length - 1], unit: 'count' },
  });
  return [{ ...section, columns: [...section.columns, `Andel ${current.year}`] }];
}
