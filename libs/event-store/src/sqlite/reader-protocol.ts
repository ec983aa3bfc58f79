import type { BatchTransform } from '../event-store.port';

/** What a reader thread starts with: where to read, from where, and how far ahead of its caller. */
export interface ReaderThreadSettings {
  path: string;
  busyTimeoutMs: number;
  afterPosition: number;
  batchSize: number;
  /** batches read before the caller asks for more */
  ahead: number;
  /** each batch is read as `readAll`'s events and sent as what this makes of it */
  transform: BatchTransform;
}

/** The caller took a batch: the thread may read one more. */
export type ToReader = 'more';

/**
 * A batch crosses the thread boundary as what the caller's transform made of it (its typed arrays'
 * buffers moved, not copied): the calling thread builds no object per event.
 */
export type FromReader =
  { kind: 'transformed'; value: unknown; count: number; lastPosition: number } | { kind: 'end' } | { kind: 'error'; message: string };
