import { resolve } from 'node:path';
import type { KafkaConfig } from '@fristvakt/messaging';
import { kafkaEnabled, readKafkaConfig } from '../../../shared/src/kafka-settings';
import { loadIntakeSettings, type IntakeSettings } from '../../../kafka-intake/src/intake-config';
import { loadRelaySettings, type RelaySettings } from '../../../outbox-relay/src/relay-config';

/** The relay (always, once Kafka is configured) and the intake (when switched on) inside case-api. */
export interface EmbeddedKafkaConfig {
  client: KafkaConfig;
  /** `checkpointFile` unset: the relay's checkpoint lives in the data dir */
  relay: RelaySettings & { checkpointFile?: string };
  /** null unless FRISTVAKT_KAFKA_INTAKE=true */
  intake: IntakeSettings | null;
}

/** Every variable the embedded Kafka features read; `loadConfig` documents and reads them all. */
export const KAFKA_SETTINGS = [
  'KAFKA_BROKERS',
  'KAFKA_CLIENT_ID',
  'KAFKA_REQUEST_TIMEOUT_MS',
  'KAFKA_CONNECTION_TIMEOUT_MS',
  'KAFKA_LOG_LEVEL',
  'FRISTVAKT_RELAY_BATCH_SIZE',
  'FRISTVAKT_RELAY_CHECKPOINT_MS',
  'FRISTVAKT_RELAY_CHECKPOINT',
  'FRISTVAKT_KAFKA_INTAKE',
  'FRISTVAKT_INTAKE_SUBJECT',
  'FRISTVAKT_INTAKE_MUNICIPALITIES',
  'FRISTVAKT_INTAKE_GROUP_ID',
] as const;

/**
 * `read` returns a variable's value or its documented default (as `loadConfig`'s reader does). Every
 * variable is read even when Kafka is off, so a typo is still caught and the docs stay complete.
 */
export function readKafkaEmbeddingConfig(read: (name: string) => string, problems: string[]): EmbeddedKafkaConfig | null {
  const env = Object.fromEntries(KAFKA_SETTINGS.map((name) => [name, read(name)]));
  const intakeText = env.FRISTVAKT_KAFKA_INTAKE;
  if (intakeText !== 'true' && intakeText !== 'false')
    problems.push(`FRISTVAKT_KAFKA_INTAKE must be "true" or "false", got ${JSON.stringify(intakeText)}`);
  if (!kafkaEnabled(env)) {
    if (intakeText === 'true') problems.push('FRISTVAKT_KAFKA_INTAKE=true needs KAFKA_BROKERS');
    return null;
  }
  const client = readKafkaConfig(env, problems);
  // The same file a standalone relay would keep, so moving the relay out of case-api (or back) resumes where it was.
  const checkpointFile = env.FRISTVAKT_RELAY_CHECKPOINT ? resolve(env.FRISTVAKT_RELAY_CHECKPOINT) : undefined;
  const relay = { ...loadRelaySettings(env, problems), ...(checkpointFile ? { checkpointFile } : {}) };
  const intake = intakeText === 'true' ? loadIntakeSettings(env, problems) : null;
  return { client, relay, intake };
}
