/**
 * Every setting the case API reads, with its default and meaning. `loadConfig` takes defaults from
 * here and refuses any `FRISTVAKT_*` variable not listed; the README table is rendered from it
 * (`npx tsx scripts/config-table.ts`) and a spec keeps the two in step. Add a row before reading a
 * new variable.
 */
export interface ConfigEntry {
  name: string;
  /** as the operator would write it; '' means "unset" */
  default: string;
  meaning: string;
}

export const CONFIG_DOC: readonly ConfigEntry[] = [
  { name: 'PORT', default: '3000', meaning: 'HTTP port' },
  { name: 'HOST', default: '0.0.0.0', meaning: 'listen address' },
  { name: 'FRISTVAKT_DATA_DIR', default: './data', meaning: 'where the embedded store keeps `events.sqlite`' },
  { name: 'FRISTVAKT_STORE', default: 'sqlite', meaning: '`sqlite` (durable) or `memory` (tests and demos; lost on exit)' },
  { name: 'FRISTVAKT_RECORDED_BY', default: 'anonymous-intake', meaning: 'subject written as `recordedBy` until authentication is configured' },
  { name: 'LOG_LEVEL', default: 'info', meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; JSON lines on stdout' },
  {
    name: 'FRISTVAKT_READY_MAX_LAG_EVENTS',
    default: '100',
    meaning: '`/health/ready` answers 503 while a follower of the log (projections, Kafka relay) is more events behind the store head than this',
  },
  {
    name: 'FRISTVAKT_SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    meaning: 'on SIGTERM/SIGINT, how long in-flight requests may run before they are answered 503 and the store is closed',
  },
];

export const CONFIG_PREFIX = 'FRISTVAKT_';

/** The Markdown table in README.md § Configuration. */
export function renderConfigTable(): string {
  const rows = CONFIG_DOC.map((e) => `| \`${e.name}\` | ${e.default === '' ? '(unset)' : `\`${e.default}\``} | ${e.meaning} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function configDefault(name: string): string {
  const entry = CONFIG_DOC.find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is read but not documented in CONFIG_DOC`);
  return entry.default;
}

/** The documented name closest to a typo, if one is close enough to be a useful hint. */
export function closestSetting(name: string, candidates: readonly string[] = CONFIG_DOC.map((e) => e.name)): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best && best.distance <= 3 ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
