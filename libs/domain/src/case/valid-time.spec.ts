import fc from 'fast-check';
import { osloDateOfInstant } from '../deadlines';
import { CLOCK_SKEW_MS, EARLIEST_DATE, validTimeProblem } from './valid-time';

const NOW_MS = Date.parse('2024-06-15T12:00:00Z');
const instant = fc.integer({ min: Date.parse('1993-01-02T00:00:00Z'), max: NOW_MS + 10 * 86_400_000 });

describe('validTimeProblem', () => {
  it('given an instant, then it is in the future exactly when it is beyond the clock skew', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const problem = validTimeProblem(new Date(ms).toISOString(), NOW_MS);
        expect(problem).toEqual(ms > NOW_MS + CLOCK_SKEW_MS ? { kind: 'in_future', plainDate: false } : null);
      }),
    );
  });

  it("given a plain date, then it is in the future exactly when it is after today's Oslo date", () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const date = new Date(ms).toISOString().slice(0, 10);
        const problem = validTimeProblem(date, NOW_MS);
        expect(problem).toEqual(date > osloDateOfInstant(NOW_MS) ? { kind: 'in_future', plainDate: true } : null);
      }),
    );
  });

  it('given a date before the earliest, then that is the problem, with or without a clock', () => {
    expect(validTimeProblem('1992-12-31', NOW_MS)).toEqual({ kind: 'before_earliest' });
    expect(validTimeProblem('1992-12-31T12:00:00Z', null)).toEqual({ kind: 'before_earliest' });
    expect(validTimeProblem(EARLIEST_DATE, NOW_MS)).toBeNull();
  });

  it('given no clock, then nothing is in the future', () => {
    expect(validTimeProblem('2999-01-01', null)).toBeNull();
  });

  it('given text that is no occurredAt, then it says why', () => {
    expect(validTimeProblem('2024-02-30', NOW_MS)).toMatchObject({ kind: 'invalid', reason: expect.any(String) });
  });
});
