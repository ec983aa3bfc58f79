import type { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@eventstore/db-client';

export type FeedItem =
  { kind: 'event'; resolved: AllStreamResolvedEvent } | { kind: 'checkpoint'; position: Position } | { kind: 'caughtUp' };

/** Past this many undelivered items the subscription is paused, so a slow consumer bounds memory. */
const HIGH_WATER = 2_048;
const LOW_WATER = 512;

/**
 * Turns one catch-up subscription's push callbacks into a queue the follow loop pulls from, in the order
 * the server sent them. Remembers why the subscription ended so the loop can resubscribe.
 */
export class SubscriptionFeed {
  private readonly items: FeedItem[] = [];
  private subscription: AllStreamSubscription | undefined;
  private wake: (() => void) | undefined;
  private ended: { error: unknown } | undefined;

  attach(subscription: AllStreamSubscription): void {
    this.subscription = subscription;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => this.push({ kind: 'event', resolved }));
    subscription.on('caughtUp', () => this.push({ kind: 'caughtUp' }));
    subscription.on('error', (error: unknown) => this.end(error));
    subscription.on('end', () => this.end(new Error('the server ended the subscription')));
    subscription.on('close', () => this.end(new Error('the subscription closed')));
  }

  /**
   * Called by the client between events. A checkpoint is only safe to resume from once every event
   * before it has reached us; events still in the stream's buffer would otherwise be skipped on a drop.
   */
  checkpoint(position: Position): void {
    if ((this.subscription?.readableLength ?? 0) === 0) this.push({ kind: 'checkpoint', position });
  }

  get size(): number {
    return this.items.length;
  }

  /** Why the subscription ended (only meaningful once the queue is drained). */
  get failure(): { error: unknown } | undefined {
    return this.ended;
  }

  shift(): FeedItem | undefined {
    const item = this.items.shift();
    if (this.items.length <= LOW_WATER && this.subscription?.isPaused() && !this.ended) this.subscription.resume();
    return item;
  }

  /** Resolves on the next item, the end of the subscription, abort, or after `timeoutMs`. */
  changed(signal: AbortSignal, timeoutMs?: number): Promise<void> {
    if (this.items.length > 0 || this.ended || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        this.wake = undefined;
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
      if (timeoutMs !== undefined) timer = setTimeout(done, timeoutMs);
    });
  }

  async close(): Promise<void> {
    const subscription = this.subscription;
    this.end(new Error('closed by the follower'));
    if (subscription) {
      subscription.removeAllListeners('data');
      // An 'error' after unsubscribe (e.g. the cancellation) must not become an unhandled 'error' event.
      subscription.on('error', () => undefined);
      await subscription.unsubscribe();
    }
  }

  private push(item: FeedItem): void {
    if (this.ended) return;
    this.items.push(item);
    if (this.items.length >= HIGH_WATER) this.subscription?.pause();
    this.wake?.();
  }

  private end(error: unknown): void {
    if (this.ended) return;
    this.ended = { error };
    this.wake?.();
  }
}
