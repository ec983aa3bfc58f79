import { formatCell } from '../format-cell';
import type { Cell, ChartSpec, ReportSection } from '../report-table';
import { columnLabels } from '../report-table';

/*
 * Bar and line charts as standalone SVG, drawn from the same cells as the table beside them: a
 * hidden (suppressed) figure is a gap with ":" where its bar would be, never a bar of its true
 * height. No scripts, no fonts or images from outside; the DOCX export rasterises the same SVG.
 */

export interface ChartSeries {
  label: string;
  /** null: hidden or not computable, drawn as a gap */
  values: Array<number | null>;
  /** the cells' texts as the table prints them */
  texts: string[];
}

export interface ChartData {
  title: string;
  kind: ChartSpec['kind'];
  unit: ChartSpec['unit'];
  /** category axis: the chosen columns (years, half-years, municipalities) or, for one column, the rows */
  categories: string[];
  series: ChartSeries[];
}

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies, dark enough on white. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000', '#F0E442'];

const numberOf = (cell: Cell): number | null => {
  if (cell.suppressed || cell.value === null) return null;
  return cell.kind === 'share' || (cell.kind === 'published' && cell.unit === 'share') ? cell.value * 100 : cell.value;
};

/** The chart's data from its section: one column plots the rows as categories, several plot each row as a series. */
export function chartData(section: ReportSection): ChartData | null {
  const chart = section.chart;
  if (chart === undefined) return null;
  const columns = chart.columns ?? section.columns.map((_, i) => i);
  const labels = columnLabels(section);
  const rows = chart.rows.map((r) => section.rows[r]).filter((row) => row !== undefined);
  if (columns.length === 1) {
    const c = columns[0];
    return {
      title: `${section.title} (${labels[c]})`,
      kind: 'bar',
      unit: chart.unit,
      categories: rows.map((row) => row.label),
      series: [{ label: labels[c], values: rows.map((row) => numberOf(row.cells[c])), texts: rows.map((row) => formatCell(row.cells[c])) }],
    };
  }
  return {
    title: section.title,
    kind: chart.kind,
    unit: chart.unit,
    categories: columns.map((c) => labels[c]),
    series: rows.map((row) => ({
      label: row.label,
      values: columns.map((c) => numberOf(row.cells[c])),
      texts: columns.map((c) => formatCell(row.cells[c])),
    })),
  };
}

const WIDTH = 640;
const FONT = 'font-family="Arial, Helvetica, sans-serif"';

/** A rounded-up axis maximum with 4 steps (1, 2, 2.5, 5 × 10ⁿ). */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(step));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= step) ?? 10 * magnitude;
  return nice * 4;
}

const axisText = (v: number, unit: ChartSpec['unit']) =>
  unit === 'percent' ? `${Math.round(v)} %` : String(Math.round(v * 10) / 10).replace('.', ',');

export function renderChartSvg(data: ChartData, id: string): string {
  const horizontal = data.kind === 'bar' && data.series.length === 1 && data.categories.length > 6;
  return horizontal ? horizontalBars(data, id) : columnsOrLines(data, id);
}

function frame(data: ChartData, id: string, height: number, body: string[]): string {
  const desc = data.series.map((s) => `${s.label}: ${data.categories.map((c, i) => `${c} ${s.texts[i]}`).join(', ')}`).join('. ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(data.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

function legend(data: ChartData, y: number): string[] {
  if (data.series.length < 2 && data.kind === 'bar') return [];
  return data.series.map((s, i) => {
    const x = 60 + (i % 2) * 290;
    const row = y + Math.floor(i / 2) * 18;
    return `<rect x="${x}" y="${row - 10}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/><text x="${x + 18}" y="${row}" font-size="12" ${FONT} fill="#1b1b1f">${escapeXml(truncate(s.label, 44))}</text>`;
  });
}

function columnsOrLines(data: ChartData, id: string): string {
  const top = 20;
  const plotHeight = 200;
  const left = 60;
  const plotWidth = WIDTH - left - 20;
  const legendRows = data.series.length < 2 && data.kind === 'bar' ? 0 : Math.ceil(data.series.length / 2);
  const height = top + plotHeight + 40 + legendRows * 18 + 10;
  const max = niceMax(Math.max(0, ...data.series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const body: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    body.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(v)}" y2="${y(v)}" stroke="#d0d0d8"/>`);
    body.push(
      `<text x="${left - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end" ${FONT} fill="#44444c">${axisText(v, data.unit)}</text>`,
    );
  }
  const band = plotWidth / data.categories.length;
  data.categories.forEach((c, i) => {
    body.push(
      `<text x="${left + band * (i + 0.5)}" y="${top + plotHeight + 16}" font-size="11" text-anchor="middle" ${FONT} fill="#1b1b1f">${escapeXml(truncate(c, 18))}</text>`,
    );
  });
  data.series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    if (data.kind === 'bar') {
      const barWidth = (band * 0.7) / data.series.length;
      s.values.forEach((v, i) => {
        const x = left + band * i + band * 0.15 + barWidth * k;
        if (v === null) {
          body.push(
            `<text x="${x + barWidth / 2}" y="${y(0) - 4}" font-size="11" text-anchor="middle" ${FONT} fill="#44444c">${escapeXml(s.texts[i])}</text>`,
          );
          return;
        }
        body.push(`<rect x="${x}" y="${y(v)}" width="${barWidth}" height="${y(0) - y(v)}" fill="${colour}"/>`);
      });
      return;
    }
    const points = s.values.map((v, i) => (v === null ? null : `${left + band * (i + 0.5)},${y(v)}`));
    // a hidden figure breaks the line: each run of visible points is its own polyline
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) body.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
      run = [];
    };
    points.forEach((p) => (p === null ? flush() : run.push(p)));
    flush();
    points.forEach((p, i) => {
      if (p !== null) {
        const [px, py] = p.split(',');
        body.push(`<circle cx="${px}" cy="${py}" r="4" fill="${colour}"/>`);
      } else
        body.push(
          `<text x="${left + band * (i + 0.5)}" y="${y(0) - 4}" font-size="11" text-anchor="middle" ${FONT} fill="#44444c">${escapeXml(s.texts[i])}</text>`,
        );
    });
  });
  body.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(0)}" y2="${y(0)}" stroke="#1b1b1f"/>`);
  body.push(...legend(data, top + plotHeight + 40));
  return frame(data, id, height, body);
}

function horizontalBars(data: ChartData, id: string): string {
  const s = data.series[0];
  const left = 250;
  const rowHeight = 20;
  const top = 10;
  const plotWidth = WIDTH - left - 60;
  const height = top + data.categories.length * rowHeight + 20;
  const max = niceMax(Math.max(0, ...s.values.map((v) => v ?? 0)));
  const body: string[] = [];
  data.categories.forEach((c, i) => {
    const y = top + i * rowHeight;
    const v = s.values[i];
    body.push(
      `<text x="${left - 6}" y="${y + 14}" font-size="11" text-anchor="end" ${FONT} fill="#1b1b1f">${escapeXml(truncate(c, 40))}</text>`,
    );
    const w = v === null ? 0 : (v / max) * plotWidth;
    if (w > 0) body.push(`<rect x="${left}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="${COLOURS[0]}"/>`);
    body.push(`<text x="${left + w + 4}" y="${y + 14}" font-size="11" ${FONT} fill="#1b1b1f">${escapeXml(s.texts[i])}</text>`);
  });
  body.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + data.categories.length * rowHeight}" stroke="#1b1b1f"/>`);
  return frame(data, id, height, body);
}

function truncate(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
