/**
 * The outbox relay as its own process: follows the event store that case-api writes (SQLite file or
 * EventStoreDB, the same FRISTVAKT_STORE settings) and publishes every event to
 * `fristvakt.case-events.v1`. Run exactly one per store.
 *
 * usage: KAFKA_BROKERS=host:9092 node dist/apps/outbox-relay/src/main.js   (or: npx tsx apps/outbox-relay/src/main.ts)
 */
import { existsSync } from 'node:fs';
import { openEventStore, restrictNewFilesToOwner } from '@fristvakt/event-store';
import { createMessaging, errorText, jsonLineLogger } from '@fristvakt/messaging';
import { KafkaConfigError, loadKafkaConfig } from '../../shared/src/kafka-settings';
import { startHeartbeat } from '@fristvakt/observability';
import { FileCheckpointStore } from './checkpoint-store';
import { OutboxRelay } from './outbox-relay';
import { loadStandaloneRelayConfig, RelayConfigError } from './relay-config';

const EX_CONFIG = 78;

async function main(): Promise<void> {
  restrictNewFilesToOwner();
  const logger = jsonLineLogger('outbox-relay');
  let kafka;
  let config;
  try {
    kafka = loadKafkaConfig(process.env);
    config = loadStandaloneRelayConfig(process.env);
  } catch (error) {
    if (error instanceof KafkaConfigError || error instanceof RelayConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
  // Opening would create an empty store, and the relay would then wait on a file nobody writes.
  if (config.store.kind === 'sqlite' && !existsSync(config.store.path)) {
    process.stderr.write(`event store ${config.store.path} does not exist; set FRISTVAKT_DATA_DIR or FRISTVAKT_STORE_PATH\n`);
    process.exit(EX_CONFIG);
  }

  const store = await openEventStore(config.store);
  const producer = createMessaging(kafka, jsonLineLogger('kafka', kafka.clientLogLevel)).producer();
  const relay = new OutboxRelay({
    store,
    producer,
    checkpoints: new FileCheckpointStore(config.checkpointPath),
    batchSize: config.batchSize,
    checkpointEveryMs: config.checkpointEveryMs,
    logger,
  });
  await relay.start();
  logger.info('relay running', { brokers: kafka.brokers, store: config.storeDescription, checkpoint: config.checkpointPath });
  const stopHeartbeat = config.heartbeatFile
    ? startHeartbeat({
        file: config.heartbeatFile,
        alive: () => relay.status().running,
        onError: (error) => logger.warn('heartbeat file not writable', { file: config.heartbeatFile, error: errorText(error) }),
      })
    : () => undefined;

  const statusTimer = setInterval(() => logger.info('relay status', { ...relay.status() }), 30_000);
  statusTimer.unref();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('relay shutting down', { signal });
    stopHeartbeat();
    await relay.stop();
    await producer.disconnect().catch((error: unknown) => logger.warn('producer disconnect failed', { error: errorText(error) }));
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`outbox-relay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
