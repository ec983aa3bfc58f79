/*
 * The state report as data: sections of tables whose cells know what they are (a count, or a
 * share with its numerator and denominator), so suppression and each output format decide from
 * the cell, never from a formatted string.
 */

/** SSB's symbols: ":" hidden for confidentiality, "." cannot be computed. */
export const SUPPRESSED_MARK = ':';
export const NOT_COMPUTABLE_MARK = '.';

/**
 * `key` names the figure a count shows (`2024-01-01..2024-06-30:reviews.late`), and a share's keys
 * the figures it is built on: cells with one key are one figure, wherever they stand, so it is
 * hidden everywhere or nowhere, and the report's sums are written in keys.
 */
export type Cell =
  | { kind: 'count'; value: number; key?: string; suppressed?: true }
  /** a fraction 0–1 at full precision; null when the denominator is 0 */
  | {
      kind: 'share';
      value: number | null;
      numerator: number;
      denominator: number;
      numeratorKey?: string;
      denominatorKey?: string;
      suppressed?: true;
    }
  /** a count per 1 000 (or any other base) of a population from outside the log; null when the population is unknown */
  | { kind: 'rate'; value: number | null; numerator: number; numeratorKey?: string; suppressed?: true }
  /** a published figure (SSB, Bufdir) imported for comparison: already public, never suppressed here */
  | { kind: 'published'; value: number | null; unit: 'share' | 'rate' | 'count'; suppressed?: true };

export interface ReportRow {
  label: string;
  /** the register's code behind the row, when there is one (reporter, outcome, category) */
  code?: string;
  cells: Cell[];
}

export interface ReportSection {
  /** stable machine name: the CSV's section column */
  id: string;
  title: string;
  /** what the rows count, and anything a reader must know to read the figures right */
  notes: string[];
  /** heading of the row-label column */
  rowHeader: string;
  columns: string[];
  rows: ReportRow[];
  /** the column of the first year with data, when the years before it have none (marked in every format) */
  firstDataColumn?: number;
  /** how the HTML and DOCX draw the table beside it: which rows, as bars or as lines over the columns */
  chart?: ChartSpec;
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  /** row indexes to plot; each is a series over the columns (a bar chart of one column plots the rows) */
  rows: number[];
  /** which columns to plot (default all) */
  columns?: number[];
  /** the unit on the value axis: counts or percent */
  unit: 'count' | 'percent';
}

export interface StateReport {
  title: string;
  /** label → value lines under the title (municipality, period, method, …) */
  facts: Array<[string, string]>;
  legend: string[];
  suppression: boolean;
  sections: ReportSection[];
  /** figures (by key) that add up: a hidden one must not be the only hidden one of its sum */
  sums: Array<{ total: string; parts: string[] }>;
  /** the value of every figure in `sums`, whether a table shows it or not */
  figures: Record<string, number>;
}

export const count = (value: number | null, key?: string): Cell => ({
  kind: 'count',
  value: value ?? 0,
  ...(key === undefined ? {} : { key }),
});

/** `value` is the library's share when it has one, so the report shows exactly the API's figure. */
export function shareCell(
  numerator: number | null,
  denominator: number | null,
  value?: number | null,
  keys: { numerator?: string; denominator?: string } = {},
): Cell {
  const n = numerator ?? 0;
  const d = denominator ?? 0;
  return {
    kind: 'share',
    numerator: n,
    denominator: d,
    value: value !== undefined ? value : d === 0 ? null : n / d,
    ...(keys.numerator === undefined ? {} : { numeratorKey: keys.numerator }),
    ...(keys.denominator === undefined ? {} : { denominatorKey: keys.denominator }),
  };
}

/** Column headings as people read them: the first year with data marked "*" (explained in the legend). */
export function columnLabels(section: ReportSection): string[] {
  return section.columns.map((c, i) => (i === section.firstDataColumn ? `${c}*` : c));
}
