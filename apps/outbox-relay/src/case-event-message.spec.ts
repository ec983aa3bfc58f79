import type { RecordedCaseEvent } from '@fristvakt/domain';
import { caseEventMessage } from './case-event-message';
import { cloudEventTime } from './cloud-event-time';

const event: RecordedCaseEvent = {
  eventId: '3f0c6f2e-5a1b-4c7d-9e8f-0a1b2c3d4e5f',
  type: 'InvestigationOpened',
  occurredAt: '2024-02-02',
  data: { investigationId: 'u1', notificationId: 'n1' },
  caseId: 'c-1',
  version: 2,
  position: 17,
  recordedAt: '2024-02-02T09:00:00.000Z',
  recordedBy: 'intake-1',
  schemaVersion: 1,
};

describe('caseEventMessage', () => {
  it('keys by caseId, carries the recorded event and CloudEvents binary-mode headers', () => {
    const message = caseEventMessage(event, '3201');
    expect(message.key).toBe('c-1');
    expect(JSON.parse(message.value.toString())).toEqual(event);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_source: '/fristvakt/municipalities/3201',
      ce_type: 'no.fristvakt.case.InvestigationOpened.v1',
      ce_time: '2024-02-02T00:00:00+01:00',
      ce_subject: 'c-1',
      ce_partitionkey: 'c-1',
      'content-type': 'application/json',
    });
  });
});

describe('cloudEventTime', () => {
  it('keeps an instant as sent', () => {
    expect(cloudEventTime('2024-01-31T10:15:00+01:00')).toBe('2024-01-31T10:15:00+01:00');
    expect(cloudEventTime('2024-01-31T09:15:00Z')).toBe('2024-01-31T09:15:00Z');
  });

  it('turns a plain date into the start of that Oslo day, summer time and the switch days included', () => {
    expect(cloudEventTime('2024-01-15')).toBe('2024-01-15T00:00:00+01:00');
    expect(cloudEventTime('2024-07-01')).toBe('2024-07-01T00:00:00+02:00');
    // Clocks change at 02:00/03:00 local: midnight of the switch day still has the old offset.
    expect(cloudEventTime('2024-03-31')).toBe('2024-03-31T00:00:00+01:00');
    expect(cloudEventTime('2024-10-27')).toBe('2024-10-27T00:00:00+02:00');
  });
});
