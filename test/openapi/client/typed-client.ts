/*
 * What an integrator writes against the client types `openapi-typescript` generates from the
 * served document (./api.d.ts, written next to this file in a temp dir by
 * test/openapi/openapi-tools.test.ts, which then runs `tsc --noEmit` over both). It must compile:
 * if the document lost the `type` discriminator of recorded events, or answers without schemas,
 * the narrowing and the `@ts-expect-error` lines below stop compiling.
 */
import type { components, paths } from './api';

type RecordRequest = components['schemas']['RecordRequest'];
type RecordResult = paths['/v1/cases/{caseId}/events']['post']['responses'][201]['content']['application/json'];
type CaseEvents = components['schemas']['CaseEvents'];
type RecordedCaseEvent = components['schemas']['RecordedCaseEvent'];
type Compliance = paths['/v1/compliance']['get']['responses'][200]['content']['application/json'];
type ComplianceQuery = NonNullable<paths['/v1/compliance']['get']['parameters']['query']>;

export async function recordCase(api: string, token: string, caseId: string): Promise<RecordResult> {
  const body: RecordRequest = {
    expectedVersion: 0,
    events: [
      {
        type: 'NotificationReceived',
        occurredAt: '2024-01-31T10:15:00+01:00',
        data: { notificationId: 'n1', municipality: '3201', reporters: ['11'], childBirthYear: 2014 },
      },
      { type: 'InvestigationOpened', occurredAt: '2024-02-02', data: { investigationId: 'u1', notificationId: 'n1' } },
    ],
  };
  const res = await fetch(`${api}/v1/cases/${caseId}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as RecordResult;
}

/** Narrowing on `type`: each branch sees exactly its event's data. */
export function describeEvent(event: RecordedCaseEvent): string {
  switch (event.type) {
    case 'NotificationReceived':
      return `notification ${event.data.notificationId} in ${event.data.municipality} from ${event.data.reporters.join(', ')}`;
    case 'InvestigationOpened':
      // @ts-expect-error an investigation opening names no municipality: only NotificationReceived does
      void event.data.municipality;
      return `investigation ${event.data.investigationId} for ${event.data.notificationId}`;
    case 'InvestigationClosed':
      return `investigation ${event.data.investigationId} closed: ${event.data.outcome}`;
    default:
      return `${event.type} at position ${event.position}, recorded by ${event.recordedBy}`;
  }
}

export async function readHistory(api: string, token: string, caseId: string): Promise<string[]> {
  const res = await fetch(`${api}/v1/cases/${caseId}/events`, { headers: { authorization: `Bearer ${token}` } });
  const history = (await res.json()) as CaseEvents;
  return history.events.map(describeEvent);
}

export async function reviewShare(api: string, token: string): Promise<number | null> {
  const query: ComplianceQuery = { municipality: '3201', period: '2024-H1', method: 'legal' };
  // @ts-expect-error method is an enum: legal or statistical
  const wrong: ComplianceQuery = { method: 'fast' };
  void wrong;
  const res = await fetch(`${api}/v1/compliance?${new URLSearchParams(query as Record<string, string>)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const figures = (await res.json()) as Compliance;
  const position: number = figures.position;
  void position;
  const reviews = figures.reviews as { onTimeShare?: number | null };
  return reviews.onTimeShare ?? null;
}
