import { START, type AllStreamResolvedEvent, type AllStreamSubscription, type Position, type ReadPosition } from '@eventstore/db-client';
import type { FollowOptions, StoredEvent } from '../event-store.port';
import { DEFAULT_FOLLOW_BATCH_SIZE, assertNonNegativeInteger } from '../shared/follow-log';
import { toEsdbPosition } from './position-mapping';
import { SubscriptionFeed } from './subscription-feed';

export interface ReconnectPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface CaseLogSource {
  /** A catch-up subscription to the case streams of `$all`, exclusive of `from`. */
  subscribe(from: ReadPosition, checkpointReached: (position: Position) => void): AllStreamSubscription;
  /** The port event for a case event, undefined for anything else the subscription lets through. */
  toCaseEvent(resolved: AllStreamResolvedEvent): StoredEvent | undefined;
  reconnect: ReconnectPolicy;
  onSubscriptionDropped?: (error: unknown, attempt: number) => void;
}

/**
 * While catching up, a partial batch waits this long for more events before it is delivered anyway
 * (servers before 23.10 send no caught-up message, so "caught up" cannot always be known).
 */
const CATCH_UP_IDLE_MS = 25;

/**
 * `follow` for EventStoreDB: one catch-up subscription to `$all` that is resubscribed, with exponential
 * backoff, from the last position it delivered or checkpointed whenever it drops. Subscription starts
 * are exclusive, so nothing is delivered twice; checkpoints keep that position moving through long runs
 * of filtered-out events so a resubscription does not rescan them.
 */
export async function* followCaseLog(
  source: CaseLogSource,
  afterPosition: number,
  signal: AbortSignal,
  options: FollowOptions = {},
): AsyncGenerator<StoredEvent[], void, undefined> {
  const { batchSize = DEFAULT_FOLLOW_BATCH_SIZE } = options;
  assertNonNegativeInteger('afterPosition', afterPosition);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (signal.aborted) return;

  let resumeFrom: ReadPosition = afterPosition === 0 ? START : toEsdbPosition(afterPosition);
  let feed = open(source, resumeFrom);
  let live = false;
  let attempt = 0;
  let pending: StoredEvent[] = [];
  try {
    while (!signal.aborted) {
      while (pending.length < batchSize && feed.size > 0) {
        const item = feed.shift();
        if (item?.kind === 'event') {
          if (item.resolved.event) resumeFrom = item.resolved.event.position;
          const stored = source.toCaseEvent(item.resolved);
          if (stored) pending.push(stored);
        } else if (item?.kind === 'checkpoint') {
          resumeFrom = item.position;
        } else if (item?.kind === 'caughtUp') {
          live = true;
        }
      }
      const drained = feed.size === 0;
      if (pending.length >= batchSize || (pending.length > 0 && drained && (live || feed.failure))) {
        const batch = pending;
        pending = [];
        attempt = 0;
        yield batch;
        continue;
      }
      if (drained && feed.failure && pending.length === 0) {
        source.onSubscriptionDropped?.(feed.failure.error, attempt);
        await feed.close();
        await sleep(backoff(source.reconnect, attempt), signal);
        attempt += 1;
        if (signal.aborted) return;
        feed = open(source, resumeFrom);
        live = false;
        continue;
      }
      if (drained) {
        const before = pending.length;
        await feed.changed(signal, before > 0 ? CATCH_UP_IDLE_MS : undefined);
        if (feed.size === 0 && !feed.failure && pending.length > 0 && !signal.aborted) {
          // idle while catching up: deliver what we have rather than hold it back
          const batch = pending;
          pending = [];
          yield batch;
        }
      }
    }
  } finally {
    await feed.close();
  }
}

function open(source: CaseLogSource, from: ReadPosition): SubscriptionFeed {
  const feed = new SubscriptionFeed();
  feed.attach(source.subscribe(from, (position) => feed.checkpoint(position)));
  return feed;
}

export function backoff(policy: ReconnectPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 30));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
