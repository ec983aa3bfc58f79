import fc from 'fast-check';
import { parseInstant } from './instant';

describe('parseInstant', () => {
  it('is Date.parse for toISOString spellings', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const s = new Date(ms).toISOString();
        expect(parseInstant(s)).toBe(Date.parse(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('is Date.parse for other and malformed spellings', () => {
    for (const s of [
      '2021-02-30T00:00:00.000Z',
      '2021-02-31T10:00:00.000Z',
      '2021-02-32T00:00:00.000Z',
      '2021-01-01T24:00:00.000Z',
      '2021-01-01T23:60:00.000Z',
      '2021-01-01T23:59:60.000Z',
      '2021-13-01T00:00:00.000Z',
      '2021-00-01T00:00:00.000Z',
      '2021-01-00T00:00:00.000Z',
      '2021-01-01T00:00:00.000+01:00',
      '2021-01-01T00:00:00Z',
      '2021-01-01T00:00:00.00xZ',
      '2021-01-01 00:00:00.000Z',
      '+02021-01-01T00:00:00.000Z',
      '2021-01-01',
      '',
      'not a date at all, 24 ch',
    ]) {
      expect([s, parseInstant(s)]).toEqual([s, Date.parse(s)]);
    }
  });
});
