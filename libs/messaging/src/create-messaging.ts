import type { KafkaConfig } from './kafka-config';
import { KafkajsMessaging } from './kafkajs/kafkajs-messaging';
import type { MessagingLogger } from './logger';
import type { Messaging } from './messaging';

/** The only place that picks the client library: replace kafkajs here and nowhere else. */
export function createMessaging(config: KafkaConfig, logger: MessagingLogger): Messaging {
  return new KafkajsMessaging(config, logger);
}
