import { caseIdOfStream, toRecordedCaseEvent } from '@fristvakt/case-recording';
import type { EventStore, StoredEvent } from '@fristvakt/event-store';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  errorText,
  silentLogger,
  sleep,
  StoppedError,
  TOPICS,
  type BackoffOptions,
  type MessageProducer,
  type MessagingLogger,
  type OutgoingMessage,
} from '@fristvakt/messaging';
import { caseEventMessage } from './case-event-message';
import type { CheckpointStore } from './checkpoint-store';
import { MunicipalityIndex } from './municipality-index';
import type { RelayStatus } from './relay-status';

export interface OutboxRelayOptions {
  store: Pick<EventStore, 'follow' | 'headPosition' | 'readStream'>;
  /** connected or not: the relay connects it and retries until the broker answers */
  producer: MessageProducer;
  checkpoints: CheckpointStore;
  topic?: string;
  /** events read and sent per produce request */
  batchSize?: number;
  backoff?: BackoffOptions;
  /**
   * Save the checkpoint at most this often (0: after every acknowledged batch). Between saves the
   * position only lives in memory, so a crash republishes at most this much: duplicates, never gaps.
   */
  checkpointEveryMs?: number;
  /** how often the log head is re-read for `lag` while the relay is busy or blocked */
  headRefreshMs?: number;
  /** longest `stop` waits for a send in flight to finish before returning */
  stopTimeoutMs?: number;
  logger?: MessagingLogger;
}

export const DEFAULT_RELAY_BATCH_SIZE = 1000;
export const DEFAULT_CHECKPOINT_EVERY_MS = 1000;

/** The checkpoint is ahead of the log: the log was replaced, and resuming would silently skip events. */
export class CheckpointBeyondLogError extends Error {
  override readonly name = 'CheckpointBeyondLogError';
  constructor(checkpoint: number, head: number) {
    super(
      `relay checkpoint ${checkpoint} is beyond the event log's head ${head}: the log was replaced; delete the checkpoint to republish it`,
    );
  }
}

/**
 * Publishes every event of the log to Kafka, in log order, at least once. One loop: follow the log from
 * the acknowledged position, send a batch, and only after the broker acknowledged it move the position
 * (and, at most every `checkpointEveryMs`, save it). Any failure — broker down, store error — restarts
 * the loop from the acknowledged position after a growing, jittered delay: the same events are sent
 * again (same ce_id), nothing is skipped and nothing overtakes an earlier event of the same case.
 */
export class OutboxRelay {
  private readonly topic: string;
  private readonly batchSize: number;
  private readonly backoff: BackoffOptions;
  private readonly checkpointEveryMs: number;
  private readonly headRefreshMs: number;
  private readonly stopTimeoutMs: number;
  private readonly logger: MessagingLogger;
  private readonly municipalities: MunicipalityIndex;
  private readonly state: RelayStatus = {
    running: false,
    connected: false,
    lastError: null,
    lastErrorAt: null,
    consecutiveFailures: 0,
    position: 0,
    checkpoint: 0,
    headPosition: 0,
    lag: 0,
    publishedEvents: 0,
    lastPublishedAt: null,
  };
  private abort = new AbortController();
  private loop: Promise<void> | null = null;
  private headTimer: NodeJS.Timeout | null = null;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private lastSavedAt = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutboxRelayOptions) {
    this.topic = options.topic ?? TOPICS.caseEvents;
    this.batchSize = options.batchSize ?? DEFAULT_RELAY_BATCH_SIZE;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.checkpointEveryMs = options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
    this.headRefreshMs = options.headRefreshMs ?? 1000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5000;
    this.logger = options.logger ?? silentLogger;
    this.municipalities = new MunicipalityIndex(options.store);
  }

  /**
   * Loads the checkpoint and starts publishing in the background; resolves once running. Throws when
   * the checkpoint cannot be trusted, since publishing from a guess could skip events.
   */
  async start(): Promise<void> {
    if (this.loop) throw new Error('relay already started');
    const checkpoint = await this.options.checkpoints.load();
    const head = await this.options.store.headPosition();
    if (checkpoint > head) throw new CheckpointBeyondLogError(checkpoint, head);
    Object.assign(this.state, { running: true, position: checkpoint, checkpoint, headPosition: head, lag: head - checkpoint });
    this.abort = new AbortController();
    this.headTimer = setInterval(() => void this.refreshHead(), this.headRefreshMs);
    this.headTimer.unref();
    this.logger.info('relay starting', { topic: this.topic, checkpoint, headPosition: head });
    this.loop = this.run();
  }

  /** Stops publishing and saves the acknowledged position. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.abort.abort();
    if (this.headTimer) clearInterval(this.headTimer);
    const loop = this.loop;
    // A send to a hung broker can take its full request timeout; the owner disconnecting the producer
    // ends it, and nothing is lost either way because only acknowledged positions are ever saved.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.stopTimeoutMs)))]);
    clearTimeout(timer);
    this.loop = null;
    this.state.running = false;
    await this.saveCheckpoint();
    this.logger.info('relay stopped', { position: this.state.position, checkpoint: this.state.checkpoint });
  }

  status(): RelayStatus {
    return { ...this.state };
  }

  /** Fresh lag against the log head, in the shape health registries and metrics take from any log follower. */
  async lag(): Promise<{ position: number; headPosition: number; behind: number }> {
    await this.refreshHead();
    const { position, headPosition } = this.state;
    return { position, headPosition, behind: Math.max(0, headPosition - position) };
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await this.options.producer.connect();
        this.state.connected = true;
        for await (const batch of this.options.store.follow(this.state.position, { signal, batchSize: this.batchSize })) {
          await this.publish(batch);
          this.succeeded();
        }
      } catch (error) {
        if (error instanceof StoppedError || signal.aborted) break;
        await this.failed(error, signal).catch(() => undefined);
      }
    }
  }

  private async publish(batch: StoredEvent[]): Promise<void> {
    const messages: OutgoingMessage[] = [];
    for (const stored of batch) {
      // Other kinds of streams may share the log; only case streams belong on the case-events topic.
      if (caseIdOfStream(stored.streamId) === undefined) continue;
      const event = toRecordedCaseEvent(stored);
      this.municipalities.learn(event);
      messages.push(caseEventMessage(event, await this.municipalities.municipalityOf(event)));
    }
    await this.options.producer.send(this.topic, messages);
    const last = batch[batch.length - 1].position;
    this.state.position = last;
    this.state.headPosition = Math.max(this.state.headPosition, last);
    this.state.lag = this.state.headPosition - last;
    this.state.publishedEvents += messages.length;
    this.state.lastPublishedAt = new Date().toISOString();
    this.scheduleCheckpoint();
  }

  private succeeded(): void {
    if (this.state.consecutiveFailures > 0) this.logger.info('relay publishing again', { position: this.state.position });
    this.state.connected = true;
    this.state.consecutiveFailures = 0;
  }

  private async failed(error: unknown, signal: AbortSignal): Promise<void> {
    const failures = (this.state.consecutiveFailures += 1);
    const delayMs = backoffDelay(failures, this.backoff);
    Object.assign(this.state, { connected: false, lastError: errorText(error), lastErrorAt: new Date().toISOString() });
    this.logger.warn('relay failed; retrying from the acknowledged position', {
      position: this.state.position,
      failures,
      delayMs,
      error: errorText(error),
    });
    await sleep(delayMs, signal);
  }

  private scheduleCheckpoint(): void {
    const dueIn = this.lastSavedAt + this.checkpointEveryMs - Date.now();
    if (dueIn <= 0) {
      void this.saveCheckpoint();
    } else if (!this.checkpointTimer) {
      // Also saves once the relay went idle after its last batch, so a quiet relay is not left behind.
      this.checkpointTimer = setTimeout(() => void this.saveCheckpoint(), dueIn);
      this.checkpointTimer.unref();
    }
  }

  /** Serialized, so an older position can never be written after a newer one. */
  private saveCheckpoint(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    this.saving = this.saving.then(async () => {
      const position = this.state.position;
      if (position <= this.state.checkpoint) return;
      this.lastSavedAt = Date.now();
      try {
        await this.options.checkpoints.save(position);
        this.state.checkpoint = position;
      } catch (error) {
        // Publishing goes on: a stale checkpoint only means more duplicates after a crash.
        Object.assign(this.state, { lastError: `checkpoint: ${errorText(error)}`, lastErrorAt: new Date().toISOString() });
        this.logger.error('saving the relay checkpoint failed', { position, error: errorText(error) });
      }
    });
    return this.saving;
  }

  private async refreshHead(): Promise<void> {
    try {
      const head = await this.options.store.headPosition();
      this.state.headPosition = Math.max(this.state.headPosition, head);
      this.state.lag = this.state.headPosition - this.state.position;
    } catch {
      /* the loop reports store errors; lag just stays as last known */
    }
  }
}
