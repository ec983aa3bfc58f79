import { received, RecordedLog, retract } from '@fristvakt/domain/testing';
import { caseTimeline } from './timeline';

const log = new RecordedLog();
const by = { recordedBy: 'intake-1' };
log.add('c1', received('n1', '2024-03-01'), { recordedAt: '2024-03-11T08:00:00.000Z', ...by });
log.add('c1', retract('e1', '2024-03-12T09:00:00+01:00', { reason: 'duplicate' }), { recordedAt: '2024-03-12T08:30:00.000Z', ...by });
const events = log.events;

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
