import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, SQLITE_STORE_FILE, type NewEvent } from '@fristvakt/event-store';

export const STORE_FILE = SQLITE_STORE_FILE;

let counter = 0;
export function newEvent(data: Record<string, unknown> = {}): NewEvent {
  counter += 1;
  return {
    eventId: `ev-${counter}`,
    type: 'NotificationReceived',
    data: { notificationId: `n${counter}`, municipality: '3201', reporters: ['11'], note: 'æøå', ...data },
    metadata: { occurredAt: '2024-03-01', schemaVersion: 1 },
  } as NewEvent;
}

/** A store file with `count` events over several streams, appended concurrently so groups commit together. */
export async function writeLog(dir: string, count: number, clock?: () => Date): Promise<string> {
  const file = join(dir, STORE_FILE);
  const store = new SqliteEventStore({ path: file, clock });
  try {
    await appendMore(store, count);
  } finally {
    await store.close();
  }
  return file;
}

export async function appendMore(store: SqliteEventStore, count: number): Promise<void> {
  const streams = 7;
  const pending: Array<Promise<unknown>> = [];
  for (let s = 0; s < streams; s++) {
    const streamId = `case-s${s}-${counter}`;
    const share = Math.floor(count / streams) + (s < count % streams ? 1 : 0);
    if (share === 0) continue;
    pending.push(
      (async () => {
        let version = 0;
        while (version < share) {
          const size = Math.min(1 + (version % 3), share - version);
          await store.append(
            streamId,
            Array.from({ length: size }, () => newEvent()),
            { expectedVersion: version, recordedBy: 'intake-1' },
          );
          version += size;
        }
      })(),
    );
  }
  await Promise.all(pending);
}

/** Runs SQL against a copy of the file (the way someone with disk access would tamper with it). */
export function tamperedCopy(file: string, name: string, sql: string): string {
  const copy = join(file, '..', `${name}.sqlite`);
  copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  return copy;
}
