import type { Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { retryUntilDone, StoppedError } from '../backoff';
import { errorText, type MessagingLogger } from '../logger';
import type { IncomingMessage } from '../message';
import type { ConsumerOptions, MessageConsumer, MessageHandler } from '../message-consumer';

/**
 * kafkajs consumer with autoCommit off: each handled offset is committed by this class, after the
 * handler resolved, per message or per batch as configured.
 */
export class KafkajsConsumer implements MessageConsumer {
  private readonly consumer: Consumer;
  private readonly stopping = new AbortController();
  private started = false;

  constructor(
    kafka: Kafka,
    private readonly options: ConsumerOptions,
    private readonly logger: MessagingLogger,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: true,
      // Also bounds how long disconnect() waits for the fetch in flight before leaving the group.
      maxWaitTimeInMs: options.maxWaitMs ?? 250,
      sessionTimeout: options.groupTimeouts?.sessionTimeoutMs,
      rebalanceTimeout: options.groupTimeouts?.rebalanceTimeoutMs,
      heartbeatInterval: options.groupTimeouts?.sessionTimeoutMs
        ? Math.max(100, Math.floor(options.groupTimeouts.sessionTimeoutMs / 3))
        : undefined,
      // Whatever made the consumer crash (a handler error, a broker gone), rejoin and carry on from the
      // committed offsets rather than leave the process running without a consumer.
      retry: { retries: 5, restartOnFailure: async () => !this.stopping.signal.aborted },
    });
  }

  async start(handler: MessageHandler): Promise<void> {
    if (this.started) throw new Error('consumer already started');
    this.started = true;
    const joined = new Promise<void>((resolve) => {
      const remove = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    // A broker that is down at start is an outage like any other: wait for it rather than crash.
    await retryUntilDone(
      async () => {
        await this.consumer.connect();
        await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? false });
      },
      {
        signal: this.stopping.signal,
        backoff: { initialMs: 200, maxMs: 10_000 },
        onFailure: (error, failures, delayMs) =>
          this.logger.warn('consumer could not connect; retrying', {
            groupId: this.options.groupId,
            failures,
            delayMs,
            error: errorText(error),
          }),
      },
    );
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      eachBatch: (payload) => this.handleBatch(payload, handler),
    });
    await Promise.race([joined, stoppedPromise(this.stopping.signal)]);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer.disconnect();
  }

  private async handleBatch(payload: EachBatchPayload, handler: MessageHandler): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const signal = this.stopping.signal;
    let uncommitted: string | undefined;
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || signal.aborted) break;
      await handler(toIncoming(batch, message), { signal, heartbeat });
      resolveOffset(message.offset);
      uncommitted = message.offset;
      if (this.options.commit !== 'batch') {
        await this.commit(batch, uncommitted);
        uncommitted = undefined;
      }
      await heartbeat();
    }
    if (uncommitted !== undefined) await this.commit(batch, uncommitted);
  }

  /** Commits "next offset to read"; retried, because a handled message must not be handled twice for a hiccup. */
  private async commit(batch: Batch, handledOffset: string): Promise<void> {
    const offset = (BigInt(handledOffset) + 1n).toString();
    await retryUntilDone(() => this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset }]), {
      signal: this.stopping.signal,
      backoff: { initialMs: 100, maxMs: 2_000 },
      onFailure: (error, failures) =>
        this.logger.warn('offset commit failed; retrying', {
          topic: batch.topic,
          partition: batch.partition,
          offset,
          failures,
          error: errorText(error),
        }),
    });
  }
}

function toIncoming(batch: Batch, message: Batch['messages'][number]): IncomingMessage {
  return {
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: message.headers ?? {},
    timestamp: message.timestamp,
  };
}

function stoppedPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(new StoppedError());
    else signal.addEventListener('abort', () => reject(new StoppedError()), { once: true });
  });
}
