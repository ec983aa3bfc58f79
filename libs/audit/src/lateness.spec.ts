import { latenessOf } from './lateness';

describe('latenessOf', () => {
  it('measures an instant by the hour and in whole days', () => {
    expect(latenessOf('2024-03-01T10:00:00+01:00', '2024-03-04T12:30:00.000Z')).toEqual({ days: 3, hours: 75 });
    expect(latenessOf('2024-03-01T10:00:00Z', '2024-03-01T20:00:00.000Z')).toEqual({ days: 0, hours: 10 });
  });

  it('measures a plain date in Oslo calendar days, hours unknown', () => {
    // 23:30 UTC on 31 March is 1 April in Oslo (summer time)
    expect(latenessOf('2024-03-20', '2024-03-31T23:30:00.000Z')).toEqual({ days: 12, hours: null });
    expect(latenessOf('2024-03-20', '2024-03-20T08:00:00.000Z')).toEqual({ days: 0, hours: null });
  });
});
