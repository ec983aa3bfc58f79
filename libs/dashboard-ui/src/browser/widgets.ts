/// <reference lib="dom" />
import { figure, h, type Child } from './dom';

/** A table cell: text, or a figure with the API path it comes from (read by the browser tests). */
export type TableCell = string | { text: string; path: string; value: number | null };

/** A plain data table with a caption, column headers and row headers (the first cell of each row). */
export function dataTable(caption: string, headers: string[], rows: TableCell[][], className = ''): HTMLTableElement {
  const cell = (c: TableCell, i: number): HTMLElement => {
    if (typeof c === 'string') return i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c);
    return h(i === 0 ? 'th' : 'td', { ...(i === 0 ? { scope: 'row' } : {}), ...figure(c.path, c.value), class: 'num' }, c.text);
  };
  // a column of figures is right-aligned, its header too
  const numeric = headers.map((_, i) => i > 0 && rows.length > 0 && typeof rows[0][i] !== 'string');
  return h(
    'table',
    { class: `data-table ${className}`.trim() },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((text, i) => h('th', { scope: 'col', class: numeric[i] ? 'num' : null }, text)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map(cell)))),
  );
}

/** A headline figure. */
export function tile(
  label: string,
  text: string,
  path: string,
  value: number | null,
  tone: 'alert' | 'warn' | 'plain' = 'plain',
): HTMLElement {
  return h(
    'div',
    { class: `tile tile-${tone}` },
    h('span', { class: 'tile-value', ...figure(path, value) }, text),
    h('span', { class: 'tile-label' }, label),
  );
}

/**
 * A chart and the table with the same figures, side by side (stacked on narrow screens). A table
 * that may be wider than its box (`scrollable`) scrolls in a region keyboard users can reach.
 */
export function chartWithTable(chart: Element, table: HTMLTableElement, scrollable?: { label: string }): HTMLElement {
  const box =
    scrollable === undefined ? { class: 'table-box' } : { class: 'table-box', tabindex: 0, role: 'region', 'aria-label': scrollable.label };
  return h('div', { class: 'chart-with-table' }, h('div', { class: 'chart-box' }, chart), h('div', box, table));
}

export function section(id: string, heading: string, intro: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { id, 'aria-labelledby': `${id}-heading`, class: 'panel' },
    h('h2', { id: `${id}-heading` }, heading),
    h('p', { class: 'intro' }, intro),
    ...children,
  );
}
