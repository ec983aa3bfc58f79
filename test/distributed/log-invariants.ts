import type { EventStore, StoredEvent } from '@fristvakt/event-store';
import type { Acknowledged } from './concurrent-writers';

/** Every event in the log, oldest first. */
export async function readWholeLog(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after = 0; ;) {
    const batch = await store.readAll(after, 1_000);
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch[batch.length - 1].position;
  }
}

/**
 * What must hold after concurrent writers: each acknowledged event is stored exactly once, nothing
 * else was stored, positions increase, and every case stream counts 1, 2, 3, … without a gap.
 * Returns the problems found (empty when the log is sound), so a failure names all of them.
 */
export function logProblems(log: StoredEvent[], acknowledged: Acknowledged[]): string[] {
  const problems: string[] = [];
  const timesStored = new Map<string, number>();
  for (const event of log) timesStored.set(event.eventId, (timesStored.get(event.eventId) ?? 0) + 1);
  for (const [eventId, times] of timesStored) if (times > 1) problems.push(`event ${eventId} stored ${times} times`);

  const acknowledgedIds = new Set<string>();
  for (const ack of acknowledged) {
    for (const eventId of ack.eventIds) {
      if (acknowledgedIds.has(eventId)) problems.push(`event ${eventId} acknowledged twice`);
      acknowledgedIds.add(eventId);
      if (!timesStored.has(eventId)) problems.push(`event ${eventId} of ${ack.caseId} was acknowledged but is not stored`);
    }
  }
  for (const eventId of timesStored.keys())
    if (!acknowledgedIds.has(eventId)) problems.push(`event ${eventId} is stored but was never acknowledged`);

  for (let i = 1; i < log.length; i++) {
    if (log[i].position <= log[i - 1].position) problems.push(`position ${log[i].position} follows ${log[i - 1].position}`);
  }
  const versions = new Map<string, number>();
  for (const event of log) {
    const expected = (versions.get(event.streamId) ?? 0) + 1;
    if (event.version !== expected) problems.push(`${event.streamId}: version ${event.version} where ${expected} was due`);
    versions.set(event.streamId, event.version);
  }
  return problems;
}
