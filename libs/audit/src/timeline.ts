import type { RecordedCaseEvent } from '@fristvakt/domain';
import { latenessOf, type Lateness } from './lateness';

export type TimelineEntry = RecordedCaseEvent & {
  /** valid time: when it happened */
  validTime: string;
  /** transaction time: when it was recorded */
  recordedTime: string;
  /** null unless a later event retracted it */
  retracted: { byEventId: string; recordedAt: string; reason: string } | null;
  /** recordedTime − validTime */
  lateness: Lateness;
};

/** A case's stream for auditors: both times, who recorded, lateness and retraction of every event. */
export function caseTimeline(events: readonly RecordedCaseEvent[]): TimelineEntry[] {
  const retractions = new Map<string, RecordedCaseEvent & { type: 'EventRetracted' }>();
  for (const event of events) {
    if (event.type === 'EventRetracted' && !retractions.has(event.data.retractedEventId))
      retractions.set(event.data.retractedEventId, event);
  }
  return events.map((event) => {
    const retraction = retractions.get(event.eventId);
    return {
      ...event,
      validTime: event.occurredAt,
      recordedTime: event.recordedAt,
      retracted: retraction ? { byEventId: retraction.eventId, recordedAt: retraction.recordedAt, reason: retraction.data.reason } : null,
      lateness: latenessOf(event.occurredAt, event.recordedAt),
    };
  });
}
