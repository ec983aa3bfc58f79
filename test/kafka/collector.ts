import { createMessaging, silentLogger, type IncomingMessage, type MessageConsumer, type Messaging } from '@fristvakt/messaging';
import { loadKafkaConfig } from '../../apps/shared/src/kafka-settings';

/**
 * The mock broker completes a join only when the rebalance timeout runs out, so a restarted member
 * would wait the client default of 60 s; short timeouts keep the suites fast.
 */
export const TEST_GROUP_TIMEOUTS = { sessionTimeoutMs: 6000, rebalanceTimeoutMs: 1000 };

export function testMessaging(bootstrap: string, clientId = 'fristvakt-test'): Messaging {
  return createMessaging(
    loadKafkaConfig({ KAFKA_BROKERS: bootstrap, KAFKA_CLIENT_ID: clientId, KAFKA_REQUEST_TIMEOUT_MS: '2000', KAFKA_LOG_LEVEL: 'nothing' }),
    silentLogger,
  );
}

export interface Received {
  key: string | null;
  /** '' for a null value too: see `nullValue` */
  value: string;
  nullValue: boolean;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** Reads a topic from the beginning into memory, through the messaging port like any other consumer. */
export class Collector {
  readonly messages: Received[] = [];
  private readonly consumer: MessageConsumer;

  constructor(messaging: Messaging, topic: string, groupId = `collector-${topic}-${Math.random().toString(36).slice(2)}`) {
    this.consumer = messaging.consumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      commit: 'batch',
      partitionsConcurrently: 4,
      groupTimeouts: TEST_GROUP_TIMEOUTS,
    });
  }

  start(): Promise<void> {
    return this.consumer.start(async (message) => {
      this.messages.push(received(message));
    });
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  /** Resolves once `done` holds (checked every 100 ms, so it may be costly); rejects after `timeoutMs` saying how far it got. */
  async waitUntil(done: (messages: Received[]) => boolean, timeoutMs: number, what = 'messages'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.messages)) {
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; have ${this.messages.length} messages`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  distinctCeIds(): Set<string> {
    return new Set(this.messages.map((m) => m.headers.ce_id));
  }
}

function received(message: IncomingMessage): Received {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value).toString();
  }
  return {
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? '',
    nullValue: message.value === null,
    headers,
    partition: message.partition,
    offset: message.offset,
  };
}

/**
 * Per key, the versions in arrival order with duplicates (same ce_id) dropped must be 1, 2, 3, …:
 * at-least-once may repeat an event, but nothing may be missing or overtake an earlier one.
 * Returns the keys that break this, with their sequence, for a readable failure.
 */
export function orderViolations(messages: Received[]): Array<{ key: string | null; versions: number[] }> {
  const seen = new Set<string>();
  const versionsByKey = new Map<string | null, number[]>();
  for (const m of messages) {
    if (seen.has(m.headers.ce_id)) continue;
    seen.add(m.headers.ce_id);
    const version = (JSON.parse(m.value) as { version: number }).version;
    const list = versionsByKey.get(m.key) ?? [];
    list.push(version);
    versionsByKey.set(m.key, list);
  }
  const bad: Array<{ key: string | null; versions: number[] }> = [];
  for (const [key, versions] of versionsByKey) {
    if (versions.some((v, i) => v !== i + 1)) bad.push({ key, versions });
  }
  return bad;
}
