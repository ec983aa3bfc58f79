import { Kafka } from 'kafkajs';
import type { KafkaConfig } from '../kafka-config';
import type { MessagingLogger } from '../logger';
import type { ConsumerOptions, MessageConsumer } from '../message-consumer';
import type { MessageProducer } from '../message-producer';
import type { Messaging } from '../messaging';
import { KafkajsConsumer } from './kafkajs-consumer';
import { KAFKAJS_LOG_LEVEL, kafkajsLogCreator } from './kafkajs-log';
import { KafkajsProducer } from './kafkajs-producer';

export class KafkajsMessaging implements Messaging {
  private readonly kafka: Kafka;

  constructor(
    config: KafkaConfig,
    private readonly logger: MessagingLogger,
  ) {
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: config.brokers,
      requestTimeout: config.requestTimeoutMs,
      connectionTimeout: config.connectionTimeoutMs,
      enforceRequestTimeout: true,
      logLevel: KAFKAJS_LOG_LEVEL[config.clientLogLevel],
      logCreator: kafkajsLogCreator(logger),
    });
  }

  producer(): MessageProducer {
    return new KafkajsProducer(this.kafka);
  }

  consumer(options: ConsumerOptions): MessageConsumer {
    return new KafkajsConsumer(this.kafka, options, this.logger);
  }
}
