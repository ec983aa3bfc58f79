import type { Worker } from 'node:worker_threads';
import type { BatchTransform, TransformedBatch } from '../event-store.port';
import { type FromReader, type ReaderThreadSettings, type ToReader } from './reader-protocol';
import { startThread } from './start-thread';

/** Batches read before the caller took them: one being applied, one in flight, one ready. */
export const READ_AHEAD_BATCHES = 2;

/**
 * The log from `afterPosition` to its head, read on a thread of its own (reader-thread.ts) and each
 * batch turned by `transform` there, while the caller applies what it was given: a replay then
 * costs its apply, not its apply plus its read and decoding. The thread is stopped when the caller
 * stops iterating, when the log is read, or when `threads` (the store's) are stopped on close.
 */
export async function* readAheadTransformedOnThread<T>(
  settings: Omit<ReaderThreadSettings, 'ahead' | 'transform'>,
  transform: BatchTransform,
  threads: Set<Worker>,
): AsyncGenerator<TransformedBatch<T>, void, undefined> {
  for await (const message of readOnThread({ ...settings, transform }, threads)) {
    yield { value: message.value as T, count: message.count, lastPosition: message.lastPosition };
  }
}

type BatchMessage = Extract<FromReader, { kind: 'transformed' }>;

async function* readOnThread(
  settings: Omit<ReaderThreadSettings, 'ahead'>,
  threads: Set<Worker>,
): AsyncGenerator<BatchMessage, void, undefined> {
  // A batch leaves a few MB of garbage on the thread; without a limit of its own, the thread's young
  // generation would grow to what the process's flags allow its main thread (64 MB semi-spaces for a rebuild).
  const worker = startThread('reader-thread', { ...settings, ahead: READ_AHEAD_BATCHES } satisfies ReaderThreadSettings, {
    maxYoungGenerationSizeMb: 16,
  });
  threads.add(worker);
  const inbox: FromReader[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const arrived = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: FromReader) => {
    inbox.push(message);
    arrived();
  });
  worker.on('error', (error) => {
    failure ??= new Error(`the SQLite reader thread failed: ${error.message}`, { cause: error });
    arrived();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the SQLite reader thread exited (code ${code})`);
    arrived();
  });
  try {
    for (;;) {
      while (inbox.length === 0 && failure === null) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift();
      if (message === undefined) throw failure;
      if (message.kind === 'end') return;
      if (message.kind === 'error') throw new Error(`reading the log failed: ${message.message}`);
      // The thread reads the next batch while this one is applied.
      worker.postMessage('more' satisfies ToReader);
      yield message;
    }
  } finally {
    threads.delete(worker);
    await worker.terminate();
  }
}
