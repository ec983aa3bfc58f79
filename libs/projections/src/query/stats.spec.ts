import { share, summarise } from './stats';

describe('stats', () => {
  it('median is the middle value or the mean of the two middle values; p90 is nearest-rank', () => {
    expect(summarise([5, 1, 3])).toEqual({ n: 3, median: 3, p90: 5, mean: 3 });
    expect(summarise([1, 2, 3, 4])).toMatchObject({ median: 2.5, p90: 4 });
    expect(summarise(Array.from({ length: 20 }, (_, i) => i + 1))).toMatchObject({ median: 10.5, p90: 18 });
    expect(summarise([])).toEqual({ n: 0, median: null, p90: null, mean: null });
  });

  it('share is a full-precision fraction, null for an empty denominator', () => {
    expect(share(1, 3)).toBe(1 / 3);
    expect(share(0, 0)).toBeNull();
  });
});
