import { count, shareCell, type ReportRow } from '../report-table';

/* The half-year tables' columns: H1, H2 and the year, as Bufdir reports breaches. */

export const HALF_COLUMNS = ['Første halvår', 'Andre halvår', 'Hele året'];

/** One count row over the periods, each cell keyed by its period and figure. */
export function countRow<X extends { at(figure: string): string }>(label: string, periods: X[], figure: keyof X & string): ReportRow {
  return { label, cells: periods.map((x) => count(x[figure] as number | null, x.at(figure))) };
}

export const shareOf = (n: number | null, d: number | null, value: number | null | undefined, numerator: string, denominator: string) =>
  shareCell(n, d, value, { numerator, denominator });
