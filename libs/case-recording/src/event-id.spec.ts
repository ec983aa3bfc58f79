import { cleanEventId, eventIdProblem } from './event-id';
import { containsNationalIdentityNumber } from './national-identity-number';
import { validateRecordRequest } from './validate-record-request';

/** A random-looking UUID that the eventId test accepts but whose digit runs across hyphens spell 242-4527-9414 (a valid number). */
const READS_AS_NUMBER_IN_A_VALUE = 'b273b401-e242-4527-9414-4322dd4136c1';
const CLEAN = '3f2a9c4e-7b1d-4e8a-9c3b-5d6e7f8a9b0c';

describe('eventIds chosen by Fristvakt (server-assigned, generated)', () => {
  it('given a UUID accepted as an eventId whose digits read as an identity number in a value then retracting it would be refused', () => {
    expect(eventIdProblem(READS_AS_NUMBER_IN_A_VALUE)).toBeUndefined();
    expect(containsNationalIdentityNumber(READS_AS_NUMBER_IN_A_VALUE)).toBe(true);
    const retraction = (retractedEventId: string) =>
      validateRecordRequest(
        {
          expectedVersion: 1,
          events: [{ type: 'EventRetracted', occurredAt: '2024-01-02', data: { retractedEventId, reason: 'duplicate' } }],
        },
        { now: new Date('2024-06-01T00:00:00Z') },
      );
    expect(retraction(READS_AS_NUMBER_IN_A_VALUE)).toMatchObject({ ok: false, problems: [{ pointer: '/events/0/data/retractedEventId' }] });
    expect(retraction(CLEAN).ok).toBe(true);
  });

  it('given such a UUID drawn first when choosing an eventId then it is drawn again', () => {
    const drawn = [READS_AS_NUMBER_IN_A_VALUE, CLEAN];
    const next = cleanEventId(() => drawn.shift()!);
    expect(next()).toBe(CLEAN);
    expect(drawn).toEqual([]);
  });

  it('given a clean UUID when choosing then it is kept', () => {
    expect(cleanEventId(() => CLEAN)()).toBe(CLEAN);
  });
});
