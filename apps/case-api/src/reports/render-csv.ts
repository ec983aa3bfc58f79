import { machineValue } from './format-cell';
import { NOT_COMPUTABLE_MARK, SUPPRESSED_MARK, type StateReport } from './report-table';

/*
 * CSV (RFC 4180, comma, CRLF): first a table of facts about the report, then one table per
 * section, each with its own header row and the section's id in the first column, separated by an
 * empty line. Counts are integers, shares fractions 0–1 with 3 decimals like the API; a suppressed
 * cell holds ":" and a share that cannot be computed is empty.
 */
export function renderCsv(report: StateReport): string {
  const tables: string[][][] = [
    [
      ['seksjon', 'felt', 'verdi'],
      ['rapport', 'tittel', report.title],
      ...report.facts.map(([label, value]) => ['rapport', label, value]),
      ['rapport', 'små tall skjult', report.suppression ? 'ja' : 'nei'],
      [
        'rapport',
        'tegn',
        `${SUPPRESSED_MARK} = skjult (1–4); tom andel = kan ikke beregnes (${NOT_COMPUTABLE_MARK} i md/html); andeler som brøk 0–1`,
      ],
    ],
    ...report.sections.map((section) => [
      ['seksjon', section.rowHeader, 'kode', ...section.columns],
      ...section.rows.map((row) => [section.id, row.label, row.code ?? '', ...row.cells.map(machineValue)]),
    ]),
  ];
  return tables.map((table) => table.map((row) => row.map(quote).join(',')).join('\r\n')).join('\r\n\r\n') + '\r\n';
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
