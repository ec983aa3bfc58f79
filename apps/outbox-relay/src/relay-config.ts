import { join, resolve } from 'node:path';
import type { EventStoreConfig } from '@fristvakt/event-store';
import { readWorkerStoreSettings } from '../../shared/src/worker-store-settings';
import { positiveInteger } from '../../shared/src/kafka-settings';
import { DEFAULT_CHECKPOINT_EVERY_MS, DEFAULT_RELAY_BATCH_SIZE } from './outbox-relay';

export const RELAY_CHECKPOINT_FILE = 'outbox-relay.checkpoint.json';

export interface RelaySettings {
  batchSize: number;
  checkpointEveryMs: number;
}

export interface StandaloneRelayConfig extends RelaySettings {
  /** the store case-api writes (FRISTVAKT_STORE and its settings) */
  store: EventStoreConfig;
  /** the store file or connection string, for the log */
  storeDescription: string;
  checkpointPath: string;
  /** refreshed while the relay runs, for container health checks */
  heartbeatFile?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export class RelayConfigError extends Error {
  override readonly name = 'RelayConfigError';
}

/** Batch size and checkpoint interval, shared by the standalone relay and the one embedded in case-api. */
export function loadRelaySettings(env: Env, problems: string[] = []): RelaySettings {
  const batchSize = positiveInteger(
    'FRISTVAKT_RELAY_BATCH_SIZE',
    env.FRISTVAKT_RELAY_BATCH_SIZE?.trim() || String(DEFAULT_RELAY_BATCH_SIZE),
    problems,
  );
  const everyText = env.FRISTVAKT_RELAY_CHECKPOINT_MS?.trim() || String(DEFAULT_CHECKPOINT_EVERY_MS);
  const checkpointEveryMs = /^\d{1,9}$/.test(everyText) ? Number(everyText) : NaN;
  if (Number.isNaN(checkpointEveryMs))
    problems.push(`FRISTVAKT_RELAY_CHECKPOINT_MS must be a non-negative integer, got ${JSON.stringify(everyText)}`);
  return { batchSize, checkpointEveryMs };
}

export function loadStandaloneRelayConfig(env: Env): StandaloneRelayConfig {
  const problems: string[] = [];
  const settings = loadRelaySettings(env, problems);
  const { store, dataDir, description } = readWorkerStoreSettings(env, problems);
  const checkpointPath = resolve(env.FRISTVAKT_RELAY_CHECKPOINT?.trim() || join(dataDir, RELAY_CHECKPOINT_FILE));
  const heartbeat = env.FRISTVAKT_HEARTBEAT_FILE?.trim();
  if (problems.length > 0) throw new RelayConfigError(`Invalid relay configuration: ${problems.join('; ')}`);
  return { ...settings, store, storeDescription: description, checkpointPath, ...(heartbeat ? { heartbeatFile: resolve(heartbeat) } : {}) };
}
