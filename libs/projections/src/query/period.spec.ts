import { parsePeriod } from './period';
import { QueryParameterError } from './time-params';

describe('parsePeriod', () => {
  it.each([
    ['2024', '2024-01-01', '2024-12-31'],
    ['2024-H1', '2024-01-01', '2024-06-30'],
    ['2024-H2', '2024-07-01', '2024-12-31'],
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2024-Q3', '2024-07-01', '2024-09-30'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['2024-12', '2024-12-01', '2024-12-31'],
  ])('%s → %s..%s', (input, from, to) => {
    expect(parsePeriod(input)).toEqual({ from, to });
  });

  it('takes explicit inclusive dates', () => {
    expect(parsePeriod({ from: '2024-03-15', to: '2024-03-15' })).toEqual({ from: '2024-03-15', to: '2024-03-15' });
  });

  it.each(['2024-H3', '2024-Q5', '2024-13', '24', '2024-1', 'H1', ''])('rejects %j with a message naming the accepted forms', (input) => {
    expect(() => parsePeriod(input)).toThrow(QueryParameterError);
    expect(() => parsePeriod(input)).toThrow(/YYYY-H1/);
  });

  it('rejects a reversed or invalid range and a missing bound', () => {
    expect(() => parsePeriod({ from: '2024-05-01', to: '2024-04-30' })).toThrow(/before from/);
    expect(() => parsePeriod({ from: '2024-02-30', to: '2024-03-01' })).toThrow(/from/);
    expect(() => parsePeriod({ from: '2024-02-01' })).toThrow(/to/);
  });
});
