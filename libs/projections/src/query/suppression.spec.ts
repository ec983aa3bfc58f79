import { complementarySuppression, suppressSmallCounts } from './suppression';

const summary = (n: number) => ({ n, median: 3, p90: 6, mean: 3.5 });

describe('complementarySuppression', () => {
  const values = new Map([
    ['total', 20],
    ['a', 2],
    ['b', 11],
    ['c', 7],
    ['zero', 0],
  ]);

  it('given one hidden part, when the others would give it back, then hides the smallest non-zero visible part with it', () => {
    const hidden = complementarySuppression(values, new Set(['a']), [{ total: 'total', parts: ['a', 'b', 'c', 'zero'] }]);
    expect([...hidden].sort()).toEqual(['a', 'c']);
  });

  it('given a hidden part whose siblings are all zero, then hides the total instead', () => {
    const hidden = complementarySuppression(
      new Map([
        ['t', 3],
        ['p', 3],
        ['q', 0],
      ]),
      new Set(['p']),
      [{ total: 't', parts: ['p', 'q'] }],
    );
    expect([...hidden].sort()).toEqual(['p', 't']);
  });

  it('given a hidden total, then hides a part as well', () => {
    const hidden = complementarySuppression(values, new Set(['total']), [{ total: 'total', parts: ['a', 'b', 'c'] }]);
    expect([...hidden].sort()).toEqual(['a', 'total']);
  });

  it('given two hidden cells in a sum, then leaves it as it is', () => {
    const hidden = complementarySuppression(values, new Set(['a', 'c']), [{ total: 'total', parts: ['a', 'b', 'c'] }]);
    expect([...hidden].sort()).toEqual(['a', 'c']);
  });

  it('given sums that share cells, then repeats until none gives a hidden cell back', () => {
    const cells = new Map([
      ['t', 12],
      ['a', 5],
      ['b', 7],
      ['c', 2],
      ['d', 10],
      ['e', 5],
    ]);
    const relations = [
      { total: 't', parts: ['a', 'b'] },
      { total: 't', parts: ['c', 'd'] },
      { total: 'b', parts: ['c', 'e'] },
    ];
    const hidden = complementarySuppression(cells, new Set(['c']), relations);
    // c takes d (t = c + d) and e (b = c + e) with it; t = a + b has nothing hidden, so it stays whole.
    expect([...hidden].sort()).toEqual(['c', 'd', 'e']);
    for (const { total, parts } of relations) expect([total, ...parts].filter((cell) => hidden.has(cell)).length).not.toBe(1);
  });
});

describe('suppressSmallCounts with sums', () => {
  it('given late = 2 of 10 reviews, when suppressed, then on-time goes too, and so does the share built on it', () => {
    const answer = { reviews: { concluded: 10, onTime: 8, late: 2, onTimeShare: 0.8, durationDays: summary(10) } };
    const out = suppressSmallCounts(
      answer,
      { 'reviews.onTimeShare': ['reviews.onTime', 'reviews.concluded'] },
      { relations: [{ total: 'reviews.concluded', parts: ['reviews.onTime', 'reviews.late'] }] },
    );
    expect(out.reviews).toEqual({ concluded: 10, onTime: null, late: null, onTimeShare: null, durationDays: summary(10) });
    expect(out.suppressed).toEqual(['reviews.late', 'reviews.onTime', 'reviews.onTimeShare']);
    expect(answer.reviews.onTime).toBe(8); // the input is left alone
  });

  it('given a record by code with dots in its keys, then its figures are the parts of the total', () => {
    const answer = { placements: { started: 14, byCategory: { '2.1': 3, '2.2': 6, '4.1': 5 } } };
    const out = suppressSmallCounts(answer, {}, { relations: [{ total: 'placements.started', parts: ['placements.byCategory.*'] }] });
    expect(out.placements).toEqual({ started: 14, byCategory: { '2.1': null, '2.2': 6, '4.1': null } });
    expect(out.suppressed).toEqual(['placements.byCategory.2.1', 'placements.byCategory.4.1']);
  });

  it('given a part that names codes by their start, then only those codes are parts', () => {
    const answer = { placements: { fosterHomeStarted: 9, byCategory: { '2.1': 3, '2.2': 6, '4.1': 2 } } };
    const out = suppressSmallCounts(
      answer,
      {},
      { relations: [{ total: 'placements.fosterHomeStarted', parts: ['placements.byCategory.2.*'] }] },
    );
    // 2.1 and 4.1 are small; 2.2 goes with 2.1, since foster homes − 2.1 would give it back.
    expect(out.placements).toEqual({ fosterHomeStarted: 9, byCategory: { '2.1': null, '2.2': null, '4.1': null } });
    expect(out.suppressed).toEqual(['placements.byCategory.2.1', 'placements.byCategory.4.1', 'placements.byCategory.2.2']);
  });

  it('given a total hidden by the sums, then a summary counting the same events is hidden whole', () => {
    const answer = { x: { all: 9, closed: 7, other: 2, durationDays: summary(7) } };
    const out = suppressSmallCounts(
      answer,
      {},
      {
        relations: [
          { total: 'x.all', parts: ['x.closed', 'x.other'] },
          { total: 'x.closed', parts: ['x.durationDays'] },
        ],
      },
    );
    // other is small → closed goes with it → the summary's n would give closed back.
    expect(out.x).toEqual({ all: 9, closed: null, other: null, durationDays: { n: null, median: null, p90: null, mean: null } });
    expect(out.suppressed).toEqual(['x.other', 'x.closed', 'x.durationDays']);
  });
});
