import { roundForPresentation } from './presentation';

describe('roundForPresentation', () => {
  it('rounds shares to 3 decimals and means to 1, leaving counts, nulls and strings alone', () => {
    const answer = {
      period: { from: '2024-01-01', to: '2024-06-30' },
      reviews: { concluded: 3, onTimeShare: 2 / 3, lateShare: null, durationDays: { n: 3, median: 4.5, p90: 7, mean: 13 / 3 } },
      items: [{ toInvestigationShare: 0.12345 }],
    };
    expect(roundForPresentation(answer)).toEqual({
      period: { from: '2024-01-01', to: '2024-06-30' },
      reviews: { concluded: 3, onTimeShare: 0.667, lateShare: null, durationDays: { n: 3, median: 4.5, p90: 7, mean: 4.3 } },
      items: [{ toInvestigationShare: 0.123 }],
    });
  });
});
