import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { loadBatchTransform } from '../event-store.port';
import { rawToStoredEvent, STORED_ROW_COLUMNS, type RawStoredRow } from '../shared/stored-row';
import type { FromReader, ReaderThreadSettings } from './reader-protocol';

/**
 * A reader thread of a SQLite store (see read-ahead.ts): reads the log to its head on a read-only
 * connection of its own (WAL: it never blocks appends) and sends it on in batches, at most `ahead`
 * batches before its caller took them, each as what the caller's transform makes of `readAll`'s
 * events (loaded here, by its module's path: see `BatchTransform`).
 */
if (!parentPort) throw new Error('reader-thread.ts runs as a worker thread of a SqliteEventStore');
const port = parentPort;
const settings = workerData as ReaderThreadSettings;
const db = new Database(settings.path, { readonly: true, fileMustExist: true, timeout: settings.busyTimeoutMs });
const SELECT_PAGE = `SELECT ${STORED_ROW_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`;

const read = db.prepare<[number, number], RawStoredRow>(SELECT_PAGE).raw();
const turn = loadBatchTransform(settings.transform)();

/** Reads the batch after `after` and posts what the transform makes of it; its last position, or null at the head. */
function sendBatch(after: number): number | null {
  const events = read.all(after, settings.batchSize).map(rawToStoredEvent);
  if (events.length === 0) return null;
  const { value, transfer } = turn(events);
  const lastPosition = events[events.length - 1].position;
  port.postMessage({ kind: 'transformed', value, count: events.length, lastPosition } satisfies FromReader, transfer ?? []);
  return lastPosition;
}

let after = settings.afterPosition;
let credit = settings.ahead;
let ended = false;

function pump(): void {
  try {
    while (credit > 0 && !ended) {
      const last = sendBatch(after);
      if (last === null) {
        ended = true;
        db.close();
        port.postMessage({ kind: 'end' } satisfies FromReader);
        return;
      }
      after = last;
      credit--;
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
