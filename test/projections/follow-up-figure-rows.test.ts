import fc from 'fast-check';
import { DEFAULT_DEADLINE_RULES, followUpRuleSetForDay, type RecordedCaseEvent } from '@fristvakt/domain';
import { RecordedLog, measureStarted, received } from '@fristvakt/domain/testing';
import { applyAll, compliance, createModel, type ProjectionModel } from '@fristvakt/projections';
import { queryIndexOf } from '../../libs/projections/src/indexed/query-index';
import { rowsKnownAt } from '../../libs/projections/src/query/follow-up/figure-rows';
import { frameOf } from '../../libs/projections/src/query/figures-query';
import { parsePeriod, periodDays } from '../../libs/projections/src/query/period';
import { prepareQueries, setQueryEngine, type QueryEngine } from '../../libs/projections/src/query/scan';
import { generatedLog } from './generated-log';
import { mulberry32, randomHistory } from './random-history';

/*
 * The follow-up section from the rows precomputed per child and calendar period
 * (indexed/follow-up-figure-rows.ts, query/follow-up/figure-rows.ts) against the per-case
 * ('legacy') engine, which asks the rules about every child of every query: whole sections
 * compared, notMet lists included, for every kind of period, knownAt before and after late
 * facts, scopes of one, several and all municipalities (with supervision across them), and
 * cases touched after the rows were computed.
 */

const rules = DEFAULT_DEADLINE_RULES;
const YEARS = [2022, 2023, 2024, 2025];
const DAY = 86_400_000;

interface Params {
  period: string;
  knownAt?: string;
  asOf?: string;
  municipality?: string;
  municipalities?: string[];
}

function randomParams(events: RecordedCaseEvent[], municipalities: readonly string[], seed: number): Params {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const year = pick(YEARS);
  const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
  const some = pick(events);
  const period = pick([
    `${year}`,
    `${year}-H1`,
    `${year}-H2`,
    `${year}-Q${1 + Math.floor(rnd() * 4)}`,
    `${year}-${month}`,
    `${year}-${month}`,
  ]);
  const end = periodDays(parsePeriod(period)).toDay;
  const recorded = Date.parse(some.recordedAt);
  return {
    period,
    knownAt: pick([
      undefined,
      undefined,
      some.recordedAt,
      new Date(recorded - 1).toISOString(),
      some.recordedAt.slice(0, 10),
      new Date(recorded + Math.floor(rnd() * 60) * DAY).toISOString(),
    ]),
    // the rows answer a count date at the period end: an asOf after it, or none
    asOf: pick([
      undefined,
      undefined,
      undefined,
      some.occurredAt.slice(0, 10),
      new Date((end + Math.floor(rnd() * 400)) * DAY).toISOString().slice(0, 10),
    ]),
    ...pick<Pick<Params, 'municipality' | 'municipalities'>>([
      {},
      {},
      { municipality: pick(municipalities) },
      { municipality: pick(municipalities) },
      { municipalities: municipalities.slice(0, 2) },
      { municipalities: [municipalities[municipalities.length - 1], '9999'] },
    ]),
  };
}

function section(model: ProjectionModel, engine: QueryEngine, p: Params) {
  setQueryEngine(engine);
  try {
    return compliance(model, { ...p, method: 'legal', rules }).followUp;
  } finally {
    setQueryEngine('indexed');
  }
}

/** How many children the query took from the rows: all, those only a view that sees everything reads, those supervised by another municipality. */
function fromRows(model: ProjectionModel, p: Params): Used {
  const frame = frameOf({ ...p, method: 'legal', rules });
  const rows = queryIndexOf(model).followUpFigures.period(frame.fromDay, frame.endDay, followUpRuleSetForDay(frame.endDay));
  const used = { rows: 0, latestOnly: 0, crossing: 0 };
  if (rows === null || frame.endDay !== frame.toDay) return used;
  const knownAt = rowsKnownAt(model, frame.view);
  for (let slot = 0; slot < rows.flags.length; slot++) {
    if (rows.flags[slot] === 0 || rows.validFrom[slot] > knownAt) continue;
    used.rows++;
    if (rows.validFrom[slot] === Number.MAX_VALUE) used.latestOnly++;
    if (rows.crossing.has(slot)) used.crossing++;
  }
  return used;
}

interface Used {
  rows: number;
  latestOnly: number;
  crossing: number;
}

function add(total: Used, n: Used): void {
  total.rows += n.rows;
  total.latestOnly += n.latestOnly;
  total.crossing += n.crossing;
}

function expectSameSections(model: ProjectionModel, p: Params): Used {
  const indexed = section(model, 'indexed', p);
  expect(indexed).toEqual(section(model, 'legacy', p));
  return fromRows(model, p);
}

describe('follow-up figures from precomputed rows vs asking the rules per query', () => {
  it('agree on random noisy histories (late recording, retractions, several supervisors, every period kind and scope)', () => {
    const used = { rows: 0, latestOnly: 0, crossing: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (historySeed, paramSeed) => {
        const municipalities = historySeed % 2 === 0 ? ['3201', '3203'] : ['3201', '3203', '3205'];
        const events = randomHistory(historySeed, { cases: 1 + (historySeed % 12), municipalities });
        const model = applyAll(createModel(), events);
        if (historySeed % 3 !== 0) prepareQueries(model); // else the rows are computed by the first query of each period
        for (let q = 0; q < 6; q++) {
          add(used, expectSameSections(model, randomParams(events, municipalities, paramSeed + q)));
        }
      }),
      { numRuns: 400 },
    );
    // the rows answered many children, some with retractions or duplicate facts, supervision across municipalities among them
    expect(used.rows).toBeGreaterThan(600);
    expect(used.latestOnly).toBeGreaterThan(100);
    expect(used.crossing).toBeGreaterThan(6);
  });

  it('stay exact for cases touched after the rows were computed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
        (seed, cuts) => {
          const municipalities = ['3201', '3203', '3205'];
          const events = randomHistory(seed, { cases: 8, municipalities });
          const params = [0, 1, 2].map((q) => randomParams(events, municipalities, seed + q));
          const live = createModel();
          let applied = 0;
          for (const cut of [...cuts].sort()) {
            const upTo = Math.max(applied, Math.floor(cut * events.length));
            applyAll(live, events.slice(applied, upTo));
            applied = upTo;
            prepareQueries(live);
            for (const p of params) section(live, 'indexed', p); // computes the rows of these periods now
          }
          applyAll(live, events.slice(applied));
          const whole = applyAll(createModel(), events);
          for (const p of params) expect(section(live, 'indexed', p)).toEqual(section(whole, 'legacy', p));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answer a case with two candidate facts for one role from its rows only for a view that sees everything', () => {
    const log = new RecordedLog();
    log.add('c1', received('n1', '2023-01-05', { childBirthYear: 2012 }));
    log.add('c1', measureStarted('m1', '4.1', '2024-06-01'));
    // a second start of the same measure, dated earlier: the first one filed wins, for every view that sees it
    log.add('c1', measureStarted('m1', '4.1', '2023-02-01'));
    const model = applyAll(createModel(), log.events);
    prepareQueries(model);
    for (const asOf of [undefined, '2024-01-31', '2024-06-01'])
      expect(section(model, 'indexed', { period: '2023', asOf })).toEqual(section(model, 'legacy', { period: '2023', asOf }));
    // up to 31 January 2024 only the earlier start is seen: the child is in help measures in 2023
    expect(section(model, 'legacy', { period: '2023', asOf: '2024-01-31' }).plans.denominator).toBe(1);
    expect(section(model, 'legacy', { period: '2023' }).plans.denominator).toBe(0);
  });

  it('agree on a generated valid log, where the rows answer nearly every child', () => {
    const municipalities = ['3201', '0301', '4601'];
    const events = generatedLog({ municipalities, years: 3, fromYear: 2022, scale: 0.08, seed: 5 });
    const model = applyAll(createModel(), events);
    prepareQueries(model);
    const used = { rows: 0, latestOnly: 0, crossing: 0 };
    for (let seed = 1; seed <= 60; seed++) {
      add(used, expectSameSections(model, randomParams(events, municipalities, seed)));
    }
    expect(used.rows).toBeGreaterThan(700);
    expect(used.crossing).toBeGreaterThan(8);
  });
});
