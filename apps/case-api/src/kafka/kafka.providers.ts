import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { KafkaEmbedding } from './kafka-embedding';

/** Nothing at all unless KAFKA_BROKERS is set. */
export function kafkaProviders(config: AppConfig): Provider[] {
  return config.kafka ? [KafkaEmbedding] : [];
}
