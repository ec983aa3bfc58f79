// STAND-IN until the store side is merged from main: delete and import from @fristvakt/event-store.
import { readToHead, type EventStore, type StoredEvent } from '@fristvakt/event-store';

export interface BatchTransform {
  readonly module: string;
  readonly exportName: string;
}
export type BatchTransformFactory<T> = () => (events: readonly StoredEvent[]) => Transformed<T>;
export interface Transformed<T> {
  readonly value: T;
  readonly transfer?: readonly ArrayBuffer[];
}
export interface TransformedBatch<T> {
  readonly value: T;
  readonly count: number;
  readonly lastPosition: number;
}

export async function* readToHeadTransformed<T>(
  store: Pick<EventStore, 'readAll'>,
  afterPosition: number,
  batchSize: number,
  transform: BatchTransform,
): AsyncGenerator<TransformedBatch<T>, void, undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = (require(transform.module) as Record<string, BatchTransformFactory<T>>)[transform.exportName];
  const each = factory();
  for await (const batch of readToHead(store, afterPosition, batchSize)) {
    yield { value: each(batch).value, count: batch.length, lastPosition: batch[batch.length - 1].position };
  }
}
