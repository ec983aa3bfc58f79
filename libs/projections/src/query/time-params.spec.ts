import { parseAsOf, parseKnownAt, QueryParameterError } from './time-params';

describe('time parameters', () => {
  it('knownAt: an instant as given, a plain date as the end of that Oslo day', () => {
    expect(parseKnownAt('2024-07-05T00:00:00Z')).toBe(Date.parse('2024-07-05T00:00:00Z'));
    expect(parseKnownAt('2024-07-05')).toBe(Date.parse('2024-07-05T22:00:00Z') - 1); // summer time
    expect(parseKnownAt('2024-01-05')).toBe(Date.parse('2024-01-05T23:00:00Z') - 1);
  });

  it('asOf: reduced to its Oslo date', () => {
    expect(parseAsOf('2024-06-30')).toMatchObject({ date: '2024-06-30' });
    expect(parseAsOf('2024-06-30T22:30:00Z')).toMatchObject({ date: '2024-07-01' });
  });

  it('rejects offset-less times and garbage, naming the parameter', () => {
    expect(() => parseKnownAt('2024-07-05T10:00')).toThrow(QueryParameterError);
    expect(() => parseAsOf('tomorrow')).toThrow(/^asOf:/);
  });
});
