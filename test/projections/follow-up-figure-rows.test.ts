import fc from 'fast-check';
import { DEFAULT_DEADLINE_RULES, followUpRuleSetForDay, type RecordedCaseEvent } from '@fristvakt/domain';
import {
  RecordedLog,
  measureEnded,
  measureStarted,
  placementStarted,
  received,
  supervisionSet,
  visitHeld,
} from '@fristvakt/domain/testing';
import { applyAll, compliance, createModel, type ProjectionModel } from '@fristvakt/projections';
import { queryIndexOf } from '../../libs/projections/src/indexed/query-index';
import { RowFlag } from '../../libs/projections/src/indexed/follow-up-figure-rows';
import { rowsKnownAt } from '../../libs/projections/src/query/follow-up/figure-rows';
import { endOfOsloDayMs } from '../../libs/projections/src/query/time-params';
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
  const used = { rows: 0, latestOnly: 0, crossing: 0, cut: 0, cutEmpty: 0, severalSupervisors: 0 };
  if (rows === null || frame.endDay !== frame.toDay) return used;
  const knownAt = rowsKnownAt(model, frame.view);
  const everyMunicipality = p.municipality === undefined && p.municipalities === undefined;
  for (let slot = 0; slot < rows.flags.length; slot++) {
    if ((rows.flags[slot] & RowFlag.EveryMunicipality) !== 0 && rows.validFrom[slot] <= knownAt) {
      if (everyMunicipality) used.severalSupervisors++;
      continue;
    }
    if (rows.validFrom[slot] > knownAt) {
      const row = rows.cuts.rowAt(slot, knownAt, frame.view.asOfDay);
      if (row >= 0 && rows.cuts.flags[row] !== 0) used.cut++;
      else if (row >= 0) used.cutEmpty++;
      continue;
    }
    if (rows.flags[slot] === 0) continue;
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
  /** children answered from a row of a knownAt range before `validFrom` (the cut rows) */
  cut: number;
  /** and those a cut row answered as counting in no indicator */
  cutEmpty: number;
  /** children with several supervising municipalities answered from a row (a query over every municipality) */
  severalSupervisors: number;
}

function add(total: Used, n: Used): void {
  total.rows += n.rows;
  total.latestOnly += n.latestOnly;
  total.crossing += n.crossing;
  total.cut += n.cut;
  total.cutEmpty += n.cutEmpty;
  total.severalSupervisors += n.severalSupervisors;
}

const NAMED_PERIODS = (year: number, month: number): string[] => [
  `${year}`,
  `${year}-H${month <= 6 ? 1 : 2}`,
  `${year}-Q${Math.ceil(month / 3)}`,
  `${year}-${String(month).padStart(2, '0')}`,
];

/**
 * A period holding a fact recorded after the period's end, read as known at the end (the plain
 * date: the end of its last Oslo day), a millisecond before and after it, at, just before and just
 * after a late recording of the period's facts, and weeks later; with and without asOf.
 */
function periodEndParams(events: RecordedCaseEvent[], municipalities: readonly string[], seed: number): Params {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const late = events.filter((e) => e.recordedAt.slice(0, 10) > e.occurredAt.slice(0, 10));
  const fact = pick(late.length > 0 ? late : events);
  const period = pick(NAMED_PERIODS(Number(fact.occurredAt.slice(0, 4)), Number(fact.occurredAt.slice(5, 7))));
  const end = periodDays(parsePeriod(period)).toDay;
  const endDate = new Date(end * DAY).toISOString().slice(0, 10);
  const atEnd = endOfOsloDayMs(endDate);
  // the period's facts recorded after its end (those of its last days above all)
  const recordings = events
    .filter((e) => e.occurredAt.slice(0, 10) <= endDate && Date.parse(e.recordedAt) > atEnd)
    .map((e) => Date.parse(e.recordedAt));
  const recorded = recordings.length > 0 ? pick(recordings) : atEnd + DAY;
  const instant = (ms: number) => new Date(ms).toISOString();
  return {
    period,
    knownAt: pick([
      endDate,
      endDate,
      instant(atEnd - 1),
      instant(atEnd + 1),
      instant(recorded - 1),
      instant(recorded),
      instant(recorded + 1),
      instant(atEnd + Math.floor(rnd() * 100) * DAY),
    ]),
    asOf: pick([undefined, undefined, undefined, endDate, new Date((end + Math.floor(rnd() * 60)) * DAY).toISOString().slice(0, 10)]),
    ...pick<Pick<Params, 'municipality' | 'municipalities'>>([
      {},
      {},
      { municipality: pick(municipalities) },
      { municipalities: municipalities.slice(0, 2) },
    ]),
  };
}

function expectSameSections(model: ProjectionModel, p: Params): Used {
  const indexed = section(model, 'indexed', p);
  expect(indexed).toEqual(section(model, 'legacy', p));
  return fromRows(model, p);
}

/** Indexed and legacy sections agree for six queries drawn by `params` on each of `numRuns` random noisy histories; what the rows answered. */
function agreeOnNoisyHistories(
  params: (events: RecordedCaseEvent[], municipalities: readonly string[], seed: number) => Params,
  numRuns: number,
): Used {
  const used = { rows: 0, latestOnly: 0, crossing: 0, cut: 0, cutEmpty: 0, severalSupervisors: 0 };
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (historySeed, paramSeed) => {
      const municipalities = historySeed % 2 === 0 ? ['3201', '3203'] : ['3201', '3203', '3205'];
      const events = randomHistory(historySeed, { cases: 1 + (historySeed % 12), municipalities });
      const model = applyAll(createModel(), events);
      if (historySeed % 3 !== 0) prepareQueries(model); // else the rows are computed by the first query of each period
      for (let q = 0; q < 6; q++) add(used, expectSameSections(model, params(events, municipalities, paramSeed + q)));
    }),
    { numRuns },
  );
  return used;
}

describe('follow-up figures from precomputed rows vs asking the rules per query', () => {
  it('agree on random noisy histories (late recording, retractions, several supervisors, every period kind and scope)', () => {
    const used = agreeOnNoisyHistories(randomParams, 400);
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
          const params = [0, 1, 2, 3].map((q) => (q % 2 === 0 ? randomParams : periodEndParams)(events, municipalities, seed + q));
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

  it('recompute the rows per knownAt range of a case touched after they were computed', () => {
    const log = new RecordedLog();
    log.add('c1', received('n1', '2023-01-05', { childBirthYear: 2012 }), { recordedAt: '2023-01-05T10:00:00Z' });
    // two starts of one measure (the first filed wins), recorded after the period's end
    log.add('c1', measureStarted('m1', '4.1', '2023-02-01'), { recordedAt: '2024-01-10T10:00:00Z' });
    log.add('c1', measureStarted('m1', '4.1', '2023-03-01'), { recordedAt: '2024-01-11T10:00:00Z' });
    const model = applyAll(createModel(), log.events);
    prepareQueries(model);
    const known = { period: '2023', knownAt: '2024-02-15' };
    expect(section(model, 'indexed', known)).toEqual(section(model, 'legacy', known));
    expect(section(model, 'legacy', known).plans.denominator).toBe(1);
    // then the measure's end, dated in the period, and a later fact of another case (the view no longer sees everything)
    log.add('c1', measureEnded('m1', '2023-06-30'), { recordedAt: '2024-02-01T10:00:00Z' });
    log.add('c2', received('n2', '2024-02-20'), { recordedAt: '2024-03-01T10:00:00Z' });
    applyAll(model, log.events.slice(3));
    expect(section(model, 'indexed', known)).toEqual(section(model, 'legacy', known));
    expect(section(model, 'legacy', known).plans.denominator).toBe(0);
  });

  it('answer a child with several supervising municipalities in the period from its row only over every municipality', () => {
    const log = new RecordedLog();
    log.add('c1', received('n1', '2023-01-05', { childBirthYear: 2012 }));
    log.add('c1', placementStarted('p1', '2.2', '2023-01-10', 'care_order'));
    log.add('c1', visitHeld('s1', 'p1', '2024-02-01', 'supervision'));
    // supervision moved to 3203 on 1 April: 3201 and 3203 each supervised part of 2024
    log.add('c1', supervisionSet('p1', '3203', '2024-04-01'));
    log.add('c1', visitHeld('s2', 'p1', '2024-05-10', 'supervision'));
    log.add('c2', received('n2', '2023-02-05', { childBirthYear: 2010, municipality: '3203' }));
    log.add('c2', placementStarted('p2', '2.2', '2023-03-01', 'care_order'));
    const model = applyAll(createModel(), log.events);
    prepareQueries(model);
    const supervised = new Map<string, number | null>();
    for (const period of ['2024', '2024-H1', '2024-04'])
      for (const knownAt of [undefined, '2024-12-31', '2025-01-10'])
        for (const scope of [
          {},
          { municipality: '3201' },
          { municipality: '3203' },
          { municipalities: ['3201', '3203'] },
          { municipality: '3205' },
        ]) {
          const p = { period, knownAt, ...scope };
          const legacy = section(model, 'legacy', p);
          expect(section(model, 'indexed', p)).toEqual(legacy);
          if (period === '2024' && knownAt === undefined) supervised.set(JSON.stringify(scope), legacy.supervision.required);
        }
    // each scope counts the visits owed to the municipalities it covers: every municipality counts them all
    expect(supervised.get('{"municipality":"3201"}')! + supervised.get('{"municipality":"3203"}')!).toBe(supervised.get('{}'));
    expect(fromRows(model, { period: '2024' }).severalSupervisors).toBe(1);
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
    const used = { rows: 0, latestOnly: 0, crossing: 0, cut: 0, cutEmpty: 0, severalSupervisors: 0 };
    for (let seed = 1; seed <= 60; seed++) {
      add(used, expectSameSections(model, randomParams(events, municipalities, seed)));
    }
    expect(used.rows).toBeGreaterThan(700);
    expect(used.crossing).toBeGreaterThan(8);
    const atEnd = { rows: 0, latestOnly: 0, crossing: 0, cut: 0, cutEmpty: 0, severalSupervisors: 0 };
    for (let seed = 1; seed <= 60; seed++) add(atEnd, expectSameSections(model, periodEndParams(events, municipalities, seed)));
    expect(atEnd.cut).toBeGreaterThan(20);
  });

  it('agree as known at the period end, just before and after it, and around late recordings of its last days', () => {
    const used = agreeOnNoisyHistories(periodEndParams, 300);
    // the rows of the knownAt ranges before the facts of the period's end were all recorded answered many children
    expect(used.cut).toBeGreaterThan(150);
  });

  it('answer from rows per knownAt range only views whose asOf leaves out none of the facts they were computed from', () => {
    const log = new RecordedLog();
    log.add('c1', received('n1', '2023-01-05', { childBirthYear: 2012 }), { recordedAt: '2023-01-05T10:00:00Z' });
    // the measure's start filed first is dated after the period; a second start, dated in it, is filed later
    log.add('c1', measureStarted('m1', '4.1', '2024-01-20'), { recordedAt: '2024-01-20T10:00:00Z' });
    log.add('c1', measureStarted('m1', '4.1', '2023-02-01'), { recordedAt: '2024-01-21T10:00:00Z' });
    // no birth year in the first receipt: the second one, dated after the period, gives it (18 in 2023)
    log.add('c2', received('n2', '2023-01-05'), { recordedAt: '2023-01-05T11:00:00Z' });
    log.add('c2', measureStarted('m2', '4.1', '2023-02-01'), { recordedAt: '2023-02-01T10:00:00Z' });
    log.add('c2', measureEnded('m2', '2023-12-30'), { recordedAt: '2024-01-10T10:00:00Z' });
    log.add('c2', received('n3', '2024-01-05', { childBirthYear: 2005 }), { recordedAt: '2024-01-06T10:00:00Z' });
    const model = applyAll(createModel(), log.events);
    prepareQueries(model);
    const denominators = new Set<number | null>();
    for (const knownAt of ['2023-12-31', '2024-01-08', '2024-01-25', '2024-03-01'])
      for (const asOf of [undefined, '2023-12-31', '2024-01-05', '2024-01-10', '2024-01-20']) {
        const p = { period: '2023', knownAt, asOf };
        const legacy = section(model, 'legacy', p);
        expect(section(model, 'indexed', p)).toEqual(legacy);
        denominators.add(legacy.plans.denominator);
      }
    // the asOf decides which start counts and whether the birth year is known
    expect(denominators.size).toBeGreaterThan(1);
    // both answered from their rows per knownAt range without an asOf, neither with an asOf before c1's last fact and c2's birth year
    const answered = (asOf?: string) => {
      const used = fromRows(model, { period: '2023', knownAt: '2024-01-08', asOf });
      return used.cut + used.cutEmpty;
    };
    expect([answered(), answered('2024-01-05'), answered('2024-01-04')]).toEqual([2, 1, 0]);
  });

  it('answer a child whose last days were recorded late from rows per knownAt range', () => {
    const log = new RecordedLog();
    log.add('c1', received('n1', '2023-01-05', { childBirthYear: 2012 }), { recordedAt: '2023-01-05T10:00:00Z' });
    log.add('c1', measureStarted('m1', '4.1', '2023-03-01'), { recordedAt: '2023-03-01T10:00:00Z' });
    // the measure's end on the year's last day, recorded on 10 January
    log.add('c1', measureEnded('m1', '2023-12-31'), { recordedAt: '2024-01-10T10:00:00Z' });
    log.add('c1', measureStarted('m2', '4.1', '2023-12-30'), { recordedAt: '2024-02-01T10:00:00Z' });
    const model = applyAll(createModel(), log.events);
    prepareQueries(model);
    for (const knownAt of [
      '2023-12-31',
      '2024-01-10T09:59:59.999Z',
      '2024-01-10T10:00:00Z',
      '2024-01-20',
      '2024-02-01T10:00:00Z',
      undefined,
    ]) {
      expect(section(model, 'indexed', { period: '2023', knownAt })).toEqual(section(model, 'legacy', { period: '2023', knownAt }));
      expect(section(model, 'indexed', { period: '2023-12', knownAt })).toEqual(section(model, 'legacy', { period: '2023-12', knownAt }));
    }
    // in help measures on 31 December as known then (the end unknown), and once the second measure is known
    expect(section(model, 'legacy', { period: '2023', knownAt: '2023-12-31' }).plans.denominator).toBe(1);
    expect(section(model, 'legacy', { period: '2023', knownAt: '2024-01-20' }).plans.denominator).toBe(0);
    expect(section(model, 'legacy', { period: '2023' }).plans.denominator).toBe(1);
    expect(fromRows(model, { period: '2023', knownAt: '2023-12-31' })).toMatchObject({ cut: 1, rows: 0 });
    expect(fromRows(model, { period: '2023', knownAt: '2024-01-20' })).toMatchObject({ cutEmpty: 1, rows: 0 });
    expect(fromRows(model, { period: '2023', knownAt: '2024-02-01T10:00:00Z' })).toMatchObject({ cut: 0, rows: 1 });
  });
});
