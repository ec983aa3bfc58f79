/// <reference lib="dom" />
import { svg } from './dom';

/*
 * Hand-written SVG charts. Each is one role="img" element whose aria-label says the figures in
 * words; the same figures stand in a table next to it, which is what a screen reader user reads.
 * Colours come from the stylesheet (classes), so the charts follow the page's contrast.
 */

export interface Bar {
  label: string;
  value: number | null;
  /** the figure as the page shows it (formatted, localised) */
  display: string;
}

const ROW = 26;
const LABEL_WIDTH = 230;
const BAR_SPACE = 280;
const WIDTH = LABEL_WIDTH + BAR_SPACE + 70;

function describe(title: string, bars: Bar[]): string {
  return `${title}: ${bars.map((b) => `${b.label} ${b.display}`).join('; ')}`;
}

/** Horizontal bars, one row per item, scaled to the largest value (or `max`). */
export function barChart(title: string, bars: Bar[], options: { max?: number; className?: string } = {}): SVGElement {
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const height = Math.max(ROW, bars.length * ROW);
  const chart = svg('svg', {
    class: `chart bar-chart ${options.className ?? ''}`.trim(),
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    'aria-label': describe(title, bars),
    preserveAspectRatio: 'xMinYMin meet',
  });
  bars.forEach((bar, i) => {
    const y = i * ROW;
    const width = bar.value === null ? 0 : Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * BAR_SPACE);
    chart.append(
      svg(
        'text',
        { x: LABEL_WIDTH - 8, y: y + ROW / 2, class: 'chart-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        truncate(bar.label, 32),
      ),
      svg('rect', { x: LABEL_WIDTH, y: y + 4, width: width.toFixed(1), height: ROW - 8, class: 'chart-bar', rx: 2 }),
      svg('text', { x: LABEL_WIDTH + width + 6, y: y + ROW / 2, class: 'chart-value', 'dominant-baseline': 'middle' }, bar.display),
    );
  });
  return chart;
}

const COLUMN_HEIGHT = 160;
const COLUMN_TOP = 16;
const AXIS = 52;

/** Vertical columns of shares 0–1 (one per month), with gridlines at 0, 50 and 100 %; null leaves a gap marked "–". */
export function shareColumns(title: string, columns: Bar[], gridLabels: [string, string, string]): SVGElement {
  const step = 44;
  const width = AXIS + columns.length * step + 8;
  const height = COLUMN_TOP + COLUMN_HEIGHT + 28;
  const chart = svg('svg', {
    class: 'chart column-chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': describe(title, columns),
  });
  const yOf = (share: number) => COLUMN_TOP + COLUMN_HEIGHT * (1 - share);
  [0, 0.5, 1].forEach((share, i) => {
    chart.append(
      svg('line', { x1: AXIS, x2: width, y1: yOf(share), y2: yOf(share), class: 'chart-grid' }),
      svg('text', { x: AXIS - 6, y: yOf(share), class: 'chart-axis', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, gridLabels[i]),
    );
  });
  columns.forEach((column, i) => {
    const x = AXIS + i * step + 8;
    if (column.value === null) {
      chart.append(svg('text', { x: x + 14, y: yOf(0) - 8, class: 'chart-value', 'text-anchor': 'middle' }, '–'));
    } else {
      chart.append(
        svg('rect', { x, y: yOf(column.value), width: 28, height: (COLUMN_HEIGHT * column.value).toFixed(1), class: 'chart-bar', rx: 2 }),
      );
    }
    chart.append(
      svg('text', { x: x + 14, y: COLUMN_TOP + COLUMN_HEIGHT + 18, class: 'chart-axis', 'text-anchor': 'middle' }, column.label),
    );
  });
  return chart;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
