import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { OutgoingMessage } from '../message';
import type { MessageProducer } from '../message-producer';

/** acks = -1 is Kafka's "all": the leader answers only once every in-sync replica has the batch. */
const ACKS_ALL = -1;

export class KafkajsProducer implements MessageProducer {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      // The Java client's murmur2 partitioner, so other clients put a caseId on the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: true,
      // Few client-side retries: callers run their own unbounded retry with backoff and must learn of
      // an outage (health, lastError) instead of waiting inside the client for minutes.
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    // kafkajs refuses to send before connect(); once connected it reconnects to brokers by itself.
    if (!this.connected) await this.connect();
    await this.producer.send({
      topic,
      acks: ACKS_ALL,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    await this.producer.disconnect();
  }
}
