import type { Cell, StateReport } from './report-table';

/*
 * KOSTRA practice, the same rule the projections library applies to API answers
 * (`suppressSmallCounts`): counts 1–4 are hidden, zero stays visible, and a share is hidden when
 * its numerator or denominator is, so the share cannot give the hidden count back. Secondary
 * suppression (a hidden cell recomputed as total minus the others) is not done, as in the library;
 * the report says so in its legend.
 */

const isSmall = (n: number) => n >= 1 && n <= 4;

function suppressCell(cell: Cell): Cell {
  if (cell.kind === 'count') return isSmall(cell.value) ? { ...cell, suppressed: true } : cell;
  return isSmall(cell.numerator) || isSmall(cell.denominator) ? { ...cell, suppressed: true } : cell;
}

export function suppressSmallCells(report: StateReport): StateReport {
  return {
    ...report,
    suppression: true,
    sections: report.sections.map((section) => ({
      ...section,
      rows: section.rows.map((row) => ({ ...row, cells: row.cells.map(suppressCell) })),
    })),
  };
}
