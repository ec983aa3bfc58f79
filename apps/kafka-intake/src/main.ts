/**
 * The Kafka intake as its own process: consumes `fristvakt.case-intake.v1` into the event store that
 * case-api serves (SQLite file or EventStoreDB, the same FRISTVAKT_STORE settings; both take several
 * writers, and expected versions keep concurrent appends to one case apart).
 *
 * usage: KAFKA_BROKERS=host:9092 FRISTVAKT_INTAKE_SUBJECT=kafka-intake:fagsystem FRISTVAKT_INTAKE_MUNICIPALITIES=3201,3203 \
 *   node dist/apps/kafka-intake/src/main.js
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CaseRecording } from '@fristvakt/case-recording';
import { openEventStore, restrictNewFilesToOwner } from '@fristvakt/event-store';
import { createMessaging, errorText, jsonLineLogger } from '@fristvakt/messaging';
import { startHeartbeat } from '@fristvakt/observability';
import { KafkaConfigError, loadKafkaConfig } from '../../shared/src/kafka-settings';
import { IntakeConfigError, loadStandaloneIntakeConfig } from './intake-config';
import { KafkaIntake } from './kafka-intake';
import { describeMunicipalities } from './intake-scope';

const EX_CONFIG = 78;

async function main(): Promise<void> {
  restrictNewFilesToOwner();
  const logger = jsonLineLogger('kafka-intake');
  let kafka;
  let config;
  try {
    kafka = loadKafkaConfig(process.env);
    config = loadStandaloneIntakeConfig(process.env);
  } catch (error) {
    if (error instanceof KafkaConfigError || error instanceof IntakeConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }

  if (config.store.kind === 'sqlite') mkdirSync(dirname(config.store.path), { recursive: true, mode: 0o700 });
  const store = await openEventStore(config.store);
  const intake = new KafkaIntake({
    messaging: createMessaging(kafka, jsonLineLogger('kafka', kafka.clientLogLevel)),
    // No metrics: this process serves no /metrics; its counts are in the logged status.
    recording: new CaseRecording(store, { clock: () => new Date() }),
    settings: config,
    logger,
  });

  let stopHeartbeat = (): void => undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('intake shutting down', { signal, ...intake.status() });
    stopHeartbeat();
    await intake.stop().catch((error: unknown) => logger.warn('intake stop failed', { error: errorText(error) }));
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await intake.start();
  logger.info('intake running', {
    brokers: kafka.brokers,
    store: config.storeDescription,
    subject: config.subject,
    municipalities: describeMunicipalities(config.municipalities),
    groupId: config.groupId,
  });
  if (config.heartbeatFile) {
    const file = config.heartbeatFile;
    stopHeartbeat = startHeartbeat({
      file,
      alive: () => intake.status().running,
      onError: (error) => logger.warn('heartbeat file not writable', { file, error: errorText(error) }),
    });
  }
  const statusTimer = setInterval(() => logger.info('intake status', { ...intake.status() }), 30_000);
  statusTimer.unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`kafka-intake failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
