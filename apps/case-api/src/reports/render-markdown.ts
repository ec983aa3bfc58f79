import { formatCell } from './format-cell';
import { columnLabels, type ReportSection, type StateReport } from './report-table';

/** Markdown that reads as-is in a terminal or a text editor and renders as tables anywhere. */
export function renderMarkdown(report: StateReport): string {
  const lines: string[] = [`# ${report.title}`, ''];
  for (const [label, value] of report.facts) lines.push(`- **${label}:** ${value}`);
  lines.push('', '**Tegnforklaring**', '');
  for (const item of report.legend) lines.push(`- ${escape(item)}`);
  report.sections.forEach((section, i) => lines.push('', ...renderSection(section, i + 1)));
  return `${lines.join('\n')}\n`;
}

function renderSection(section: ReportSection, number: number): string[] {
  const header = [section.rowHeader, ...columnLabels(section)].map(escape);
  const rows = section.rows.map((row) => [row.label, ...row.cells.map(formatCell)].map(escape));
  const widths = header.map((h, c) => Math.max(h.length, 3, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [
    `## ${number}. ${section.title}`,
    '',
    ...section.notes.flatMap((note) => [`_${escape(note)}_`, '']),
    line(header),
    rule,
    ...rows.map(line),
  ];
}

/** A pipe would split a cell; asterisks and underscores would start emphasis. */
function escape(text: string): string {
  return text.replace(/([|*_\\])/g, '\\$1');
}
