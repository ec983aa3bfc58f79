import { resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'memory';

export interface AppConfig {
  port: number;
  host: string;
  /** the SQLite file lives here as `events.sqlite` */
  dataDir: string;
  store: StoreKind;
  /** subject recorded with every event until authentication lands */
  recordedBy: string;
}

/** A bad environment variable; the message names it so an operator can fix the deployment. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration from the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const value = (name: string, fallback: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? fallback : v.trim();
  };

  const portText = value('PORT', '3000');
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) problems.push(`PORT must be an integer 0-65535, got ${JSON.stringify(portText)}`);

  const host = value('HOST', '0.0.0.0');
  if (/\s/.test(host)) problems.push(`HOST must be a host name or IP address, got ${JSON.stringify(host)}`);

  const store = value('FRISTVAKT_STORE', 'sqlite');
  if (store !== 'sqlite' && store !== 'memory') {
    problems.push(`FRISTVAKT_STORE must be "sqlite" or "memory", got ${JSON.stringify(store)}`);
  }

  const dataDir = resolve(value('FRISTVAKT_DATA_DIR', './data'));

  const recordedBy = value('FRISTVAKT_RECORDED_BY', 'anonymous-intake');
  if (!/^[A-Za-z0-9._@:-]{1,128}$/.test(recordedBy)) {
    problems.push(`FRISTVAKT_RECORDED_BY must be 1-128 characters of A-Z, a-z, 0-9, ".", "_", "@", ":" or "-", got ${JSON.stringify(recordedBy)}`);
  }

  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return { port, host, dataDir, store: store as StoreKind, recordedBy };
}
