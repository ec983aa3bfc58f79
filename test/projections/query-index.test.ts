import fc from 'fast-check';
import { DEFAULT_DEADLINE_RULES, type CountingMethod, type RecordedCaseEvent } from '@fristvakt/domain';
import { applyAll, compliance, createModel, deadlines, flow, type ProjectionModel } from '@fristvakt/projections';
import { queryIndexOf } from '../../libs/projections/src/indexed/query-index';
import { prepareQueries, setQueryEngine, type QueryEngine } from '../../libs/projections/src/query/scan';
import { DurationTally } from '../../libs/projections/src/query/durations';
import { summarise } from '../../libs/projections/src/query/stats';
import { generatedLog } from './generated-log';
import { mulberry32, randomHistory } from './random-history';

/*
 * The flat query tables (libs/projections/src/indexed) against per-case resolution ('legacy'),
 * whole answers compared: every count, duration summary, record and board item. The reference
 * test holds per-case resolution to the naive recomputation; this one holds the tables to it.
 */

const rules = DEFAULT_DEADLINE_RULES;
const PERIODS = ['2022', '2023', '2024', '2024-H1', '2023-H2', '2024-Q3', '2024-05', '2023-11'];

interface Params {
  knownAt?: string;
  asOf?: string;
  method: CountingMethod;
  municipality?: string;
  municipalities?: string[];
  period: string;
  suppressSmallCounts: boolean;
}

function randomParams(events: RecordedCaseEvent[], municipalities: readonly string[], seed: number): Params {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const some = events.length === 0 ? undefined : pick(events);
  return {
    knownAt: pick([
      undefined,
      some?.recordedAt,
      some === undefined ? undefined : new Date(Date.parse(some.recordedAt) - 1).toISOString(),
      some?.recordedAt.slice(0, 10),
    ]),
    asOf: pick([undefined, undefined, '2023-06-30', '2024-03-15', '2024-08-31T23:30:00Z', some?.occurredAt.slice(0, 10)]),
    method: pick(['legal', 'statistical'] as const),
    ...pick<Pick<Params, 'municipality' | 'municipalities'>>([
      {},
      { municipality: pick([...municipalities, '9999']) },
      { municipalities: municipalities.slice(0, 2) },
      { municipalities: [municipalities[municipalities.length - 1], '9999'] },
      { municipalities: [...municipalities] },
      { municipalities: [] },
    ]),
    period: pick(PERIODS),
    suppressSmallCounts: rnd() < 0.2,
  };
}

function answers(model: ProjectionModel, engine: QueryEngine, p: Params) {
  setQueryEngine(engine);
  try {
    const q = { ...p, rules };
    return {
      board: deadlines(model, { ...q, asOf: p.asOf ?? '2024-12-31' }),
      reviews: deadlines(model, { ...q, asOf: p.asOf ?? '2024-06-30', kind: 'review', status: 'overdue' }),
      compliance: compliance(model, q),
      flow: flow(model, q),
    };
  } finally {
    setQueryEngine('indexed');
  }
}

function expectSameAnswers(model: ProjectionModel, params: Params): void {
  expect(answers(model, 'indexed', params)).toEqual(answers(model, 'legacy', params));
}

describe('query tables vs per-case resolution', () => {
  it('agree on random noisy histories (simple and complex cases, knownAt, asOf, retractions, suppression)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (historySeed, paramSeed) => {
        const municipalities = historySeed % 2 === 0 ? ['3201', '3203'] : ['3201', '3203', '3205'];
        const events = randomHistory(historySeed, { cases: 1 + (historySeed % 12), municipalities });
        expectSameAnswers(applyAll(createModel(), events), randomParams(events, municipalities, paramSeed));
      }),
      { numRuns: 300 },
    );
  });

  it('stay exact while events keep arriving between queries (rows rewritten, cases turning complex)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (seed, cuts) => {
          const events = randomHistory(seed, { cases: 8 });
          const params = randomParams(events, ['3201', '3203'], seed);
          const live = createModel();
          let applied = 0;
          for (const cut of [...cuts].sort()) {
            const upTo = Math.floor(cut * events.length);
            applyAll(live, events.slice(applied, upTo));
            applied = Math.max(applied, upTo);
            answers(live, 'indexed', params); // builds / refreshes the tables mid-stream
          }
          applyAll(live, events.slice(applied));
          expect(answers(live, 'indexed', params)).toEqual(answers(applyAll(createModel(), events), 'legacy', params));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answer the same with deadlines cached ahead (prepareQueries with rules), also for rows rewritten after the warm-up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, cut) => {
        const events = randomHistory(seed, { cases: 8 });
        const params = randomParams(events, ['3201', '3203'], seed);
        const live = createModel();
        const upTo = Math.floor(cut * events.length);
        applyAll(live, events.slice(0, upTo));
        prepareQueries(live, rules);
        expect(answers(live, 'indexed', params)).toEqual(answers(applyAll(createModel(), events.slice(0, upTo)), 'legacy', params));
        applyAll(live, events.slice(upTo));
        prepareQueries(live, rules);
        expect(answers(live, 'indexed', params)).toEqual(answers(applyAll(createModel(), events), 'legacy', params));
      }),
      { numRuns: 150 },
    );
  });

  it('agree on generated valid logs, where nearly every case is answered from the tables', () => {
    const municipalities = ['3201', '0301', '4601'];
    const events = generatedLog({ municipalities, years: 2, fromYear: 2023, scale: 0.05, seed: 11 });
    const model = applyAll(createModel(), events);
    const index = queryIndexOf(model);
    expect(index.complex.length).toBeLessThan(model.cases.size / 10);
    expect(model.cases.size).toBeGreaterThan(50);
    for (let seed = 1; seed <= 40; seed++) expectSameAnswers(model, randomParams(events, municipalities, seed));
  });

  it('noisy histories exercise both paths', () => {
    let simple = 0;
    let complex = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const model = applyAll(createModel(), randomHistory(seed, { cases: 20 }));
      const index = queryIndexOf(model);
      complex += index.complex.length;
      simple += [...model.cases.values()].filter((c) => !c.complex && c.municipalities.length === 1).length;
    }
    expect(simple).toBeGreaterThan(100);
    expect(complex).toBeGreaterThan(30);
  });
});

describe('DurationTally', () => {
  it('summarises exactly as summarise does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.integer({ min: -50, max: 900 })), fc.array(fc.integer({ min: -200_000, max: 200_000 }), { maxLength: 30 })),
        (days) => {
          const tally = new DurationTally();
          for (const d of days) tally.add(d);
          expect(tally.summary()).toEqual(summarise(days));
        },
      ),
      { numRuns: 500 },
    );
  });
});
