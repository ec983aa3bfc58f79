import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { STORED_ROW_COLUMNS } from '../shared/stored-row';
import { encodeBatch, type FromReader, type RawStoredRow, type ReaderThreadSettings } from './reader-protocol';

/**
 * A reader thread of a SQLite store (see read-ahead.ts): reads the log to its head on a read-only
 * connection of its own (WAL: it never blocks appends) and sends it on in batches, at most `ahead`
 * batches before its caller took them.
 */
if (!parentPort) throw new Error('reader-thread.ts runs as a worker thread of a SqliteEventStore');
const port = parentPort;
const settings = workerData as ReaderThreadSettings;
const db = new Database(settings.path, { readonly: true, fileMustExist: true, timeout: settings.busyTimeoutMs });
const read = db
  .prepare<[number, number], RawStoredRow>(`SELECT ${STORED_ROW_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
  .raw();

let after = settings.afterPosition;
let credit = settings.ahead;
let ended = false;
const streamOrdinals = new Map<string, number>();

function pump(): void {
  try {
    while (credit > 0 && !ended) {
      const rows = read.all(after, settings.batchSize);
      if (rows.length === 0) {
        ended = true;
        db.close();
        port.postMessage({ kind: 'end' } satisfies FromReader);
        return;
      }
      after = rows[rows.length - 1][0];
      credit--;
      const batch = encodeBatch(rows, streamOrdinals);
      port.postMessage(batch, [
        batch.numbers.buffer as ArrayBuffer,
        batch.streams.buffer as ArrayBuffer,
        batch.instants.buffer as ArrayBuffer,
      ]);
    }
  } catch (error) {
    ended = true;
    port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FromReader);
  }
}

port.on('message', () => {
  credit++;
  pump();
});
pump();
