import { complementarySuppression, isSmallCount } from '@fristvakt/projections';
import type { Cell, StateReport } from './report-table';

/*
 * KOSTRA practice, the rule the projections library applies to API answers (`suppressSmallCounts`):
 * counts 1–4 are hidden, zero stays visible; a count the report's other figures would give back (the
 * only hidden figure of one of its sums, such as «Gjennomgått etter fristen» = gjennomgåtte − innen
 * fristen, or a year = its two halves) is hidden with the smallest visible non-zero figure of that
 * sum (or its total); and a share is hidden when its numerator or denominator is. A figure is hidden
 * in every table that shows it. Figures the tables do not print take part too: a small one that a
 * share and its denominator would give away hides a figure next to it like a printed one does.
 */

export function suppressSmallCells(report: StateReport): StateReport {
  const idOf = (cell: Cell & { kind: 'count' }, at: string) => cell.key ?? at;
  const values = new Map<string, number>(Object.entries(report.figures));
  const hidden = new Set([...values].filter(([, value]) => isSmallCount(value)).map(([id]) => id));
  report.sections.forEach((section) =>
    section.rows.forEach((row, r) =>
      row.cells.forEach((cell, c) => {
        if (cell.kind !== 'count') return;
        const id = idOf(cell, `${section.id}:${r}:${c}`);
        values.set(id, cell.value);
        if (isSmallCount(cell.value)) hidden.add(id);
      }),
    ),
  );
  const withComplements = complementarySuppression(values, hidden, report.sums);
  const isHidden = (key: string | undefined, value: number) => isSmallCount(value) || (key !== undefined && withComplements.has(key));
  const suppress = (cell: Cell, at: string): Cell => {
    const hide =
      cell.kind === 'count'
        ? withComplements.has(idOf(cell, at))
        : isHidden(cell.numeratorKey, cell.numerator) || isHidden(cell.denominatorKey, cell.denominator);
    return hide ? { ...cell, suppressed: true } : cell;
  };
  return {
    ...report,
    suppression: true,
    sections: report.sections.map((section) => ({
      ...section,
      rows: section.rows.map((row, r) => ({ ...row, cells: row.cells.map((cell, c) => suppress(cell, `${section.id}:${r}:${c}`)) })),
    })),
  };
}
