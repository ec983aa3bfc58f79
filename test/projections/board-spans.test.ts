import fc from 'fast-check';
import {
  DEFAULT_DEADLINE_RULES,
  DEFAULT_FOLLOW_UP_RULES,
  type CountingMethod,
  type DeadlineStatus,
  type FollowUpRules,
  type RecordedCaseEvent,
} from '@fristvakt/domain';
import { RecordedLog, measureEnded, measureStarted, received } from '@fristvakt/domain/testing';
import { applyAll, createModel, deadlines, type DeadlineKind, type DeadlinesQuery, type ProjectionModel } from '@fristvakt/projections';
import { ItemKind } from '../../libs/projections/src/model/model';
import { municipalityOf } from '../../libs/projections/src/model/view';
import { boardLayoutOf } from '../../libs/projections/src/query/follow-up/board-layout';
import { boardSpansOf, spanHorizonOf } from '../../libs/projections/src/query/follow-up/board-spans';
import { prepareQueries, setQueryEngine } from '../../libs/projections/src/query/scan';
import { generatedLog } from './generated-log';
import { mulberry32, randomHistory } from './random-history';

/*
 * The board's follow-up items from the stretches computed ahead (query/follow-up/board-spans.ts)
 * against the per-case path of the legacy engine, which asks the rules for every child on every
 * query: the whole answer, key order included, on days where the answers change (fact days, quarter
 * starts, due days and the due-soon thresholds), with knownAt before and after late recordings,
 * for one, several and all municipalities (supervision of other municipalities' children), and
 * for cases that changed after their stretches were built. The stretches are read through their
 * layout by municipality (query/follow-up/board-layout.ts) wherever it answers a case: the tests
 * count the items it gave, so a layout that answers nothing cannot pass for one that is right.
 * Small examples pin the layout's bounds (no day before a case may be cut, none past its
 * stretches) and when a municipality is laid out again after changes.
 */

const DAY = 86_400_000;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** bvl 1992's final care plan checked after a year: another rules object, so other stretches. */
const FINAL_PLAN_CHECKED: FollowUpRules = {
  ruleSets: DEFAULT_FOLLOW_UP_RULES.ruleSets.map((r) =>
    r.id === 'followup2021' ? r : { ...r, carePlan: { ...r.carePlan, finalPlanMonths: 12 } },
  ),
};

type Query = Omit<DeadlinesQuery, 'rules'>;

function board(model: ProjectionModel, engine: 'indexed' | 'legacy', q: Query) {
  setQueryEngine(engine);
  try {
    return deadlines(model, { ...q, rules: DEFAULT_DEADLINE_RULES });
  } finally {
    setQueryEngine('indexed');
  }
}

/** The same answer as the legacy engine's, down to the order of each item's keys. */
function expectSameBoard(model: ProjectionModel, q: Query, legacyModel: ProjectionModel = model): void {
  const indexed = board(model, 'indexed', q);
  const legacy = board(legacyModel, 'legacy', q);
  expect({ q, items: indexed.items }).toEqual({ q, items: legacy.items });
  expect(JSON.stringify(indexed)).toBe(JSON.stringify(legacy));
}

/** Days where a board's follow-up answer changes or may change: fact days, quarter starts, due days and the due-soon thresholds around them. */
function interestingDays(model: ProjectionModel, events: RecordedCaseEvent[], rnd: () => number): number[] {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const factDays = events.map((e) => Math.floor(Date.parse(e.occurredAt) / DAY));
  const days: number[] = [];
  for (let i = 0; i < 6; i++) {
    const fact = factDays[int(0, factDays.length - 1)];
    days.push(fact + int(-1, 1));
    const d = new Date(fact * DAY);
    const quarter = Date.UTC(d.getUTCFullYear(), 3 * Math.floor(d.getUTCMonth() / 3) + 3, 1) / DAY;
    days.push(quarter + int(-1, 0));
  }
  const someDay = factDays[int(0, factDays.length - 1)] + int(0, 200);
  const dues = board(model, 'legacy', { asOf: dateOf(someDay), method: 'legal' })
    .items.filter((item) => !['review', 'investigation'].includes(item.kind))
    .map((item) => Date.parse(item.deadline) / DAY);
  for (let i = 0; i < Math.min(4, dues.length); i++) {
    const due = dues[int(0, dues.length - 1)];
    days.push(due + int(-1, 1), due - 14 + int(-1, 1));
  }
  return days;
}

function randomQueries(model: ProjectionModel, events: RecordedCaseEvent[], municipalities: readonly string[], seed: number): Query[] {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  return interestingDays(model, events, rnd).map((day): Query => {
    const recorded = Date.parse(pick(events).recordedAt);
    const knownAt = pick([undefined, undefined, recorded, recorded - 1, day * DAY + int(0, 60) * DAY, (day + 1) * DAY - 1]);
    return {
      asOf: dateOf(day),
      knownAt: knownAt === undefined ? undefined : new Date(knownAt).toISOString(),
      method: pick<CountingMethod>(['legal', 'statistical']),
      ...pick<Pick<Query, 'municipality' | 'municipalities'>>([
        {},
        { municipality: pick(municipalities) },
        { municipalities: municipalities.slice(0, 2) },
        { municipalities: [municipalities[municipalities.length - 1], '9999'] },
      ]),
      kind:
        rnd() < 0.8 ? undefined : pick<DeadlineKind>(['plan', 'care_plan', 'evaluation', 'follow_up_visit', 'supervision_visit', 'review']),
      status: rnd() < 0.8 ? undefined : pick<DeadlineStatus>(['overdue', 'due_soon', 'ok']),
      followUpRules: rnd() < 0.15 ? FINAL_PLAN_CHECKED : undefined,
    };
  });
}

/** The items the layouts of the model's stretches (default and the other rules object) have given so far. */
function layoutItems(model: ProjectionModel): number {
  return [undefined, FINAL_PLAN_CHECKED].reduce((n, rules) => n + boardLayoutOf(model, boardSpansOf(model, rules)).emitted, 0);
}

/** How many cases with follow-up facts the stretches answer for a query's view, and how many take the per-case path. */
function served(model: ProjectionModel, q: Query): { stretches: number; perCase: number } {
  const asOfDay = Math.floor(Date.parse(q.asOf) / DAY);
  const knownAt = q.knownAt === undefined || q.knownAt === null ? Number.MAX_VALUE : Date.parse(q.knownAt);
  const spans = boardSpansOf(model, q.followUpRules);
  const counted = { stretches: 0, perCase: 0 };
  for (const record of model.cases.values()) {
    const municipality = municipalityOf(record, { knownAt, asOfDay });
    // a case whose first follow-up fact lies after asOf is on no board
    const followedUp = record.items.some((item) => item.kind >= ItemKind.Measure && item.facts.some((f) => f.day <= asOfDay));
    if (!record.followUp || municipality === null || !followedUp) continue;
    const known = spans.of(model, record, municipality, asOfDay, spanHorizonOf(model));
    if (known !== null && known.stretchFor(knownAt, asOfDay) >= 0) counted.stretches++;
    else counted.perCase++;
  }
  return counted;
}

describe('board follow-up items from stretches vs asking the rules per case', () => {
  it('agree on noisy histories (late recording, retractions, several placements, supervision elsewhere) on the days answers change', () => {
    const total = { stretches: 0, perCase: 0, layout: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const municipalities = seed % 2 === 0 ? ['3201', '3203'] : ['3201', '3203', '3205'];
        const events = randomHistory(seed, { cases: 1 + (seed % 10), municipalities });
        const model = applyAll(createModel(), events);
        if (seed % 3 === 0) prepareQueries(model, DEFAULT_DEADLINE_RULES);
        for (const q of randomQueries(model, events, municipalities, seed)) {
          expectSameBoard(model, q);
          const counted = served(model, q);
          total.stretches += counted.stretches;
          total.perCase += counted.perCase;
        }
        total.layout += layoutItems(model);
      }),
      { numRuns: 150 },
    );
    // both ways were taken many times, and the layout gave many of the stretches' items
    expect(total.stretches).toBeGreaterThan(2000);
    expect(total.perCase).toBeGreaterThan(500);
    expect(total.layout).toBeGreaterThan(1000);
  });

  it('agree for cases that changed after their stretches were built (new facts, retractions, late recordings)', () => {
    let layoutTotal = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
        (seed, cuts) => {
          const municipalities = ['3201', '3203'];
          const events = randomHistory(seed, { cases: 8, municipalities });
          const live = createModel();
          let applied = 0;
          const queries = randomQueries(applyAll(createModel(), events), events, municipalities, seed);
          for (const cut of [...cuts].sort()) {
            const upTo = Math.floor(cut * events.length);
            applyAll(live, events.slice(applied, upTo));
            applied = Math.max(applied, upTo);
            if (cut < 0.5) prepareQueries(live, DEFAULT_DEADLINE_RULES);
            for (const q of queries.slice(0, 3)) board(live, 'indexed', q); // builds stretches mid-stream
          }
          // and just before the last few events, which seldom move the stretches' horizon (a new year rebuilds the layouts anyway)
          applyAll(live, events.slice(applied, Math.max(applied, events.length - 3)));
          applied = Math.max(applied, events.length - 3);
          for (const q of queries) board(live, 'indexed', { ...q, knownAt: undefined });
          applyAll(live, events.slice(applied));
          const whole = applyAll(createModel(), events);
          for (const q of queries) expectSameBoard(live, q, whole);
          layoutTotal += layoutItems(live);
        },
      ),
      { numRuns: 100 },
    );
    expect(layoutTotal).toBeGreaterThan(500);
  });

  it('list a notification or investigation whose conclusion was retracted, once the view knows the retraction (open items only: the scans skip concluded rows first)', () => {
    const events: RecordedCaseEvent[] = [
      ['NotificationReceived', '2024-01-10', { notificationId: 'n1', municipality: '3201', reporters: ['11'], acute: false }],
      ['NotificationReceived', '2024-01-12', { notificationId: 'n2', municipality: '3201', reporters: ['9'], acute: false }],
      ['InvestigationOpened', '2024-01-20', { investigationId: 'u1', notificationId: 'n1' }],
      ['NotificationCleared', '2024-01-25', { notificationId: 'n2', reason: 'no_grounds' }],
      ['InvestigationClosed', '2024-03-01', { investigationId: 'u1', outcome: 'measures_decided' }],
      ['EventRetracted', '2024-03-10', { retractedEventId: 'ev5', reason: 'registration_error' }],
      ['EventRetracted', '2024-03-10', { retractedEventId: 'ev4', reason: 'registration_error' }],
    ].map(([type, date, data], i) => ({
      type,
      eventId: `ev${i + 1}`,
      occurredAt: date,
      data,
      caseId: 'c1',
      version: i + 1,
      position: i + 1,
      recordedAt: `${date as string}T12:00:00.000Z`,
      recordedBy: 'test',
      schemaVersion: 1,
    })) as RecordedCaseEvent[];
    const model = applyAll(createModel(), events);
    prepareQueries(model, DEFAULT_DEADLINE_RULES);
    const listed = (knownAt: string | undefined) => {
      const q: Query = { asOf: '2024-03-20', knownAt, method: 'legal', municipality: '3201' };
      expectSameBoard(model, q);
      return board(model, 'indexed', q).items.map((item) => `${item.kind} ${item.id}`);
    };
    expect(listed('2024-03-05T00:00:00Z')).toEqual([]);
    expect(listed(undefined).sort()).toEqual(['investigation u1', 'review n2']);
  });

  it('agree on a generated valid log, where nearly every case is answered from its stretches', () => {
    const municipalities = ['3201', '0301', '4601'];
    const events = generatedLog({ municipalities, years: 3, fromYear: 2022, scale: 0.05, seed: 5 });
    const model = applyAll(createModel(), events);
    prepareQueries(model, DEFAULT_DEADLINE_RULES);
    const total = { stretches: 0, perCase: 0, items: 0 };
    for (let seed = 1; seed <= 12; seed++) {
      for (const q of randomQueries(model, events, municipalities, seed).slice(0, 6)) {
        expectSameBoard(model, q);
        total.items += board(model, 'indexed', q).items.length;
        if (q.knownAt !== undefined) continue; // a knownAt before late recordings sends their cases the per-case way
        const counted = served(model, q);
        total.stretches += counted.stretches;
        total.perCase += counted.perCase;
      }
    }
    expect(total.stretches).toBeGreaterThan(20 * total.perCase);
    expect(total.items).toBeGreaterThan(500);
    // most of the follow-up items came from the layout (knownAt included)
    expect(layoutItems(model)).toBeGreaterThan(total.items / 4);
  });

  it('take from the layout no day before a case may be cut: before the receipt giving the birth year, the view has none', () => {
    const log = new RecordedLog();
    // the birth year comes with a later receipt: under age (c1) or 18 that year (c2, owed nothing once the year is known)
    for (const [caseId, birthYear] of [
      ['c1', 2012],
      ['c2', 2002],
    ] as const) {
      log.add(caseId, received(`n-${caseId}`, '2020-01-10'));
      log.add(caseId, measureStarted(`m-${caseId}`, '4.1', '2020-02-01'));
      log.add(caseId, received(`b-${caseId}`, '2020-06-01', { childBirthYear: birthYear }));
    }
    // the birth year known from the start: the layout answers it on every day
    log.add('c3', received('n-c3', '2020-01-10', { childBirthYear: 2012 }));
    log.add('c3', measureStarted('m-c3', '4.1', '2020-02-01'));
    const model = applyAll(createModel(), log.events);
    prepareQueries(model, DEFAULT_DEADLINE_RULES);
    const planned = (q: Query) =>
      board(model, 'legacy', q)
        .items.filter((item) => item.kind === 'plan')
        .map((item) => item.caseId)
        .sort();
    for (const asOf of ['2020-02-01', '2020-03-15', '2020-05-31', '2020-06-01', '2020-07-01'])
      for (const knownAt of [undefined, '2020-12-31T00:00:00Z'])
        for (const scope of [{}, { municipality: '3201' }]) {
          const q: Query = { asOf, knownAt, method: 'legal', ...scope };
          const before = layoutItems(model);
          expectSameBoard(model, q);
          // c3's plan came from the layout (and, from the birth year's receipt on, c1's)
          expect(layoutItems(model) - before).toBe(asOf < '2020-06-01' ? 1 : 2);
        }
    // no birth year known yet: every child is owed its plan; then c2 is 18 that year
    expect(planned({ asOf: '2020-05-31', method: 'legal' })).toEqual(['c1', 'c2', 'c3']);
    expect(planned({ asOf: '2020-06-01', method: 'legal' })).toEqual(['c1', 'c3']);
  });

  it('take from the layout no day past the stretches (the end of the year after the newest recording)', () => {
    const log = new RecordedLog();
    log.add('c1', received('n1', '2020-01-10', { childBirthYear: 2012 }));
    log.add('c1', measureStarted('m1', '4.1', '2020-02-01'));
    const model = applyAll(createModel(), log.events);
    prepareQueries(model, DEFAULT_DEADLINE_RULES);
    expect(dateOf(spanHorizonOf(model))).toBe('2021-12-31');
    const emitted = [];
    for (const asOf of ['2021-12-31', '2022-01-01', '2023-06-01']) {
      const before = layoutItems(model);
      const q: Query = { asOf, method: 'legal', municipality: '3201' };
      expectSameBoard(model, q);
      expect(board(model, 'legacy', q).items.filter((item) => item.kind === 'plan')).toHaveLength(1);
      emitted.push(layoutItems(model) - before);
    }
    // on the stretches' last day from the layout, after it per case
    expect(emitted).toEqual([1, 0, 0]);
  });

  it('lay a municipality out again once more of its cases changed than the threshold (16, or a 64th of its cases)', () => {
    const log = new RecordedLog();
    const sizes = { '3201': 20, '3203': 1216 }; // thresholds 16 and 1216 >> 6 = 19
    for (const [municipality, size] of Object.entries(sizes))
      for (let i = 0; i < size; i++) {
        log.add(`${municipality}-${i}`, received(`n${i}`, '2020-01-10', { childBirthYear: 2012, municipality }));
        log.add(`${municipality}-${i}`, measureStarted(`m${i}`, '4.1', '2020-02-01'));
      }
    const model = applyAll(createModel(), log.events);
    prepareQueries(model, DEFAULT_DEADLINE_RULES);
    let applied = log.events.length;
    const layout = boardLayoutOf(model, boardSpansOf(model));
    /** the plans of the municipality's board on 15 March 2020 the layout gave */
    const fromLayout = (municipality: string) => {
      const before = layout.emitted;
      const q: Query = { asOf: '2020-03-15', method: 'legal', municipality, kind: 'plan' };
      expectSameBoard(model, q);
      expect(board(model, 'indexed', q).items).toHaveLength(sizes[municipality as keyof typeof sizes]);
      return (layout.emitted - before) / 2;
    };
    /** a fact of cases [from, to) after the board's day: their items on it stay, the layout forgets them */
    const change = (municipality: string, from: number, to: number) => {
      for (let i = from; i < to; i++) log.add(`${municipality}-${i}`, measureEnded(`m${i}`, '2020-09-01'));
      applyAll(model, log.events.slice(applied));
      applied = log.events.length;
    };
    for (const [municipality, threshold] of [
      ['3201', 16],
      ['3203', 19],
    ] as const) {
      const size = sizes[municipality];
      expect(fromLayout(municipality)).toBe(size);
      change(municipality, 0, threshold);
      expect(fromLayout(municipality)).toBe(size - threshold);
      change(municipality, threshold, threshold + 1);
      expect(fromLayout(municipality)).toBe(size);
    }
  });
});
