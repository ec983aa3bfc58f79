/**
 * Every setting the case API reads, with its default and meaning. `loadConfig` takes defaults from
 * here and refuses any `FRISTVAKT_*` variable not listed; the table in docs/configuration.md is rendered from it
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
  {
    name: 'FRISTVAKT_SNAPSHOT_DIR',
    default: '',
    meaning:
      'where the projections snapshot is kept; unset: `projections` in the data dir. Give each process its own when several share one data dir (two case-api on one SQLite file)',
  },
  {
    name: 'FRISTVAKT_STORE',
    default: 'sqlite',
    meaning:
      '`sqlite` (durable, one node), `eventstoredb` (shared by every replica; docs/operations.md) or `memory` (tests and demos; lost on exit)',
  },
  {
    name: 'FRISTVAKT_STORE_PATH',
    default: '',
    meaning:
      'the SQLite file for the standalone relay and intake; case-api keeps its store in the data dir as `events.sqlite` and refuses to start when this names another file, so a worker sharing its environment cannot follow a different log',
  },
  {
    name: 'FRISTVAKT_HEARTBEAT_FILE',
    default: '',
    meaning:
      'standalone relay and intake: a file rewritten every 10 s while they run; case-api accepts it in a shared environment and has `/health/live` instead',
  },
  {
    name: 'FRISTVAKT_SQLITE_WRITER',
    default: 'thread',
    meaning:
      'where the SQLite store commits, both with synchronous=FULL: `thread`, a writer thread, so a slow fsync never pauses request handling; or `inline`, on the request thread, with no hand-over between threads (lower latency for one client appending one batch at a time, as an import does), but each commit pauses the API for its fsync',
  },
  {
    name: 'EVENTSTORE_CONNECTION_STRING',
    default: '',
    meaning:
      'with `FRISTVAKT_STORE=eventstoredb`: the EventStoreDB connection string, e.g. `esdb://eventstore:2113?tls=false` or `esdb+discover://node1:2113,node2:2113?tls=false`',
  },
  { name: 'LOG_LEVEL', default: 'info', meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; JSON lines on stdout' },
  {
    name: 'FRISTVAKT_READY_MAX_LAG_EVENTS',
    default: '100',
    meaning:
      '`/health/ready` answers 503 while a follower of the log (projections, Kafka relay) is more events behind the store head than this',
  },
  {
    name: 'FRISTVAKT_SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    meaning: 'on SIGTERM/SIGINT, how long in-flight requests may run before they are answered 503 and the store is closed',
  },
  {
    name: 'FRISTVAKT_MIN_POSITION_WAIT_MS',
    default: '5000',
    meaning:
      'a leader query with `minPosition` waits at most this long for the projections to apply that position, then answers 503 with `Retry-After`',
  },
  {
    name: 'FRISTVAKT_AUTH_JWKS_URL',
    default: '',
    meaning: "the identity provider's JWKS (Entra ID, ID-porten; RS256/ES256); unset: embedded HS256 tokens from `npm run token`",
  },
  { name: 'FRISTVAKT_AUTH_ISSUER', default: '', meaning: 'required `iss`; required with a JWKS URL, else `fristvakt-embedded`' },
  { name: 'FRISTVAKT_AUTH_AUDIENCE', default: '', meaning: 'required `aud`; required with a JWKS URL, else `fristvakt`' },
  {
    name: 'FRISTVAKT_AUTH_SECRET_FILE',
    default: '',
    meaning: 'embedded setup: HS256 key file (base64url, mode 0600), generated on first start; unset: `auth-secret` in the data dir',
  },
  {
    name: 'FRISTVAKT_AUTH_ROLES_CLAIM',
    default: 'roles',
    meaning: 'claim holding the roles `intake`, `leader`, `auditor`, `admin` (dots for nesting)',
  },
  {
    name: 'FRISTVAKT_AUTH_MUNICIPALITIES_CLAIM',
    default: 'municipalities',
    meaning: 'claim holding the kommunenummer the subject may see, or `*`',
  },
  {
    name: 'FRISTVAKT_RATE_LIMIT_PER_MINUTE',
    default: '6000',
    meaning: '`/v1` requests per minute per token subject (per IP without a valid token); more answer 429 with `Retry-After`',
  },
  { name: 'FRISTVAKT_REQUEST_TIMEOUT_MS', default: '30000', meaning: 'a request (headers and body) must arrive within this' },
  { name: 'FRISTVAKT_CONNECTION_TIMEOUT_MS', default: '120000', meaning: 'an idle connection is closed after this' },
  { name: 'FRISTVAKT_CORS_ORIGINS', default: '', meaning: 'comma-separated browser origins allowed to call the API; unset: CORS off' },
  {
    name: 'FRISTVAKT_DASHBOARD_DEMO_LOGIN',
    default: 'false',
    meaning:
      '`true`: the dashboard offers a one-click login that mints a 15-minute leader token for every municipality, without a password (demos with generated data only; refused with a JWKS URL)',
  },
  {
    name: 'KAFKA_BROKERS',
    default: '',
    meaning: 'comma-separated `host:port`; set: the outbox relay publishes every recorded event to Kafka (docs/kafka.md)',
  },
  { name: 'KAFKA_CLIENT_ID', default: 'fristvakt', meaning: 'Kafka client id' },
  { name: 'KAFKA_REQUEST_TIMEOUT_MS', default: '30000', meaning: 'a Kafka request unanswered this long counts as failed and is retried' },
  { name: 'KAFKA_CONNECTION_TIMEOUT_MS', default: '3000', meaning: 'TCP connect timeout to a broker' },
  { name: 'KAFKA_LOG_LEVEL', default: 'warn', meaning: "the Kafka client's own logging: `nothing`, `error`, `warn`, `info` or `debug`" },
  { name: 'FRISTVAKT_RELAY_BATCH_SIZE', default: '1000', meaning: 'events the relay reads and sends per produce request' },
  {
    name: 'FRISTVAKT_RELAY_CHECKPOINT',
    default: '',
    meaning:
      "the relay's checkpoint file, for the embedded and the standalone relay alike; unset: `outbox-relay.checkpoint.json` in the data dir",
  },
  {
    name: 'FRISTVAKT_RELAY_CHECKPOINT_MS',
    default: '1000',
    meaning: 'the relay saves its checkpoint at most this often (0: after every acknowledged batch)',
  },
  {
    name: 'FRISTVAKT_KAFKA_INTAKE',
    default: 'false',
    meaning:
      '`true`: also consume `fristvakt.case-intake.v1` (needs `KAFKA_BROKERS`, `FRISTVAKT_INTAKE_SUBJECT` and `FRISTVAKT_INTAKE_MUNICIPALITIES`; docs/kafka.md)',
  },
  {
    name: 'FRISTVAKT_INTAKE_SUBJECT',
    default: '',
    meaning:
      'required with the intake: the upstream system it records for, written as `recordedBy` of every event it records (e.g. `kafka-intake:fagsystem-3201`)',
  },
  {
    name: 'FRISTVAKT_INTAKE_MUNICIPALITIES',
    default: '',
    meaning:
      'required with the intake: the kommunenummer it may write, comma-separated, or `*` for every one; others go to the DLQ (403/404). Unset: the intake does not start',
  },
  { name: 'FRISTVAKT_INTAKE_GROUP_ID', default: 'fristvakt-kafka-intake', meaning: 'consumer group of the intake' },
];

export const CONFIG_PREFIX = 'FRISTVAKT_';

/** The Markdown table in docs/configuration.md. */
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
