import type { CaseEvent } from '@fristvakt/domain';
import type { StoredEvent } from '@fristvakt/event-store';
import { caseIdOfStream, caseStreamId, toNewEvent, toRecordedCaseEvent } from './case-event-codec';

const received: CaseEvent = {
  eventId: '0b9f4a3e-2b7c-4d8e-9f10-1a2b3c4d5e6f',
  type: 'NotificationReceived',
  occurredAt: '2024-03-01T10:15:00+01:00',
  data: { notificationId: 'n1', municipality: '3201', reporters: ['11'], childBirthYear: 2014 },
};

describe('case event codec', () => {
  it('names case streams and reads the case id back', () => {
    expect(caseStreamId('c-123')).toBe('case-c-123');
    expect(caseIdOfStream('case-c-123')).toBe('c-123');
    expect(caseIdOfStream('other-1')).toBeUndefined();
    expect(caseIdOfStream('case-')).toBeUndefined();
  });

  it('puts occurredAt and the schema version in metadata', () => {
    expect(toNewEvent(received)).toEqual({
      eventId: received.eventId,
      type: 'NotificationReceived',
      data: received.data,
      metadata: { occurredAt: '2024-03-01T10:15:00+01:00', schemaVersion: 1 },
    });
  });

  it('drops undefined optional fields so a resend compares equal to what was stored', () => {
    const event = { ...received, data: { ...received.data, acute: undefined } } as CaseEvent;
    expect(Object.keys(toNewEvent(event).data)).not.toContain('acute');
  });

  it('round-trips through a stored event with server metadata', () => {
    const stored: StoredEvent = {
      ...toNewEvent(received),
      streamId: 'case-c-123',
      version: 1,
      position: 42,
      recordedAt: '2024-03-01T09:20:00.000Z',
      recordedBy: 'intake-1',
    };
    expect(toRecordedCaseEvent(stored)).toEqual({
      ...received,
      caseId: 'c-123',
      version: 1,
      position: 42,
      recordedAt: '2024-03-01T09:20:00.000Z',
      recordedBy: 'intake-1',
      schemaVersion: 1,
    });
  });

  it('refuses a stored event that is not from a case stream', () => {
    const stored = { ...toNewEvent(received), streamId: 'x-1', version: 1, position: 1, recordedAt: '', recordedBy: '' };
    expect(() => toRecordedCaseEvent(stored)).toThrow(/not a case stream/);
  });
});
