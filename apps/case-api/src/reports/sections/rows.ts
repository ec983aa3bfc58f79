import { count, shareCell, type ReportRow, type ReportSection } from '../report-table';
import type { ReportContext } from '../report-context';
import type { YearFigures } from '../state-report.query';

/* Rows over the span's years, each cell keyed by its year and figure (report-context.ts). */

export function yearRow(
  ctx: ReportContext,
  label: string,
  figure: string,
  valueOf: (y: YearFigures) => number | null | undefined,
  code?: string,
): ReportRow {
  return {
    label,
    ...(code === undefined ? {} : { code }),
    cells: ctx.years.map((y) => count(valueOf(y) ?? 0, ctx.fig(y, figure, valueOf(y)))),
  };
}

export function yearShareRow(
  ctx: ReportContext,
  label: string,
  numerator: [figure: string, valueOf: (y: YearFigures) => number | null | undefined],
  denominator: [figure: string, valueOf: (y: YearFigures) => number | null | undefined],
  shareOf?: (y: YearFigures) => number | null,
): ReportRow {
  return {
    label,
    cells: ctx.years.map((y) =>
      shareCell(numerator[1](y) ?? 0, denominator[1](y) ?? 0, shareOf?.(y), {
        numerator: ctx.fig(y, numerator[0], numerator[1](y)),
        denominator: ctx.fig(y, denominator[0], denominator[1](y)),
      }),
    ),
  };
}

/** Per 1 000 inhabitants 0–17 of the municipalities reported on (imported population); "." where it is not known. */
export function perThousandRow(ctx: ReportContext, label: string, figure: string, valueOf: (y: YearFigures) => number): ReportRow {
  return {
    label,
    cells: ctx.years.map((y) => {
      const inhabitants = ctx.population(y.year);
      const n = valueOf(y);
      return {
        kind: 'rate' as const,
        value: inhabitants === null || inhabitants === 0 ? null : (n * 1000) / inhabitants,
        numeratorKey: ctx.fig(y, figure, n),
        numerator: n,
      };
    }),
  };
}

/** A section whose columns are the span's years, the first year with data marked. */
export function yearSection(ctx: ReportContext, section: Omit<ReportSection, 'columns' | 'firstDataColumn'>): ReportSection {
  return { ...section, columns: ctx.yearColumns, ...(ctx.firstDataColumn === undefined ? {} : { firstDataColumn: ctx.firstDataColumn }) };
}

/** For every year: total = the sum of the parts (figure names, values kept by `yearRow`/`fig`). */
export function yearSums(ctx: ReportContext, total: string, parts: string[]): void {
  for (const y of ctx.years)
    ctx.sum(
      ctx.key(y, total),
      parts.map((part) => ctx.key(y, part)),
    );
}

export function sumByGroup(byCategory: Record<string, number | null>, group: string, except?: string): number {
  let sum = 0;
  for (const [code, n] of Object.entries(byCategory)) if (code.split('.')[0] === group && code !== except) sum += n ?? 0;
  return sum;
}
