/*
 * Size and speed check of the read model at a million events (not part of the jest run):
 *   node --expose-gc --import tsx test/projections/bench-projection.ts [events]
 * Prints RSS after applying, apply throughput and p50/p99 query latencies, one municipality and all.
 */
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { applyAll, compliance, createModel, deadlines, flow } from '@fristvakt/projections';
import { randomHistory } from './random-history';

const target = Number(process.argv[2] ?? 1_000_000);
// Skewed like Norway: one big municipality, a few mid-sized, many small.
const municipalities = [
  '0301',
  '0301',
  '0301',
  '4601',
  '4601',
  '5001',
  '3201',
  '3203',
  ...Array.from({ length: 40 }, (_, i) => String(1500 + i)),
];

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
}

function time(label: string, runs: number, fn: () => unknown): void {
  const cold = performance.now();
  fn();
  const coldMs = performance.now() - cold;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  console.log(
    `${label.padEnd(44)} p50 ${percentile(ms, 0.5).toFixed(1)} ms  p99 ${percentile(ms, 0.99).toFixed(1)} ms  (first ${coldMs.toFixed(0)} ms)`,
  );
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);
const baseline = rssMb();

let model = createModel();
let applied = 0;
let seed = 1;
let applyMs = 0;
const CHUNK_CASES = 2_000;
while (applied < target) {
  // generate in chunks and shift positions, so the generator's arrays never hold the whole log
  const events = randomHistory(seed++, { cases: CHUNK_CASES, municipalities }).map((e) => ({
    ...e,
    caseId: `${seed}-${e.caseId}`,
    position: e.position + applied,
  }));
  const t = performance.now();
  model = applyAll(model, events);
  applyMs += performance.now() - t;
  applied += events.length;
}
gc();
console.log(`events ${applied}, cases ${model.cases.size}, facts ${model.factCount}`);
console.log(
  `apply ${(applied / (applyMs / 1000)).toFixed(0)} events/s; RSS ${rssMb()} MB (baseline ${baseline} MB), heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
);

const q = { method: 'legal', rules: DEFAULT_DEADLINE_RULES } as const;
// The random histories leave most items open (noise, not realism), so the board is far longer than a real one.
console.log(`open items on the board (all): ${deadlines(model, { ...q, asOf: '2024-06-30' }).items.length}`);
for (const municipality of ['0301', '3201', undefined]) {
  const label = municipality ?? 'all';
  time(`deadlines ${label}`, 30, () => deadlines(model, { ...q, municipality, asOf: '2024-06-30' }));
  time(`compliance 2024-H1 ${label}`, 30, () => compliance(model, { ...q, municipality, period: '2024-H1' }));
  time(`compliance 2024 knownAt ${label}`, 30, () =>
    compliance(model, { ...q, municipality, period: '2024', knownAt: '2024-07-05T00:00:00Z' }),
  );
  time(`flow 2024 ${label}`, 30, () => flow(model, { ...q, municipality, period: '2024' }));
}
console.log(`RSS after queries ${rssMb()} MB`);
