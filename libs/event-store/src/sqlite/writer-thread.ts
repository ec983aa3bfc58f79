import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from './connection';
import { GroupCommitter, type GroupOutcome } from './group-commit';
import { unitStats } from './append-writer';
import { createAppender, type AppendOutcome } from './sqlite-appender';
import { decodeJobs, serializeOutcome, type FromWriter, type ToWriter, type WriterThreadSettings } from './writer-protocol';

/**
 * The writer thread of a SQLite store (see thread-writer.ts): owns the store's writing connection and
 * commits the appends it is sent in groups, so COMMIT's fsync waits here and not on the event loop
 * that serves requests.
 */
if (!parentPort) throw new Error('writer-thread.ts runs as a worker thread of a SqliteEventStore');
const port = parentPort;
const settings = workerData as WriterThreadSettings;
const db = openConnection(settings.path, settings.busyTimeoutMs);
const appender = createAppender(db);

let settled: Extract<FromWriter, { kind: 'settled' }>['entries'] = [];
const committer = new GroupCommitter<AppendOutcome | Array<GroupOutcome<AppendOutcome>>>(
  db,
  settings.limits,
  (outcomes) => settled.push({ group: unitStats(outcomes) }),
  () => {
    // One message per group: its stats (when it committed), then every job's outcome in order.
    const message: FromWriter = { kind: 'settled', entries: settled };
    settled = [];
    port.postMessage(message);
  },
  appender.groupStarted,
);

port.on('message', (message: ToWriter) => {
  if (message.kind === 'close') {
    committer.close();
    db.close();
    port.postMessage({ kind: 'closed' } satisfies FromWriter);
    port.close();
    return;
  }
  if (message.kind === 'append-many') {
    const jobs = decodeJobs(message.jobs).map(({ job }) => job);
    committer.enqueue(
      jobs.reduce((sum, job) => sum + job.batch.length, 0),
      () => appender.appendMany(jobs),
      (outcome) =>
        settled.push(
          outcome.ok
            ? { id: message.id, many: (outcome.value as Array<GroupOutcome<AppendOutcome>>).map(serializeOutcome) }
            : { id: message.id, outcome: serializeOutcome(outcome) },
        ),
    );
    return;
  }
  for (const { id, job } of decodeJobs(message.jobs)) {
    committer.enqueue(
      job.batch.length,
      () => appender.append(job),
      (outcome) => settled.push({ id, outcome: serializeOutcome(outcome as GroupOutcome<AppendOutcome>) }),
    );
  }
});
