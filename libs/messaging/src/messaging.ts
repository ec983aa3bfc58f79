import type { ConsumerOptions, MessageConsumer } from './message-consumer';
import type { MessageProducer } from './message-producer';

/** The one seam between Fristvakt and a Kafka client; swap the implementation in `create-messaging.ts`. */
export interface Messaging {
  producer(): MessageProducer;
  consumer(options: ConsumerOptions): MessageConsumer;
}
