import type { DurationSummary } from './stats';

const MAX_HISTOGRAM_RANGE = 1 << 16;

/**
 * Durations in whole days, summarised exactly as `summarise` does (median, nearest-rank p90,
 * mean) but without an array of boxed numbers: values go into an Int32Array, order statistics come
 * from a histogram (durations span a few thousand days), a typed sort only for an odd range.
 */
export class DurationTally {
  private values = new Int32Array(256);
  private n = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  add(days: number): void {
    if (this.n === this.values.length) {
      const next = new Int32Array(this.n * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.n++] = days;
    this.sum += days;
    if (days < this.min) this.min = days;
    if (days > this.max) this.max = days;
  }

  summary(): DurationSummary {
    const n = this.n;
    if (n === 0) return { n, median: null, p90: null, mean: null };
    const nth = this.orderStatistics();
    const mid = n >> 1;
    const median = n % 2 === 1 ? nth(mid) : (nth(mid - 1) + nth(mid)) / 2;
    return { n, median, p90: nth(Math.ceil(0.9 * n) - 1), mean: this.sum / n };
  }

  /** k ↦ the k-th smallest value (0-based) */
  private orderStatistics(): (k: number) => number {
    const values = this.values.subarray(0, this.n);
    const range = this.max - this.min + 1;
    if (range > MAX_HISTOGRAM_RANGE) {
      const sorted = values.slice().sort();
      return (k) => sorted[k];
    }
    const counts = new Int32Array(range);
    for (let i = 0; i < values.length; i++) counts[values[i] - this.min]++;
    const min = this.min;
    return (k) => {
      let seen = 0;
      for (let v = 0; v < range; v++) {
        seen += counts[v];
        if (seen > k) return v + min;
      }
      throw new RangeError(`no ${k}th value of ${values.length}`);
    };
  }
}
