import { NOT_COMPUTABLE_MARK, SUPPRESSED_MARK, type Cell } from './report-table';

/*
 * How a cell reads to a person (Markdown, HTML): Norwegian number style, a non-breaking space
 * between thousands and a decimal comma, shares as percent with one decimal ("14,3 %").
 * Written out by hand so the output does not depend on the Node build's ICU data.
 */

const NBSP = '\u00a0';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

export function formatCount(n: number): string {
  return groupThousands(String(n));
}

export function formatPercent(share: number): string {
  const [whole, decimal] = (Math.round(share * 1000) / 10).toFixed(1).split('.');
  return `${groupThousands(whole)},${decimal}${NBSP}%`;
}

/** One decimal, decimal comma ("12,3"). */
export function formatRate(rate: number): string {
  const [whole, decimal] = rate.toFixed(1).split('.');
  return `${groupThousands(whole)},${decimal}`;
}

export function formatCell(cell: Cell): string {
  if (cell.suppressed) return SUPPRESSED_MARK;
  if (cell.kind === 'count') return formatCount(cell.value);
  if (cell.kind === 'rate') return cell.value === null ? NOT_COMPUTABLE_MARK : formatRate(cell.value);
  if (cell.kind === 'published') {
    if (cell.value === null) return NOT_COMPUTABLE_MARK;
    return cell.unit === 'share' ? formatPercent(cell.value) : cell.unit === 'rate' ? formatRate(cell.value) : formatCount(cell.value);
  }
  return cell.value === null ? NOT_COMPUTABLE_MARK : formatPercent(cell.value);
}

/** The value a machine reads (CSV): counts as integers, shares as fractions rounded like the API (3 decimals). */
export function machineValue(cell: Cell): string {
  if (cell.suppressed) return SUPPRESSED_MARK;
  if (cell.kind === 'count') return String(cell.value);
  if (cell.kind === 'rate' || (cell.kind === 'published' && cell.unit === 'rate'))
    return cell.value === null ? '' : String(Math.round(cell.value * 10) / 10);
  if (cell.kind === 'published' && cell.unit === 'count') return cell.value === null ? '' : String(cell.value);
  return cell.value === null ? '' : String(Math.round(cell.value * 1000) / 1000);
}
