import { chartData, renderChartSvg } from './charts/svg-chart';
import { formatCell } from './format-cell';
import { columnLabels, type ReportSection, type StateReport } from './report-table';

/*
 * A standalone page to save, print or attach: no scripts, no external files. Its one <style>
 * element is inline, which the API's CSP allows for styles (never for scripts).
 */

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1f; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #c8c8d0; padding: .3rem .6rem; }
thead th { border-bottom: 2px solid #1b1b1f; text-align: right; }
thead th:first-child, tbody th { text-align: left; font-weight: normal; }
td { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #44444c; font-size: .9rem; margin: .2rem 0; }
figure.chart { margin: .8rem 0; } figure.chart svg { max-width: 100%; height: auto; }
figcaption { color: #44444c; font-size: .85rem; }
@media print { body { margin: 0; } figure.chart, table { break-inside: avoid; } }
`;

export function renderHtml(report: StateReport): string {
  const facts = report.facts.map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('\n');
  const legend = report.legend.map((item) => `<li>${escape(item)}</li>`).join('\n');
  const sections = report.sections.map((section, i) => renderSection(section, i + 1)).join('\n');
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escape(report.title)}</h1>
<dl>
${facts}
</dl>
<h2>Tegnforklaring</h2>
<ul>
${legend}
</ul>
${sections}
</main>
</body>
</html>
`;
}

function renderSection(section: ReportSection, number: number): string {
  const head = [
    `<th scope="col">${escape(section.rowHeader)}</th>`,
    ...columnLabels(section).map((c) => `<th scope="col">${escape(c)}</th>`),
  ].join('');
  const body = section.rows
    .map(
      (row) =>
        `<tr><th scope="row">${escape(row.label)}</th>${row.cells.map((cell) => `<td>${escape(formatCell(cell))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const notes = section.notes.map((note) => `<p class="note">${escape(note)}</p>`).join('\n');
  const data = chartData(section);
  // the chart repeats the table beside it, so a screen reader gets the figures once from the table and the chart's summary from its title
  const chart =
    data === null
      ? ''
      : `<figure class="chart">
${renderChartSvg(data, `chart-${escape(section.id)}`)}
<figcaption>Figur: ${escape(data.title)}. Tallene står i tabellen under.</figcaption>
</figure>
`;
  return `<section id="${escape(section.id)}">
<h2>${number}. ${escape(section.title)}</h2>
${notes}
${chart}<table>
<caption>${escape(section.title)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
