import type { PeriodFigures, StateReportFigures, YearFigures } from './state-report.query';
import { population0to17 } from './reference/reference-values';
import type { ReportSection, StateReport } from './report-table';

/*
 * What every section builder gets: the figures, and the means to name the figures it prints (keys)
 * and the sums among them, so complementary suppression covers every section, including sections
 * other modules add (see STATE_REPORT_SECTIONS).
 */

export interface ReportContext {
  figures: StateReportFigures;
  /** the span's years, oldest first, over every municipality reported on */
  years: YearFigures[];
  current: YearFigures;
  /** the report year's halves and the year: the half-year tables' columns */
  halves: PeriodFigures[];
  /** one label per year of the span */
  yearColumns: string[];
  /** the column (index in `years`) of the first year with data, when earlier years of the span have none */
  firstDataColumn: number | undefined;
  /** the key of one figure of one period and population: the same figure in two tables is one figure */
  key(p: PeriodFigures, figure: string): string;
  /** `key`, and the figure's value kept for the sums whether a table prints it or not */
  fig(p: PeriodFigures, figure: string, value: number | null | undefined): string;
  /** figures (by key) that add up: a hidden one must never be the only hidden one of its sum */
  sum(total: string, parts: string[]): void;
  /** inhabitants 0–17 of the municipalities reported on in the year, from the imported reference file; null when unknown */
  population(year: number): number | null;
}

/** One part of the report: zero or more sections (a joint-service table only when there are several municipalities). */
export type SectionBuilder = (ctx: ReportContext) => ReportSection[];

export function reportContext(figures: StateReportFigures): {
  ctx: ReportContext;
  sums: StateReport['sums'];
  values: StateReport['figures'];
} {
  const values: Record<string, number> = {};
  const sums: StateReport['sums'] = [];
  const key = (p: PeriodFigures, figure: string) => {
    const scope = p.flow.municipalities === null ? 'alle' : p.flow.municipalities.join('+');
    return `${p.flow.period.from}..${p.flow.period.to}:${scope}:${figure}`;
  };
  const years = figures.years;
  const current = years[years.length - 1];
  const firstIndex = figures.firstDataYear === null ? -1 : years.findIndex((y) => y.year === figures.firstDataYear);
  const ctx: ReportContext = {
    figures,
    years,
    current,
    halves: [figures.halves.H1, figures.halves.H2, current],
    yearColumns: years.map((y) => String(y.year)),
    firstDataColumn: firstIndex > 0 ? firstIndex : undefined,
    key,
    fig(p, figure, value) {
      const id = key(p, figure);
      values[id] = value ?? 0;
      return id;
    },
    sum(total, parts) {
      sums.push({ total, parts });
    },
    population: (year) => population0to17(figures.reference, figures.params.municipalities, year),
  };
  return { ctx, sums, values };
}
