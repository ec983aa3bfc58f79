/**
 * Turns events into `POST /v1/cases/{caseId}/events` bodies (CONTRACT.md §2): consecutive events of
 * one case recorded at the same moment travel together, as a caseworker's catch-up would.
 */
import type { CaseEvent } from '@fristvakt/domain';
import type { GeneratedCase, LogEntry } from './history';

/** the contract's limit on events per request */
export const MAX_EVENTS_PER_REQUEST = 100;

export interface EventRequest {
  caseId: string;
  recordedAt: string;
  body: { expectedVersion: number; events: CaseEvent[] };
}

/** From a global log; per-case versions are tracked so each body can carry `expectedVersion`. */
export function* logToRequests(entries: Iterable<LogEntry>): Generator<EventRequest> {
  const versions = new Map<string, number>();
  let pending: EventRequest | null = null;
  for (const { caseId, event, recordedAt } of entries) {
    if (pending && pending.caseId === caseId && pending.recordedAt === recordedAt && pending.body.events.length < MAX_EVENTS_PER_REQUEST) {
      pending.body.events.push(event);
    } else {
      if (pending) yield pending;
      pending = { caseId, recordedAt, body: { expectedVersion: versions.get(caseId) ?? 0, events: [event] } };
    }
    versions.set(caseId, (versions.get(caseId) ?? 0) + 1);
  }
  if (pending) yield pending;
}

export function caseToRequests(c: GeneratedCase): EventRequest[] {
  return [...logToRequests(c.events.map(({ event, recordedAt }) => ({ caseId: c.caseId, event, recordedAt })))];
}
