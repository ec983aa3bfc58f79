import { resolve } from 'node:path';
import type { EventStoreConfig } from '@fristvakt/event-store';
import { readWorkerStoreSettings } from '../../shared/src/worker-store-settings';
import { parseIntakeMunicipalities, type IntakeMunicipalities } from './intake-scope';

/** What makes one intake: whom it records for, where, and as which consumer group. */
export interface IntakeSettings {
  /** `recordedBy` of everything it records: the upstream system feeding it */
  subject: string;
  /** the municipalities that system may write */
  municipalities: IntakeMunicipalities;
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

/**
 * The intake's own settings. The subject and the municipalities have no default: an intake records
 * on behalf of one upstream system, and until it is told which and for where it does not start.
 */
export function loadIntakeSettings(env: Env, problems: string[] = []): IntakeSettings {
  const subject = env.FRISTVAKT_INTAKE_SUBJECT?.trim() ?? '';
  if (subject === '')
    problems.push(
      'FRISTVAKT_INTAKE_SUBJECT is required with the intake: the upstream system it records for, written as recordedBy (e.g. kafka-intake:fagsystem-3201)',
    );
  else if (!SUBJECT.test(subject))
    problems.push(`FRISTVAKT_INTAKE_SUBJECT must be 1-128 of A-Z a-z 0-9 . _ @ : -, got ${JSON.stringify(subject)}`);
  const municipalities = parseIntakeMunicipalities('FRISTVAKT_INTAKE_MUNICIPALITIES', env.FRISTVAKT_INTAKE_MUNICIPALITIES ?? '', problems);
  const groupId = env.FRISTVAKT_INTAKE_GROUP_ID?.trim() || DEFAULT_INTAKE_GROUP_ID;
  if (!GROUP_ID.test(groupId))
    problems.push(`FRISTVAKT_INTAKE_GROUP_ID must be 1-128 of A-Z a-z 0-9 . _ -, got ${JSON.stringify(groupId)}`);
  return { subject, municipalities, groupId };
}

export function loadStandaloneIntakeConfig(env: Env): StandaloneIntakeConfig {
  const problems: string[] = [];
  const settings = loadIntakeSettings(env, problems);
  const { store, description } = readWorkerStoreSettings(env, problems);
  const heartbeat = env.FRISTVAKT_HEARTBEAT_FILE?.trim();
  if (problems.length > 0) throw new IntakeConfigError(`Invalid intake configuration: ${problems.join('; ')}`);
  return { ...settings, store, storeDescription: description, ...(heartbeat ? { heartbeatFile: resolve(heartbeat) } : {}) };
}
