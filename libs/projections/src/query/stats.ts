/** Duration summary in whole days; null fields when there is nothing to summarise. */
export interface DurationSummary {
  /** number of durations summarised (events) */
  n: number;
  /** the usual median: the middle value, or the mean of the two middle values */
  median: number | null;
  /** nearest-rank 90th percentile: the smallest value with at least 90 % of values at or below it */
  p90: number | null;
  mean: number | null;
}

export function summarise(days: number[]): DurationSummary {
  const n = days.length;
  if (n === 0) return { n, median: null, p90: null, mean: null };
  const sorted = Float64Array.from(days).sort();
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1];
  let sum = 0;
  for (const d of days) sum += d;
  return { n, median, p90, mean: sum / n };
}

/** A share as a fraction 0–1 at full precision (the HTTP layer rounds); null when nothing to share. */
export function share(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
