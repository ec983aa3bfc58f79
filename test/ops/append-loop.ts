/**
 * Child process for the backup test: appends batches of 1-5 events to a SQLite store as fast as
 * it can (4 appends in flight, so group commits are real), and prints one JSON line per
 * acknowledged batch. Stops on SIGTERM after its in-flight appends settle.
 *   tsx test/ops/append-loop.ts <store file>
 */
import { SqliteEventStore } from '@fristvakt/event-store';

const store = new SqliteEventStore({ path: process.argv[2] });
let stopping = false;
process.on('SIGTERM', () => (stopping = true));

async function writer(lane: number): Promise<void> {
  for (let batch = 0; !stopping; batch++) {
    const streamId = `lane-${lane}-case-${batch % 50}`;
    const version = await store.streamVersion(streamId);
    const size = 1 + (batch % 5);
    const events = Array.from({ length: size }, (_, i) => ({
      eventId: `l${lane}-b${batch}-e${i}`,
      type: 'Noted',
      data: { lane, batch, i, padding: 'x'.repeat(200) },
      metadata: {},
    }));
    const result = await store.append(streamId, events, { expectedVersion: version, recordedBy: 'append-loop' });
    process.stdout.write(
      `${JSON.stringify({ streamId, positions: result.events.map((e) => e.position), eventIds: result.events.map((e) => e.eventId) })}\n`,
    );
  }
}

Promise.all([0, 1, 2, 3].map(writer))
  .then(() => store.close())
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
