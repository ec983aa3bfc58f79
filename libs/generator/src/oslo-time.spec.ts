import { formatOslo, osloInstant } from './oslo-time';

describe('Oslo wall-clock times', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(formatOslo(osloInstant('2024-01-15', 9 * 60))).toBe('2024-01-15T09:00:00+01:00');
    expect(formatOslo(osloInstant('2024-07-15', 9 * 60))).toBe('2024-07-15T09:00:00+02:00');
  });

  it('switches on the last Sunday of March and of October', () => {
    expect(formatOslo(osloInstant('2024-03-31', 60 + 30))).toBe('2024-03-31T01:30:00+01:00');
    expect(formatOslo(osloInstant('2024-03-31', 3 * 60 + 30))).toBe('2024-03-31T03:30:00+02:00');
    expect(formatOslo(osloInstant('2024-10-27', 60 + 30))).toBe('2024-10-27T01:30:00+02:00');
    expect(formatOslo(osloInstant('2024-10-27', 3 * 60 + 30))).toBe('2024-10-27T03:30:00+01:00');
  });

  it('moves a time in the spring gap one hour on and reads an autumn double hour as summer time', () => {
    expect(formatOslo(osloInstant('2024-03-31', 2 * 60 + 15))).toBe('2024-03-31T03:15:00+02:00');
    expect(formatOslo(osloInstant('2024-10-27', 2 * 60 + 15))).toBe('2024-10-27T02:15:00+02:00');
  });

  it('round-trips the instant', () => {
    const ms = osloInstant('2023-11-23', 14 * 60 + 5);
    expect(Date.parse(formatOslo(ms))).toBe(ms);
    expect(new Date(ms).toISOString()).toBe('2023-11-23T13:05:00.000Z');
  });
});
