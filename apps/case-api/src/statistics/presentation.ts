/*
 * The library keeps full precision; answers leaving the API are rounded here, once: shares
 * (fractions 0–1, every field named `…Share`) to 3 decimals, mean durations to 1 decimal day.
 * Counts, medians and percentiles are whole days or halves already and stay exact.
 */

const SHARE_DECIMALS = 1000;
const MEAN_DECIMALS = 10;

export function roundForPresentation<T>(answer: T): T {
  return round(answer, '') as T;
}

function round(value: unknown, key: string): unknown {
  if (typeof value === 'number') {
    if (key.endsWith('Share')) return Math.round(value * SHARE_DECIMALS) / SHARE_DECIMALS;
    if (key === 'mean') return Math.round(value * MEAN_DECIMALS) / MEAN_DECIMALS;
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => round(item, ''));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v, k)]));
  }
  return value;
}
