import type { CaseEvent, RecordedCaseEvent } from '@fristvakt/domain';
import { caseStreamId, toNewEvent } from '@fristvakt/case-recording';
import type { EventStore } from '@fristvakt/event-store';

/** Appends case events to a store, one case stream each, as the case recorder would. */
export async function appendAll(store: EventStore, events: readonly (CaseEvent & { caseId: string })[]): Promise<void> {
  for (const event of events) {
    const streamId = caseStreamId(event.caseId);
    const expectedVersion = await store.streamVersion(streamId);
    await store.append(streamId, [toNewEvent(stripRecording(event))], { expectedVersion, recordedBy: 'test' });
  }
}

/** The client's event, without what the server added. */
export function stripRecording(event: CaseEvent | RecordedCaseEvent): CaseEvent {
  const { type, eventId, occurredAt, data } = event;
  return { type, eventId, occurredAt, data } as CaseEvent;
}
