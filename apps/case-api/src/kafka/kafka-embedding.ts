import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { CaseRecording } from '@fristvakt/case-recording';
import type { EventStore } from '@fristvakt/event-store';
import { createMessaging, errorText, type MessageProducer, type MessagingLogger } from '@fristvakt/messaging';
import { LAG_COUNT_LIMIT, type FristvaktMetrics, type HealthRegistry } from '@fristvakt/observability';
import { KafkaIntake } from '../../../kafka-intake/src/kafka-intake';
import { FileCheckpointStore, MemoryCheckpointStore } from '../../../outbox-relay/src/checkpoint-store';
import { OutboxRelay } from '../../../outbox-relay/src/outbox-relay';
import { RELAY_CHECKPOINT_FILE } from '../../../outbox-relay/src/relay-config';
import type { AppConfig } from '../config/app-config';
import type { ShutdownHooks } from '../ops/shutdown-hooks';
import { APP_CONFIG, CASE_RECORDING, CLOCK, EVENT_STORE, HEALTH_REGISTRY, METRICS, SHUTDOWN_HOOKS, type Clock } from '../tokens';
import type { EmbeddedKafkaConfig } from './kafka-embedding-config';

/**
 * Runs the outbox relay, and the intake when switched on, inside case-api. The relay follows the
 * very store instance the API appends to, so it is woken by each commit instead of polling.
 */
@Injectable()
export class KafkaEmbedding implements OnApplicationBootstrap {
  private readonly logger = new Logger('Kafka');
  private readonly kafka: EmbeddedKafkaConfig;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_RECORDING) private readonly recording: CaseRecording,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HEALTH_REGISTRY) private readonly health: HealthRegistry,
    @Inject(SHUTDOWN_HOOKS) private readonly shutdown: ShutdownHooks,
    @Inject(METRICS) private readonly metrics: FristvaktMetrics,
  ) {
    if (!config.kafka) throw new Error('KafkaEmbedding is provided only when Kafka is configured');
    this.kafka = config.kafka;
  }

  async onApplicationBootstrap(): Promise<void> {
    const messaging = createMessaging(this.kafka.client, nestLogger(this.logger));
    const producer = messaging.producer();
    const relay = new OutboxRelay({
      store: this.store,
      producer,
      // A memory log starts empty on every run; a checkpoint kept on disk would point past it.
      checkpoints:
        this.config.store === 'memory'
          ? new MemoryCheckpointStore()
          : new FileCheckpointStore(this.kafka.relay.checkpointFile ?? join(this.config.dataDir, RELAY_CHECKPOINT_FILE)),
      batchSize: this.kafka.relay.batchSize,
      checkpointEveryMs: this.kafka.relay.checkpointEveryMs,
      logger: nestLogger(new Logger('OutboxRelay')),
    });
    await relay.start();
    this.shutdown.register('kafka-relay', () => stopRelay(relay, producer));
    // Informational: a broker outage must not take the API out of rotation, since events are safe in
    // the log and the relay catches up; the details tell an operator how far behind Kafka is.
    this.health.register({ name: 'kafka-relay', check: () => ({ ready: true, ...relay.status() }) });
    // …and alerting on how far behind it is goes through the lag gauges.
    this.metrics.addLagSource('kafka-relay', async () => {
      const { position, behind } = await relay.lag();
      const [next] = behind > 0 ? await this.store.readAll(position, 1) : [];
      // `behind` is a position difference: bytes on EventStoreDB, so the store counts the events.
      const events = next ? await this.store.countAfter(position, LAG_COUNT_LIMIT) : 0;
      return { events, seconds: next ? Math.max(0, (this.clock().getTime() - Date.parse(next.recordedAt)) / 1000) : 0 };
    });

    if (this.kafka.intake) {
      const intake = new KafkaIntake({
        messaging,
        recording: this.recording,
        settings: this.kafka.intake,
        logger: nestLogger(new Logger('KafkaIntake')),
        onDeadLetter: (rejection, sourceTopic) => this.metrics.deadLettered(sourceTopic, String(rejection.status)),
      });
      // Registered after the relay, so it stops first (hooks run latest first) and its last appends still get published.
      this.shutdown.register('kafka-intake', () => intake.stop());
      this.health.register({ name: 'kafka-intake', check: () => ({ ready: true, ...intake.status() }) });
      // Joining waits for the broker; the API must not wait for it to start serving.
      intake.start().catch((error: unknown) => this.logger.error(`intake failed to start: ${errorText(error)}`));
    }
    this.logger.log(`relay publishing to ${this.kafka.client.brokers.join(',')}${this.kafka.intake ? '; intake consuming' : ''}`);
  }
}

async function stopRelay(relay: OutboxRelay, producer: MessageProducer): Promise<void> {
  await relay.stop();
  await producer.disconnect();
}

function nestLogger(logger: Logger): MessagingLogger {
  const text = (message: string, fields?: Record<string, unknown>) =>
    fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message;
  return {
    debug: (m, f) => logger.debug(text(m, f)),
    info: (m, f) => logger.log(text(m, f)),
    warn: (m, f) => logger.warn(text(m, f)),
    error: (m, f) => logger.error(text(m, f)),
  };
}
