import fc from 'fast-check';
import { ProblemException } from './problem';
import { queryParam, QueryParamsPipe, type RawQuery } from './query-params';
import type { ProblemError } from './problem';

const DECLARED = {
  limit: queryParam({ name: 'limit' }, (query: RawQuery, errors: ProblemError[]) => {
    if (query.limit === undefined) return 100;
    if (typeof query.limit === 'string' && /^\d{1,4}$/.test(query.limit)) return Number(query.limit);
    errors.push({ parameter: 'limit', detail: 'must be an integer 0-9999' });
    return 100;
  }),
  range: queryParam([{ name: 'from' }, { name: 'to' }], (query: RawQuery) => ({ from: query.from, to: query.to })),
};
const pipe = new QueryParamsPipe(DECLARED);

function refusal(query: RawQuery): ProblemError[] {
  try {
    pipe.transform(query);
  } catch (error) {
    if (error instanceof ProblemException) return error.problem.errors ?? [];
    throw error;
  }
  throw new Error('expected a 400');
}

describe('QueryParamsPipe', () => {
  it('given no parameters, then every declared default', () => {
    expect(pipe.transform({})).toEqual({ limit: 100, range: { from: undefined, to: undefined } });
  });

  it('given a group, then each of its names is known', () => {
    expect(pipe.transform({ from: '2024-01-01', to: '2024-02-01', limit: '7' })).toEqual({
      limit: 7,
      range: { from: '2024-01-01', to: '2024-02-01' },
    });
  });

  it('given unknown names and a bad value, then one 400 names every one of them', () => {
    const unknownName = fc.stringMatching(/^[a-z]{1,12}$/).filter((name) => !['limit', 'from', 'to'].includes(name));
    fc.assert(
      fc.property(fc.uniqueArray(unknownName, { minLength: 1, maxLength: 5 }), (names) => {
        const errors = refusal({ ...Object.fromEntries(names.map((name) => [name, 'x'])), limit: 'many' });
        expect(errors.map((e) => ('parameter' in e ? e.parameter : ''))).toEqual([...names, 'limit']);
        expect(errors[0]).toMatchObject({ detail: 'unknown query parameter; known: limit, from, to' });
      }),
    );
  });
});
