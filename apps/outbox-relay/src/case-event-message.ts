import type { RecordedCaseEvent } from '@fristvakt/domain';
import type { OutgoingMessage } from '@fristvakt/messaging';
import { cloudEventTime } from './cloud-event-time';

export const CE_SOURCE_PREFIX = '/fristvakt/municipalities/';

/**
 * One recorded event as a `fristvakt.case-events.v1` message: key = caseId (one partition per case,
 * so its order holds), value = the event with its server metadata, CloudEvents 1.0 binary-mode headers.
 */
export function caseEventMessage(event: RecordedCaseEvent, municipality: string): OutgoingMessage & { value: Buffer } {
  return {
    key: event.caseId,
    // A RecordedCaseEvent is exactly { ...event, recordedAt, recordedBy, caseId, version, position, schemaVersion }.
    value: Buffer.from(JSON.stringify(event)),
    headers: {
      ce_specversion: '1.0',
      // The eventId, so a consumer de-duplicates a resend (at least once) by ce_id.
      ce_id: event.eventId,
      ce_source: CE_SOURCE_PREFIX + municipality,
      ce_type: `no.fristvakt.case.${event.type}.v${event.schemaVersion}`,
      ce_time: cloudEventTime(event.occurredAt),
      ce_subject: event.caseId,
      // CloudEvents partitioning extension: the key a broker-neutral consumer or bridge partitions by
      ce_partitionkey: event.caseId,
      'content-type': 'application/json',
    },
  };
}
