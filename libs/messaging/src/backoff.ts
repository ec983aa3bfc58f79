export interface BackoffOptions {
  /** delay before the first retry (before jitter) */
  initialMs: number;
  /** the delay doubles per failure up to this */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half the capped delay is fixed, half random, so retries
 * of many instances spread out after a shared outage but none hammers the broker with near-zero waits.
 * `failures` counts consecutive failures, from 1.
 */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const capped = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return Math.round(capped / 2 + random() * (capped / 2));
}

/** The error a retry loop or wait throws when its signal aborts: the caller is stopping, not failing. */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
  constructor() {
    super('stopped');
  }
}

/** Waits `ms`, or throws {@link StoppedError} as soon as the signal aborts; no timer outlives it. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new StoppedError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  signal?: AbortSignal;
  backoff?: BackoffOptions;
  /** errors for which retrying cannot help; they are thrown at once */
  isPermanent?: (error: unknown) => boolean;
  onFailure?: (error: unknown, failures: number, delayMs: number) => void;
  random?: () => number;
}

/** Runs `operation` until it succeeds, the error is permanent, or the signal aborts (StoppedError). */
export async function retryUntilDone<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  for (let failures = 1; ; failures++) {
    if (options.signal?.aborted) throw new StoppedError();
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StoppedError || options.isPermanent?.(error)) throw error;
      const delayMs = backoffDelay(failures, backoff, options.random);
      options.onFailure?.(error, failures, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}
