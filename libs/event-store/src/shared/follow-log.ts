import type { FollowOptions, StoredEvent } from '../event-store.port';
import type { ChangeNotifier } from './change-notifier';

export const DEFAULT_FOLLOW_BATCH_SIZE = 500;

export interface FollowSource {
  readAll(afterPosition: number, limit: number): Promise<StoredEvent[]>;
  readonly notifier: ChangeNotifier;
  /** Re-read at least this often, for writers the notifier cannot see (other processes). */
  readonly pollIntervalMs?: number;
}

/** Catch up with readAll, then sleep until notified/polled; ends (without throwing) on abort or close. */
export async function* followLog(
  source: FollowSource,
  afterPosition: number,
  options: FollowOptions = {},
): AsyncGenerator<StoredEvent[], void, undefined> {
  const { signal, batchSize = DEFAULT_FOLLOW_BATCH_SIZE } = options;
  assertNonNegativeInteger('afterPosition', afterPosition);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);

  let position = afterPosition;
  while (!signal?.aborted && !source.notifier.isClosed) {
    const seen = source.notifier.sequence;
    const batch = await source.readAll(position, batchSize);
    if (signal?.aborted) return;
    if (batch.length > 0) {
      position = batch[batch.length - 1].position;
      yield batch;
      continue;
    }
    await source.notifier.waitForChange(seen, signal, source.pollIntervalMs);
  }
}

export function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}
