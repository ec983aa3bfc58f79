/**
 * Appends random batches to a SQLite event store until it is killed. Each batch is logged as an intent
 * before the append and as an ack (or conflict) after it, every line fsynced, so the crash test can tell
 * what the store promised from what was merely attempted. IN_FLIGHT lanes keep that many appends pending
 * at once, so the store group-commits them (and same-stream appends race inside a group); each lane logs
 * an ack only when its own append resolved.
 *
 * usage: node --import tsx test/event-store/crash-writer.ts <db> <log> <seed> <tag>
 */
import { fsyncSync, openSync, writeSync } from 'node:fs';
import { SqliteEventStore, VersionConflictError } from '@fristvakt/event-store';
import { randomInt, seededRandom } from './seeded-random';

export type WriterLogLine =
  | { kind: 'intent'; batch: string; streamId: string; eventIds: string[] }
  | { kind: 'ack'; batch: string; streamId: string; version: number; position: number }
  | { kind: 'conflict'; batch: string };

export const CRASH_STREAMS = ['case-1', 'case-2', 'case-3', 'case-4', 'case-5'];
export const IN_FLIGHT = 4;
export const WRITER_READY = 'ready';

async function main(): Promise<void> {
  const [dbPath, logPath, seedText, tag] = process.argv.slice(2);
  if (!dbPath || !logPath || !seedText || !tag) throw new Error('usage: crash-writer <db> <log> <seed> <tag>');
  const random = seededRandom(Number(seedText));
  const store = new SqliteEventStore({ path: dbPath });
  const log = openSync(logPath, 'a');
  const write = (line: WriterLogLine): void => {
    writeSync(log, `${JSON.stringify(line)}\n`);
    fsyncSync(log);
  };
  process.stdout.write(`${WRITER_READY}\n`);

  const versions = new Map<string, number>();
  let n = 0;
  const lane = async (): Promise<never> => {
    for (;;) {
      const streamId = CRASH_STREAMS[randomInt(random, 0, CRASH_STREAMS.length - 1)];
      const batch = `${tag}-b${(n += 1)}`;
      const eventIds = Array.from({ length: randomInt(random, 1, 50) }, (_, i) => `${batch}-e${i}`);
      const expectedVersion = versions.get(streamId) ?? (await store.streamVersion(streamId));
      write({ kind: 'intent', batch, streamId, eventIds });
      try {
        const result = await store.append(
          streamId,
          eventIds.map((eventId, i) => ({
            eventId,
            type: 'CrashTestEvent',
            data: { batch, i, pad: 'x'.repeat(randomInt(random, 0, 200)) },
            metadata: { tag },
          })),
          { expectedVersion, recordedBy: `writer:${tag}` },
        );
        versions.set(streamId, Math.max(result.version, versions.get(streamId) ?? 0));
        write({ kind: 'ack', batch, streamId, version: result.version, position: result.position });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        // Another writer (process or lane) got there first: a lost race is fine, it just must not leave a trace.
        versions.set(streamId, Math.max(error.actualVersion, versions.get(streamId) ?? 0));
        write({ kind: 'conflict', batch });
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
