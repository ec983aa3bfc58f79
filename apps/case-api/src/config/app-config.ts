import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSqliteWriter, SQLITE_STORE_FILE, type SqliteWriter } from '@fristvakt/event-store';
import { LOG_LEVELS, type LogLevelName } from '@fristvakt/observability';
import { readAuthConfig, readHttpSecurityConfig, type AuthConfig, type HttpSecurityConfig } from '../auth/security-config';
import { readKafkaEmbeddingConfig, type EmbeddedKafkaConfig } from '../kafka/kafka-embedding-config';
import { closestSetting, CONFIG_DOC, CONFIG_PREFIX, configDefault } from './config-doc';

export type StoreKind = 'sqlite' | 'memory' | 'eventstoredb';
const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'memory', 'eventstoredb'];

export interface AppConfig {
  port: number;
  host: string;
  /** the SQLite file lives here as `events.sqlite` */
  dataDir: string;
  /** the projections snapshot lives here; unset: `<dataDir>/projections` */
  snapshotDir?: string;
  store: StoreKind;
  /** set only when `store` is `eventstoredb` */
  eventStoreConnectionString?: string;
  /** where the SQLite store commits appends (used when `store` is `sqlite`) */
  sqliteWriter: SqliteWriter;
  logLevel: LogLevelName;
  /** a log follower further behind than this is not ready */
  readyMaxLagEvents: number;
  /** how long in-flight requests may run after SIGTERM */
  shutdownTimeoutMs: number;
  /** how long a query with `minPosition` waits for the projections before answering 503 */
  minPositionWaitMs: number;
  /** how bearer tokens are verified */
  auth: AuthConfig;
  /** rate limit, timeouts, CORS */
  http: HttpSecurityConfig;
  /** the dashboard's one-click demo login (embedded token setup only) */
  dashboardDemoLogin: boolean;
  /** set only when KAFKA_BROKERS is: the embedded outbox relay and, optionally, the Kafka intake */
  kafka?: EmbeddedKafkaConfig;
}

/** A bad environment variable; the message names it so an operator can fix the deployment. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration from the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new Set<string>();
  const value = (name: string, fallback = configDefault(name)) => {
    read.add(name);
    const v = env[name];
    return v === undefined || v.trim() === '' ? fallback : v.trim();
  };
  const integer = (name: string, min: number, max: number): number => {
    const text = value(name);
    const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max)) problems.push(`${name} must be an integer ${min}-${max}, got ${JSON.stringify(text)}`);
    return n;
  };

  const portText = value('PORT');
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) problems.push(`PORT must be an integer 0-65535, got ${JSON.stringify(portText)}`);

  const host = value('HOST');
  if (/\s/.test(host)) problems.push(`HOST must be a host name or IP address, got ${JSON.stringify(host)}`);

  const store = value('FRISTVAKT_STORE');
  if (!(STORE_KINDS as readonly string[]).includes(store)) {
    problems.push(`FRISTVAKT_STORE must be ${STORE_KINDS.map((k) => `"${k}"`).join(', ')}, got ${JSON.stringify(store)}`);
  }
  const eventStoreConnectionString = value('EVENTSTORE_CONNECTION_STRING');
  if (store === 'eventstoredb' && !/^esdb(\+discover)?:\/\/\S+$/.test(eventStoreConnectionString)) {
    problems.push(
      `EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string when FRISTVAKT_STORE is "eventstoredb", got ${JSON.stringify(eventStoreConnectionString)}`,
    );
  }

  const sqliteWriter = parseSqliteWriter('FRISTVAKT_SQLITE_WRITER', value('FRISTVAKT_SQLITE_WRITER'), problems);
  const dataDir = resolve(value('FRISTVAKT_DATA_DIR'));
  // Worker settings case-api meets in a shared environment: accepted as long as they agree with it.
  const storePathText = value('FRISTVAKT_STORE_PATH');
  const ownStoreFile = join(dataDir, SQLITE_STORE_FILE);
  if (storePathText && store === 'sqlite' && resolve(storePathText) !== ownStoreFile) {
    problems.push(
      `FRISTVAKT_STORE_PATH names ${resolve(storePathText)}, but case-api keeps its store in ${ownStoreFile} (FRISTVAKT_DATA_DIR); a worker given this environment would follow another log. Point FRISTVAKT_DATA_DIR at the file's directory, or unset FRISTVAKT_STORE_PATH`,
    );
  }
  value('FRISTVAKT_HEARTBEAT_FILE');
  const snapshotDirText = value('FRISTVAKT_SNAPSHOT_DIR');

  const logLevel = value('LOG_LEVEL');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }
  const readyMaxLagEvents = integer('FRISTVAKT_READY_MAX_LAG_EVENTS', 0, Number.MAX_SAFE_INTEGER);
  const shutdownTimeoutMs = integer('FRISTVAKT_SHUTDOWN_TIMEOUT_MS', 0, 600_000);
  const minPositionWaitMs = integer('FRISTVAKT_MIN_POSITION_WAIT_MS', 0, 60_000);
  const auth = readAuthConfig((name) => value(name), problems);
  const http = readHttpSecurityConfig((name) => value(name), problems);
  const demoLogin = value('FRISTVAKT_DASHBOARD_DEMO_LOGIN');
  if (demoLogin !== 'true' && demoLogin !== 'false')
    problems.push(`FRISTVAKT_DASHBOARD_DEMO_LOGIN must be true or false, got ${JSON.stringify(demoLogin)}`);
  // It hands out leader tokens without a password: never where a real identity provider signs in real users.
  if (demoLogin === 'true' && auth.mode !== 'embedded')
    problems.push('FRISTVAKT_DASHBOARD_DEMO_LOGIN=true needs the embedded token setup; it must not be set with FRISTVAKT_AUTH_JWKS_URL');
  const kafka = readKafkaEmbeddingConfig((name) => value(name), problems);

  // Last, after every reader has run: a variable nobody read is a typo (FRISTVAKT_STOR) that would
  // otherwise leave the real setting at its default without a word.
  const known = [...new Set([...CONFIG_DOC.map((e) => e.name), ...read])].filter((n) => n.startsWith(CONFIG_PREFIX));
  for (const name of Object.keys(env)
    .filter((n) => n.startsWith(CONFIG_PREFIX) && !read.has(n))
    .sort()) {
    const hint = closestSetting(name, known);
    problems.push(`${name} is not a setting${hint ? ` (did you mean ${hint}?)` : ''}; known: ${known.join(', ')}`);
  }

  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return {
    port,
    host,
    dataDir,
    ...(snapshotDirText ? { snapshotDir: resolve(snapshotDirText) } : {}),
    store: store as StoreKind,
    ...(store === 'eventstoredb' ? { eventStoreConnectionString } : {}),
    sqliteWriter,
    logLevel: logLevel as LogLevelName,
    readyMaxLagEvents,
    shutdownTimeoutMs,
    minPositionWaitMs,
    auth,
    http,
    dashboardDemoLogin: demoLogin === 'true',
    ...(kafka ? { kafka } : {}),
  };
}

/**
 * The environment with `.env` from the working directory underneath: a variable set in the real
 * environment wins (process.loadEnvFile never overwrites one).
 */
export function environmentWithDotEnv(cwd = process.cwd()): NodeJS.ProcessEnv {
  const file = resolve(cwd, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
  return process.env;
}
