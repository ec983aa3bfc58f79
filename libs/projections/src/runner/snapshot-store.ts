import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { ProjectionModel } from '../model/model';
import { encodeCases, encodeHeader, ModelDecoder } from './model-codec';

/** The model and the position it reflects, always stored and loaded together. */
export interface Snapshot {
  projectionVersion: number;
  position: number;
  model: ProjectionModel;
}

export type SnapshotLoad =
  | { status: 'missing' }
  /** written by another projection version: its model means something else, rebuild */
  | { status: 'stale'; projectionVersion: number; position: number }
  | { status: 'unreadable'; reason: string }
  | { status: 'ok'; snapshot: Snapshot };

export interface SnapshotStore {
  load(projectionVersion: number): Promise<SnapshotLoad>;
  /** Replaces the stored snapshot atomically: a crash leaves either the old one or the new one. */
  save(snapshot: Snapshot): Promise<void>;
}

/*
 * Encoding runs on the event loop that serves requests, between these writes: small chunks keep each
 * slice short (well under a millisecond), so a save of a large model does not stall appends.
 */
const FLUSH_BYTES = 64 * 1024;

/**
 * One file: header line (version, position, symbol table) then one line per case. Written to a
 * temporary file, fsynced, renamed over the old one and the directory fsynced, so model and
 * checkpoint can never disagree: both are in the one file that the rename makes current.
 */
export class FileSnapshotStore implements SnapshotStore {
  private sequence = 0;

  constructor(readonly path: string) {}

  async save(snapshot: Snapshot): Promise<void> {
    if (snapshot.position !== snapshot.model.checkpoint) {
      throw new Error(`snapshot position ${snapshot.position} differs from the model's checkpoint ${snapshot.model.checkpoint}`);
    }
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.tmp-${process.pid}-${++this.sequence}`;
    const file = await open(temp, 'w', 0o600);
    try {
      let buffer = encodeHeader(snapshot.model, snapshot.projectionVersion) + '\n';
      for (const line of encodeCases(snapshot.model)) {
        buffer += line + '\n';
        if (buffer.length >= FLUSH_BYTES) {
          await file.write(buffer);
          buffer = '';
        }
      }
      await file.write(buffer);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    await rename(temp, this.path);
    await syncDirectory(dirname(this.path));
  }

  async load(projectionVersion: number): Promise<SnapshotLoad> {
    const stream = createReadStream(this.path, { encoding: 'utf8' });
    try {
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      throw error;
    }
    const reader = createInterface({ input: stream, crlfDelay: Infinity });
    const lines = reader[Symbol.asyncIterator]();
    try {
      const first = await lines.next();
      if (first.done) return { status: 'unreadable', reason: 'empty file' };
      const header = ModelDecoder.parseHeader(first.value);
      if (header.projectionVersion !== projectionVersion) {
        return { status: 'stale', projectionVersion: header.projectionVersion, position: header.position };
      }
      const decoder = new ModelDecoder(header);
      for await (const line of lines) if (line !== '') decoder.addCase(line);
      const model = decoder.finish();
      return { status: 'ok', snapshot: { projectionVersion, position: model.checkpoint, model } };
    } catch (error) {
      return { status: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      reader.close();
      stream.destroy();
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; not every platform lets a directory be opened for sync.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
