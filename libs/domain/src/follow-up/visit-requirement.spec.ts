import { FOLLOW_UP_2021 } from '../deadlines/follow-up-rule-sets';
import { child, d, placement, reducedFrom, visits } from './follow-up.spec-helper';
import { visitRequirement } from './visit-requirement';

const rules = FOLLOW_UP_2021;
const H1 = [d('2024-01-01'), d('2024-06-30')] as const;
const H2 = [d('2024-07-01'), d('2024-12-31')] as const;
const YEAR = [d('2024-01-01'), d('2024-12-31')] as const;

const required = (c: Parameters<typeof visitRequirement>[0], [from, to]: readonly [number, number], kind: 'follow_up' | 'supervision' = 'follow_up') =>
  visitRequirement(c, kind, from, to, rules).required;

describe('visits required by the quarter formula (DOMAIN.md §7.3 worked examples)', () => {
  it('given a placement since 2019 at 4 a year, then 2024-H1 requires 2', () => {
    expect(required(child({ placements: [placement('p1', '2019-03-01')] }), H1)).toBe(2);
  });

  it('given a placement since 2019 reduced to 2 from 2022-03-01, then 2024-H1 requires 1', () => {
    const p = placement('p1', '2019-03-01', null, { frequencies: reducedFrom('2022-03-01') });
    expect(required(child({ placements: [p] }), H1)).toBe(1);
  });

  it('given a new placement on 2024-05-15, then the first year asks one per started quarter: 2024-H1 1, 2024 3', () => {
    const c = child({ placements: [placement('p1', '2024-05-15')] });
    expect(required(c, H1)).toBe(1);
    expect(required(c, YEAR)).toBe(3);
  });

  it('given a placement ending mid-period (2023-10-01 → 2024-08-10), then 2024-H2 requires 1', () => {
    expect(required(child({ placements: [placement('p1', '2023-10-01', '2024-08-10')] }), H2)).toBe(1);
  });

  it('given a reduction mid-period (4 → 2 from 2024-05-01), then H1 requires 2 (Q2 began at 4) and H2 requires 1', () => {
    const p = placement('p1', '2019-01-01', null, { frequencies: reducedFrom('2024-05-01') });
    const c = child({ placements: [p] });
    expect(required(c, H1)).toBe(2);
    expect(required(c, H2)).toBe(1);
  });

  it('given a child moving to a new foster home, then the requirement follows the child and the new home starts again at 4', () => {
    const first = placement('p1', '2019-01-01', '2024-05-10', { frequencies: reducedFrom('2022-01-01') });
    const second = placement('p2', '2024-05-10');
    const c = child({ placements: [first, second], visits: [...visits('p1', 'follow_up', ['2024-02-01']), ...visits('p2', 'follow_up', ['2024-08-01', '2024-11-01'])] });
    // Q1, Q2 at 2 (Q2's first day lies in the first home), Q3, Q4 at 4 in the new home: ceil(0.5 + 0.5 + 1 + 1) = 3
    expect(visitRequirement(c, 'follow_up', ...YEAR, rules)).toEqual({ required: 3, held: 3, met: true, quarters: 4 });
  });

  it('counts only visits in person, of the kind asked, within a foster placement', () => {
    const p = placement('p1', '2024-01-10', '2024-06-01');
    const c = child({
      placements: [p, placement('p9', '2024-01-01', null, { category: '1.1' })],
      visits: [
        ...visits('p1', 'follow_up', ['2024-02-01', '2024-06-01', '2024-06-02']),
        { visitId: 'x', placementId: 'p1', kind: 'follow_up', inPerson: false, day: d('2024-03-01') },
        ...visits('p1', 'supervision', ['2024-03-02']),
        ...visits('p9', 'follow_up', ['2024-03-03']),
      ],
    });
    // held: 02-01 and the moving day 06-01; not 06-02 (after it), not by video, not supervision, not an institution
    expect(visitRequirement(c, 'follow_up', ...H1, rules)).toMatchObject({ required: 2, held: 2, met: true });
  });

  it('stops the obligation on 31.12 of the year the child turns 18', () => {
    const c = child({ childBirthYear: 2006, placements: [placement('p1', '2020-01-01')] });
    expect(required(c, YEAR)).toBe(4);
    expect(required(c, [d('2025-01-01'), d('2025-06-30')])).toBe(0);
  });
});

describe('supervision visits across municipalities (DOMAIN.md §7.4)', () => {
  const moved = placement('p1', '2023-01-01', null, { supervisors: [{ fromDay: d('2024-04-01'), municipality: '3203' }] });
  const c = child({ placements: [moved], visits: visits('p1', 'supervision', ['2024-02-01', '2024-05-01']) });

  it('given supervision moved to 3203 on 2024-04-01, then each municipality counts the quarters and visits of its own days', () => {
    expect(visitRequirement(c, 'supervision', ...H1, rules, (m) => m === '3201')).toEqual({ required: 1, held: 1, met: true, quarters: 1 });
    expect(visitRequirement(c, 'supervision', ...H1, rules, (m) => m === '3203')).toEqual({ required: 1, held: 1, met: true, quarters: 1 });
  });

  it('given no responsibility recorded, then the case municipality supervises', () => {
    const own = child({ placements: [placement('p1', '2023-01-01')] });
    expect(visitRequirement(own, 'supervision', ...H1, rules, (m) => m === '3203').required).toBe(0);
    expect(visitRequirement(own, 'supervision', ...H1, rules, (m) => m === '3201').required).toBe(2);
  });
});
