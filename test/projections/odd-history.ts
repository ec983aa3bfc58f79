import { caseStreamId, toNewEvent } from '@fristvakt/case-recording';
import type { EventStore, NewEvent } from '@fristvakt/event-store';
import { generateEventLog } from '@fristvakt/generator';

/** A clock one second further on each call, from a fixed start: the same recordedAt on every run. */
export function steppingClock(from = Date.UTC(2025, 0, 1)): () => Date {
  let ms = from;
  return () => new Date((ms += 1000));
}

/**
 * A generated history (every event type, retractions included) with what a real log may also
 * hold: event ids that are not lowercase UUIDs (uppercase, another format; retractions naming them
 * by that spelling, some by an id that is not a UUID themselves), events of a stream that is not a case, a retraction of an unknown event, and
 * malformed events in existing cases (no occurredAt, an unknown type, an occurredAt that is no
 * date), none of them the log's last. Appended one event per append, in log order.
 */
export async function appendOddHistory(store: Pick<EventStore, 'append'>): Promise<number> {
  const versions = new Map<string, number>();
  const append = async (streamId: string, event: NewEvent) => {
    const expectedVersion = versions.get(streamId) ?? 0;
    versions.set(streamId, expectedVersion + 1);
    await store.append(streamId, [event], { expectedVersion, recordedBy: 'generator' });
  };
  const renamed = new Map<string, string>();
  let i = 0;
  for (const { caseId, event } of generateEventLog({ municipalities: ['0301', '4601'], years: 3, fromYear: 2023, scale: 0.15, seed: 5 })) {
    i++;
    const stored = toNewEvent(event);
    if (i % 53 === 7) renamed.set(stored.eventId, stored.eventId.toUpperCase());
    if (i % 71 === 11) renamed.set(stored.eventId, `evt-${i}`);
    if (i % 101 === 50) renamed.set(stored.eventId, stored.eventId.toUpperCase());
    const target = stored.data.retractedEventId;
    const data =
      typeof target === 'string' && renamed.has(target) ? { ...stored.data, retractedEventId: renamed.get(target) ?? target } : stored.data;
    const streamId = caseStreamId(caseId);
    await append(streamId, { ...stored, eventId: renamed.get(stored.eventId) ?? stored.eventId, data });
    if (i % 101 !== 50) continue;
    const odd = (type: string, metadata: NewEvent['metadata'], data: NewEvent['data'] = { planId: 'p1' }) =>
      append(streamId, { eventId: `odd-${i}-${type}`, type, data, metadata });
    await append(`other-${i}`, { eventId: `other-${i}`, type: 'Noted', data: {}, metadata: { occurredAt: event.occurredAt } });
    // every other one retracts the event just appended, by its uppercase id
    const retracted = i % 2 === 0 ? (renamed.get(stored.eventId) ?? stored.eventId) : 'no-such-event';
    await odd('EventRetracted', { occurredAt: event.occurredAt }, { retractedEventId: retracted, reason: 'duplicate' });
    if (i % 3 === 0) await odd('PlanEvaluated', { schemaVersion: 1 });
    else if (i % 3 === 1) await odd('CaseReopened', { occurredAt: event.occurredAt });
    else await odd('PlanEvaluated', { occurredAt: 'not-a-date' });
  }
  return i;
}
