/**
 * The Kafka intake as its own process: consumes `fristvakt.case-intake.v1` into the SQLite event store
 * that case-api serves (SQLite lets several processes write one file; appends are serialized).
 *
 * usage: KAFKA_BROKERS=host:9092 FRISTVAKT_INTAKE_SUBJECT=kafka-intake:fagsystem node dist/apps/kafka-intake/src/main.js
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CaseRecorder } from '@fristvakt/case-recording';
import { SqliteEventStore } from '@fristvakt/event-store';
import { createMessaging, errorText, jsonLineLogger, KafkaConfigError, loadKafkaConfig } from '@fristvakt/messaging';
import { IntakeConfigError, loadStandaloneIntakeConfig } from './intake-config';
import { KafkaIntake } from './kafka-intake';

const EX_CONFIG = 78;

async function main(): Promise<void> {
  const logger = jsonLineLogger('kafka-intake');
  let kafka;
  let config;
  try {
    kafka = loadKafkaConfig(process.env);
    config = loadStandaloneIntakeConfig(process.env, kafka.clientId);
  } catch (error) {
    if (error instanceof KafkaConfigError || error instanceof IntakeConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }

  mkdirSync(dirname(config.storePath), { recursive: true });
  const store = new SqliteEventStore({ path: config.storePath });
  const clock = () => new Date();
  const intake = new KafkaIntake({
    messaging: createMessaging(kafka, jsonLineLogger('kafka', kafka.clientLogLevel)),
    recorder: new CaseRecorder(store, clock),
    clock,
    subject: config.subject,
    groupId: config.groupId,
    logger,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('intake shutting down', { signal, ...intake.status() });
    await intake.stop().catch((error: unknown) => logger.warn('intake stop failed', { error: errorText(error) }));
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await intake.start();
  logger.info('intake running', { brokers: kafka.brokers, store: config.storePath, subject: config.subject, groupId: config.groupId });
  const statusTimer = setInterval(() => logger.info('intake status', { ...intake.status() }), 30_000);
  statusTimer.unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`kafka-intake failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
