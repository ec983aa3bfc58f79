import type { RecordedCaseEvent } from '@fristvakt/domain';
import { caseTimeline } from './timeline';

const base = { caseId: 'c1', recordedBy: 'intake-1', schemaVersion: 1 };
const events = [
  {
    ...base,
    eventId: 'e1',
    type: 'NotificationReceived',
    occurredAt: '2024-03-01',
    data: { notificationId: 'n1', municipality: '3201', reporters: ['11'] },
    version: 1,
    position: 1,
    recordedAt: '2024-03-11T08:00:00.000Z',
  },
  {
    ...base,
    eventId: 'e2',
    type: 'EventRetracted',
    occurredAt: '2024-03-12T09:00:00+01:00',
    data: { retractedEventId: 'e1', reason: 'duplicate' },
    version: 2,
    position: 2,
    recordedAt: '2024-03-12T08:30:00.000Z',
  },
] as RecordedCaseEvent[];

describe('caseTimeline', () => {
  it('shows both times, lateness, and which event retracted which', () => {
    const [first, second] = caseTimeline(events);
    expect(first).toMatchObject({
      validTime: '2024-03-01',
      recordedTime: '2024-03-11T08:00:00.000Z',
      recordedBy: 'intake-1',
      retracted: { byEventId: 'e2', recordedAt: '2024-03-12T08:30:00.000Z', reason: 'duplicate' },
      lateness: { days: 10, hours: null },
    });
    expect(second).toMatchObject({ retracted: null, lateness: { days: 0, hours: 0 } });
  });
});
