import type { CaseRecording } from '@fristvakt/case-recording';
import {
  DEFAULT_BACKOFF,
  errorText,
  retryUntilDone,
  silentLogger,
  TOPICS,
  type BackoffOptions,
  type GroupTimeouts,
  type HandlerContext,
  type IncomingMessage,
  type MessageConsumer,
  type MessageProducer,
  type Messaging,
  type MessagingLogger,
} from '@fristvakt/messaging';
import { DEFAULT_INTAKE_GROUP_ID, type IntakeSettings } from './intake-config';
import { IntakeDecider, type IntakeOutcome } from './intake-decision';
import type { IntakeRejection } from './intake-rejection';
import type { IntakeStatus } from './intake-status';

export interface KafkaIntakeOptions {
  messaging: Messaging;
  /** the one write path, shared with HTTP so every write is validated, decided and counted alike */
  recording: CaseRecording;
  /** whom it records for (`recordedBy`), where it may write, its consumer group */
  settings: Pick<IntakeSettings, 'subject' | 'municipalities'> & { groupId?: string };
  topic?: string;
  deadLetterTopic?: string;
  backoff?: BackoffOptions;
  groupTimeouts?: GroupTimeouts;
  logger?: MessagingLogger;
  /** after each message the broker acknowledged on the dead-letter topic (metrics); `sourceTopic` is the one it was consumed from */
  onDeadLetter?: (rejection: IntakeRejection, sourceTopic: string) => void;
}

/** DLQ headers: the HTTP status the body would have got, and its problem text. */
export const ERROR_STATUS_HEADER = 'error-status';
export const ERROR_DETAIL_HEADER = 'error-detail';
/** `true` on a DLQ message whose original value was null (a tombstone), which many tools print like an empty one. */
export const NULL_VALUE_HEADER = 'error-null-value';

/**
 * Consumes `fristvakt.case-intake.v1`. Each message ends recorded (appended, or a replay that appends
 * nothing) or on the dead-letter topic with its original key, value and headers plus `error-status`
 * and `error-detail`; only then is its offset committed. A transient failure (store or broker
 * unavailable) is retried with backoff on the same message, never dead-lettered and never committed,
 * so one case's messages are never recorded out of order.
 */
export class KafkaIntake {
  private readonly decider: IntakeDecider;
  private readonly topic: string;
  private readonly deadLetterTopic: string;
  private readonly backoff: BackoffOptions;
  private readonly logger: MessagingLogger;
  private readonly consumer: MessageConsumer;
  private readonly producer: MessageProducer;
  private readonly onDeadLetter?: (rejection: IntakeRejection, sourceTopic: string) => void;
  private readonly state: IntakeStatus = {
    running: false,
    joined: false,
    lastError: null,
    lastErrorAt: null,
    consecutiveFailures: 0,
    appended: 0,
    replayed: 0,
    deadLettered: 0,
    lastHandledAt: null,
  };

  constructor(options: KafkaIntakeOptions) {
    this.decider = new IntakeDecider({ recording: options.recording, settings: options.settings });
    this.topic = options.topic ?? TOPICS.caseIntake;
    this.deadLetterTopic = options.deadLetterTopic ?? TOPICS.caseIntakeDeadLetters;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.logger = options.logger ?? silentLogger;
    this.onDeadLetter = options.onDeadLetter;
    this.producer = options.messaging.producer();
    this.consumer = options.messaging.consumer({
      groupId: options.settings.groupId ?? DEFAULT_INTAKE_GROUP_ID,
      topics: [this.topic],
      fromBeginning: true,
      // A crash redoes at most one message; intake volumes are case-worker volumes, not log volumes.
      commit: 'message',
      groupTimeouts: options.groupTimeouts,
    });
  }

  /** Resolves once the consumer joined its group (it may wait for the broker). */
  async start(): Promise<void> {
    this.state.running = true;
    await this.consumer.start((message, context) => this.handle(message, context));
    this.state.joined = true;
    this.logger.info('intake consuming', { topic: this.topic, deadLetterTopic: this.deadLetterTopic });
  }

  async stop(): Promise<void> {
    this.state.running = false;
    await this.consumer.stop();
    await this.producer.disconnect();
    this.state.joined = false;
  }

  status(): IntakeStatus {
    return { ...this.state };
  }

  private async handle(message: IncomingMessage, context: HandlerContext): Promise<void> {
    const outcome = await this.retrying(message, context, 'record', () => this.decider.decide(message));
    if (outcome.kind === 'rejected') {
      await this.retrying(message, context, 'dead-letter', () => this.deadLetter(message, outcome.rejection));
      this.onDeadLetter?.(outcome.rejection, message.topic);
    }
    this.count(outcome);
    this.logger.debug('intake message handled', { partition: message.partition, offset: message.offset, ...summary(outcome) });
  }

  private deadLetter(message: IncomingMessage, rejection: IntakeRejection): Promise<void> {
    // A message replayed from the DLQ may still carry the mark; it must describe this value only.
    const { [NULL_VALUE_HEADER]: _earlier, ...headers } = message.headers;
    return this.producer.send(this.deadLetterTopic, [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...headers,
          ...(message.value === null ? { [NULL_VALUE_HEADER]: 'true' } : {}),
          [ERROR_STATUS_HEADER]: String(rejection.status),
          [ERROR_DETAIL_HEADER]: rejection.detail,
          'error-source': `${message.topic}/${message.partition}/${message.offset}`,
        },
      },
    ]);
  }

  private async retrying<T>(message: IncomingMessage, context: HandlerContext, step: string, operation: () => Promise<T>): Promise<T> {
    const result = await retryUntilDone(operation, {
      signal: context.signal,
      backoff: this.backoff,
      onFailure: (error, failures, delayMs) => {
        Object.assign(this.state, {
          consecutiveFailures: failures,
          lastError: `${step}: ${errorText(error)}`,
          lastErrorAt: new Date().toISOString(),
        });
        this.logger.warn(`intake could not ${step} a message; retrying`, {
          partition: message.partition,
          offset: message.offset,
          failures,
          delayMs,
          error: errorText(error),
        });
        // Stay in the group while waiting, or a rebalance hands the message to another member mid-retry.
        void context.heartbeat().catch(() => undefined);
      },
    });
    this.state.consecutiveFailures = 0;
    return result;
  }

  private count(outcome: IntakeOutcome): void {
    if (outcome.kind === 'rejected') this.state.deadLettered += 1;
    else if (outcome.result.replayed) this.state.replayed += 1;
    else this.state.appended += 1;
    this.state.lastHandledAt = new Date().toISOString();
  }
}

function summary(outcome: IntakeOutcome): Record<string, unknown> {
  return outcome.kind === 'rejected'
    ? { outcome: 'dead-lettered', status: outcome.rejection.status }
    : { outcome: outcome.result.replayed ? 'replayed' : 'appended', caseId: outcome.result.caseId, version: outcome.result.version };
}
