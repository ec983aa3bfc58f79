import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where the relay keeps the global position up to which the broker acknowledged everything. */
export interface CheckpointStore {
  /** 0 when nothing was ever saved */
  load(): Promise<number>;
  save(position: number): Promise<void>;
}

/** For an in-memory event store: its log is gone after a restart, so a persisted checkpoint would point past it. */
export class MemoryCheckpointStore implements CheckpointStore {
  private position = 0;

  async load(): Promise<number> {
    return this.position;
  }

  async save(position: number): Promise<void> {
    this.position = position;
  }
}

export class CheckpointFileError extends Error {
  override readonly name = 'CheckpointFileError';
}

/**
 * A small JSON file replaced atomically: written to a temporary file, fsynced, renamed over the old
 * one, directory fsynced. A crash at any moment leaves the old checkpoint or the new one, never a
 * torn file. It is a file and not a table in the event store's SQLite file because the relay only
 * depends on the event-store port (it runs the same over the in-memory or a future EventStoreDB
 * adapter), and because sharing the transaction would buy nothing: the Kafka ack can never be in it.
 */
export class FileCheckpointStore implements CheckpointStore {
  private sequence = 0;

  constructor(readonly path: string) {}

  async load(): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let position: unknown;
    try {
      position = (JSON.parse(text) as { position?: unknown }).position;
    } catch {
      position = undefined;
    }
    // Guessing would either skip events (too high) or republish the log (zero): make an operator decide.
    if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) {
      throw new CheckpointFileError(`relay checkpoint ${this.path} is unreadable; fix or delete it (deleting republishes the whole log)`);
    }
    return position;
  }

  async save(position: number): Promise<void> {
    const directory = dirname(this.path);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temp = `${this.path}.tmp-${process.pid}-${++this.sequence}`;
    const file = await open(temp, 'w', 0o600);
    try {
      await file.write(`${JSON.stringify({ position, savedAt: new Date().toISOString() })}\n`);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    await rename(temp, this.path);
    await syncDirectory(directory);
  }
}

async function syncDirectory(directory: string): Promise<void> {
  // Makes the rename itself durable; some platforms refuse to open a directory for sync.
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    /* best effort */
  } finally {
    await handle?.close();
  }
}
