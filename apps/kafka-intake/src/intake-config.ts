import { resolve } from 'node:path';
import type { EventStoreConfig } from '@fristvakt/event-store';
import { readWorkerStoreSettings } from '../../shared/src/worker-store-settings';

export interface IntakeSettings {
  subject: string;
  groupId: string;
}

export interface StandaloneIntakeConfig extends IntakeSettings {
  /** the store case-api writes (FRISTVAKT_STORE and its settings) */
  store: EventStoreConfig;
  /** the store file or connection string, for the log */
  storeDescription: string;
  /** refreshed while the intake runs, for container health checks */
  heartbeatFile?: string;
}

export class IntakeConfigError extends Error {
  override readonly name = 'IntakeConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** Same alphabet as any other recordedBy subject. */
const SUBJECT = /^[A-Za-z0-9._@:-]{1,128}$/;
export const DEFAULT_INTAKE_GROUP_ID = 'fristvakt-kafka-intake';
const GROUP_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The intake's own settings; `clientId` is the Kafka client id, the default subject's suffix. */
export function loadIntakeSettings(env: Env, clientId: string, problems: string[] = []): IntakeSettings {
  const subject = env.FRISTVAKT_INTAKE_SUBJECT?.trim() || `kafka-intake:${clientId}`;
  if (!SUBJECT.test(subject)) problems.push(`FRISTVAKT_INTAKE_SUBJECT must be 1-128 of A-Z a-z 0-9 . _ @ : -, got ${JSON.stringify(subject)}`);
  const groupId = env.FRISTVAKT_INTAKE_GROUP_ID?.trim() || DEFAULT_INTAKE_GROUP_ID;
  if (!GROUP_ID.test(groupId)) problems.push(`FRISTVAKT_INTAKE_GROUP_ID must be 1-128 of A-Z a-z 0-9 . _ -, got ${JSON.stringify(groupId)}`);
  return { subject, groupId };
}

export function loadStandaloneIntakeConfig(env: Env, clientId: string): StandaloneIntakeConfig {
  const problems: string[] = [];
  const settings = loadIntakeSettings(env, clientId, problems);
  const { store, description } = readWorkerStoreSettings(env, problems);
  const heartbeat = env.FRISTVAKT_HEARTBEAT_FILE?.trim();
  if (problems.length > 0) throw new IntakeConfigError(`Invalid intake configuration: ${problems.join('; ')}`);
  return { ...settings, store, storeDescription: description, ...(heartbeat ? { heartbeatFile: resolve(heartbeat) } : {}) };
}
