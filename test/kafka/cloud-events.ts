import { CloudEvent, Kafka, type KafkaMessage } from 'cloudevents';
import type { Received } from './collector';

/**
 * Reads every message as the official CloudEvents SDK does (`Kafka.toEvent`, then `validate`) and
 * lists what it refuses. The SDK's `validate` also accepts specversion 0.3, so 1.0 is checked here,
 * as is the partition key the binding maps to the message key.
 */
export function cloudEventProblems(messages: readonly Received[]): string[] {
  const problems: string[] = [];
  for (const message of messages) {
    const where = `${message.partition}/${message.offset} (${message.headers.ce_id ?? 'no ce_id'})`;
    try {
      const kafkaMessage: KafkaMessage<string> = {
        key: message.key ?? '',
        value: message.value,
        headers: message.headers,
        body: message.value,
      };
      const parsed = Kafka.toEvent(kafkaMessage);
      if (Array.isArray(parsed)) {
        problems.push(`${where}: a batch, not one event`);
        continue;
      }
      const event = parsed as CloudEvent<{ eventId?: string }>;
      event.validate();
      if (event.specversion !== '1.0') problems.push(`${where}: specversion ${event.specversion}`);
      if (message.headers.ce_partitionkey !== message.key)
        problems.push(`${where}: ce_partitionkey ${message.headers.ce_partitionkey} is not the key ${message.key}`);
      if (event.data?.eventId !== event.id) problems.push(`${where}: id ${event.id} is not the body's eventId`);
    } catch (error) {
      problems.push(
        `${where}: ${error instanceof Error ? `${error.message} ${JSON.stringify((error as { errors?: unknown }).errors ?? '')}` : String(error)}`,
      );
    }
  }
  return problems;
}
