import fc from 'fast-check';
import { MEASURE_CATEGORIES, PLACEMENT_CATEGORIES } from '../codes';
import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import { AFTERCARE_OUTCOMES, MEASURE_BASES, PLACEMENT_BASES, PLAN_KINDS, VISIT_FREQUENCIES, VISIT_KINDS } from '../events';
import { mayCountForFollowUpIn } from './activity';
import { aftercareMembership } from './aftercare';
import { day } from './follow-up.spec-helper';
import { carePlanMembership, helpMeasurePlanMembership } from './plans';
import type { FollowUpTimeline, PlacementSpell } from './timeline';
import { countsForVisitIndicator, followUpVisitRequirement, supervisionRequirementFor, supervisionVisitRequirements } from './visits';

/*
 * The count-date property (activity.ts, `followUpCountWindow`): the follow-up section's answers
 * for [fromDay, countDay] read nothing dated after countDay. Random timelines, every rule set and
 * the alternative [config] forms; each answer on the timeline and on the timeline as a view that
 * saw nothing after countDay would have it.
 */

const FIRST = day('2019-10-01');
const SPAN = 5 * 366;
const MUNICIPALITIES = ['3201', '0301', '4601'];

/** What a view that saw nothing dated after `countDay` has of the timeline. */
function seenBy(t: FollowUpTimeline, countDay: number): FollowUpTimeline {
  const ended = <T extends { endDay: number | null }>(s: T): T => (s.endDay !== null && s.endDay > countDay ? { ...s, endDay: null } : s);
  return {
    ...t,
    measures: t.measures.filter((m) => m.startDay <= countDay).map(ended),
    placements: t.placements
      .filter((p) => p.startDay <= countDay)
      .map((p) => ({
        ...ended(p),
        frequencies: {
          follow_up: p.frequencies.follow_up.filter((f) => f.fromDay <= countDay),
          supervision: p.frequencies.supervision.filter((f) => f.fromDay <= countDay),
        },
        supervisors: p.supervisors.filter((s) => s.fromDay <= countDay),
      })),
    plans: t.plans
      .filter((p) => p.startDay <= countDay)
      .map((p) => ({ ...ended(p), evaluationDays: p.evaluationDays.filter((d) => d <= countDay) })),
    visits: t.visits.filter((v) => v.day <= countDay),
    aftercare: t.aftercare
      .filter((o) => o.offeredDay <= countDay)
      .map((o) => (o.concludedDay !== null && o.concludedDay > countDay ? { ...o, concludedDay: null, outcome: null } : o)),
  };
}

function answers(t: FollowUpTimeline, fromDay: number, countDay: number, ruleSet: FollowUpRuleSet) {
  const visits = followUpVisitRequirement(t, fromDay, countDay, ruleSet);
  const bySupervisor = supervisionVisitRequirements(t, fromDay, countDay, ruleSet);
  return {
    mayCount: mayCountForFollowUpIn(t, { startDay: Math.min(fromDay, countDay), endDay: countDay }),
    help: helpMeasurePlanMembership(t, countDay, ruleSet),
    care: carePlanMembership(t, countDay, ruleSet),
    visits,
    visitsCount: countsForVisitIndicator(t, visits, countDay, ruleSet),
    bySupervisor: [...bySupervisor].sort(([a], [b]) => (a < b ? -1 : 1)),
    supervision: [null, ...MUNICIPALITIES].map((only) =>
      supervisionRequirementFor(t, bySupervisor, (m) => only === null || m === only, countDay, ruleSet),
    ),
    after: aftercareMembership(t, countDay, ruleSet),
  };
}

/** Ids are unique within a case (the case rules refuse a second one). */
const unique =
  <K extends string>(key: K, prefix: string) =>
  <T extends Record<K, string>>(xs: T[]): T[] =>
    xs.map((x, i) => ({ ...x, [key]: `${prefix}${i + 1}` }));

const someDay = fc.integer({ min: FIRST, max: FIRST + SPAN });
const maybeEnd = fc.option(someDay, { nil: null });
const ordered = (days: number[]) => [...days].sort((a, b) => a - b);

const frequencies = fc
  .array(
    fc.record({ fromDay: someDay, perYear: fc.constantFrom(...VISIT_FREQUENCIES), childConsent: fc.option(fc.boolean(), { nil: null }) }),
    {
      maxLength: 2,
    },
  )
  .map((fs) => fs.sort((a, b) => a.fromDay - b.fromDay));

const placement = (placementId: string): fc.Arbitrary<PlacementSpell> =>
  fc.record({
    placementId: fc.constant(placementId),
    category: fc.constantFrom(...PLACEMENT_CATEGORIES, '2.1', '2.2', '2.3'),
    basis: fc.constantFrom(...PLACEMENT_BASES),
    emergency: fc.boolean(),
    startDay: someDay,
    endDay: maybeEnd,
    frequencies: fc.record({ follow_up: frequencies, supervision: frequencies }),
    supervisors: fc
      .array(fc.record({ fromDay: someDay, municipality: fc.constantFrom(...MUNICIPALITIES) }), { maxLength: 3 })
      .map((s) => s.sort((a, b) => a.fromDay - b.fromDay)),
  });

const drawn: fc.Arbitrary<FollowUpTimeline> = fc.record({
  municipality: fc.constantFrom(...MUNICIPALITIES),
  childBirthYear: fc.option(fc.integer({ min: 1996, max: 2022 }), { nil: null }),
  measures: fc
    .array(
      fc.record({
        measureId: fc.constant(''),
        category: fc.constantFrom(...MEASURE_CATEGORIES, '8.2'),
        basis: fc.option(fc.constantFrom(...MEASURE_BASES), { nil: null }),
        startDay: someDay,
        decidedDay: fc.option(someDay, { nil: null }),
        endDay: maybeEnd,
      }),
      { maxLength: 3 },
    )
    .map(unique('measureId', 'm')),
  placements: fc.tuple(placement('p1'), placement('p2'), fc.nat(2)).map(([a, b, n]) => [a, b].slice(0, n)),
  plans: fc
    .array(
      fc.record({
        planId: fc.constant(''),
        kind: fc.constantFrom(...PLAN_KINDS),
        measureId: fc.constantFrom(null, 'm1', 'm2'),
        placementId: fc.constantFrom(null, 'p1', 'p2'),
        startDay: someDay,
        endDay: maybeEnd,
        evaluationDays: fc.array(someDay, { maxLength: 4 }).map(ordered),
        evaluationDueDay: fc.option(someDay, { nil: null }),
      }),
      { maxLength: 3 },
    )
    .map(unique('planId', 'pl')),
  visits: fc
    .array(
      fc.record({
        visitId: fc.constant(''),
        placementId: fc.constantFrom('p1', 'p2'),
        kind: fc.constantFrom(...VISIT_KINDS),
        day: someDay,
        inPerson: fc.boolean(),
      }),
      { maxLength: 12 },
    )
    .map(unique('visitId', 'v')),
  aftercare: fc
    .array(
      fc.record({
        offerId: fc.constant(''),
        offeredDay: someDay,
        concludedDay: maybeEnd,
        outcome: fc.option(fc.constantFrom(...AFTERCARE_OUTCOMES), { nil: null }),
      }),
      { maxLength: 2 },
    )
    .map(unique('offerId', 'a')),
});

/**
 * As the case rules keep them: what belongs to a plan, placement or offer is not dated before it
 * (decide.ts: evaluations after the plan's adoption; visits, frequencies and supervisors within
 * the placement; a conclusion after its offer).
 */
const timeline: fc.Arbitrary<FollowUpTimeline> = drawn.map((t) => {
  const startOf = new Map(t.placements.map((p) => [p.placementId, p.startDay]));
  const after = (from: number) => (d: number) => Math.max(d, from);
  return {
    ...t,
    placements: t.placements.map((p) => ({
      ...p,
      frequencies: {
        follow_up: p.frequencies.follow_up.map((f) => ({ ...f, fromDay: after(p.startDay)(f.fromDay) })),
        supervision: p.frequencies.supervision.map((f) => ({ ...f, fromDay: after(p.startDay)(f.fromDay) })),
      },
      supervisors: p.supervisors.map((x) => ({ ...x, fromDay: after(p.startDay)(x.fromDay) })),
    })),
    plans: t.plans.map((p) => ({ ...p, evaluationDays: ordered(p.evaluationDays.map(after(p.startDay))) })),
    visits: t.visits.map((v) => ({ ...v, day: after(startOf.get(v.placementId) ?? -Infinity)(v.day) })),
    aftercare: t.aftercare.map((o) => ({ ...o, concludedDay: o.concludedDay === null ? null : after(o.offeredDay)(o.concludedDay) })),
  };
});

/** Every rule set, and each with the alternative [config] forms of its populations. */
const RULE_SETS: FollowUpRuleSet[] = DEFAULT_FOLLOW_UP_RULES.ruleSets.flatMap((r) => [
  r,
  {
    ...r,
    helpMeasurePlan: { ...r.helpMeasurePlan, membership: 'during_half_year' },
    followUpVisits: { ...r.followUpVisits, population: 'placed_over_one_year_on_count_date', minDaysInQuarter: 30 },
  },
]);

describe('the follow-up figures read nothing dated after the count date (DOMAIN.md §7)', () => {
  it('given a timeline, when the figures for [fromDay, countDay] are asked of it and of what a view up to countDay sees, then every answer is the same', () => {
    let counted = 0;
    fc.assert(
      fc.property(
        timeline,
        fc.integer({ min: FIRST + 30, max: FIRST + SPAN + 30 }),
        fc.integer({ min: 0, max: 400 }),
        fc.nat(RULE_SETS.length - 1),
        (t, countDay, length, r) => {
          const fromDay = countDay - length;
          const expected = answers(t, fromDay, countDay, RULE_SETS[r]);
          if (expected.mayCount) counted++;
          expect(answers(seenBy(t, countDay), fromDay, countDay, RULE_SETS[r])).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
    // the generated children are counted often enough for the property to say something
    expect(counted).toBeGreaterThan(1000);
  });
});
