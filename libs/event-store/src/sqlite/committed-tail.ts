import type { StoredEvent } from '../event-store.port';
import { toStoredEvent, type StoredRow } from '../shared/stored-row';
import type { AppendJob, WrittenRun } from './sqlite-appender';

/** Enough for followers that keep up; one that falls further behind reads the file. */
const DEFAULT_CAPACITY = 4_096;

/**
 * The events this store committed most recently, kept as the rows it wrote, so followers in this
 * process need not read back what it just wrote. That read is dear: every commit by the writer's
 * connection empties the page cache of the reading connection. Committed positions never change,
 * so a run found here is exactly what the file holds; positions written by other processes are not
 * here, and reading them falls back to the file.
 */
export class CommittedTail {
  /** a ring by position: a slot holds the latest row written to it, so older positions fall out by themselves */
  private readonly rows: Array<StoredRow | undefined>;
  /** the highest position this store committed; 0 before its first append */
  lastPosition = 0;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {
    this.rows = new Array<StoredRow | undefined>(capacity);
  }

  /** The rows of an append that wrote: its job, and where its last event went. */
  add(job: AppendJob, written: WrittenRun): void {
    const first = written.position - job.batch.length + 1;
    const firstVersion = written.version - job.batch.length + 1;
    job.batch.forEach((event, index) => {
      const position = first + index;
      this.rows[position % this.capacity] = {
        position,
        streamId: job.streamId,
        version: firstVersion + index,
        eventId: event.eventId,
        type: event.type,
        // the text as stored, so every read parses its own objects, as a read of the file would
        data: event.data,
        metadata: event.metadata,
        recordedAt: job.recordedAt,
        recordedBy: job.recordedBy,
        hash: written.hashes[index] ?? null,
      };
    });
    this.lastPosition = Math.max(this.lastPosition, written.position);
  }

  /** The run of events after `afterPosition` held here (at most `limit`), or undefined if the next one is not. */
  read(afterPosition: number, limit: number): StoredEvent[] | undefined {
    const events: StoredEvent[] = [];
    for (let position = afterPosition + 1; events.length < limit; position++) {
      const row = this.rows[position % this.capacity];
      if (row?.position !== position) break;
      events.push(toStoredEvent(row));
    }
    return events.length > 0 ? events : undefined;
  }
}
