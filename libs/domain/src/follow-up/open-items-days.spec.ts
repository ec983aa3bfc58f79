import fc from 'fast-check';
import { deadlineStatusOnDays } from '../deadlines/deadlines';
import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRules } from '../deadlines/follow-up-rule-sets';
import { PLACEMENT_BASES, PLAN_KINDS, type PlanKind } from '../events';
import { mayOweFollowUpOn } from './activity';
import { day } from './follow-up.spec-helper';
import { followUpItemDueSoonDays, followUpOpenItems, type FollowUpItem } from './open-items';
import { followUpOpenItemsChangeDays } from './open-items-days';
import type { FollowUpTimeline, MeasureSpell, PlacementSpell, PlanSpell, Visit } from './timeline';

/** The bvl 1992 final care plan checked after 12 months, so that rule's due days are asked too. */
const FINAL_PLAN_CHECKED: FollowUpRules = {
  ruleSets: DEFAULT_FOLLOW_UP_RULES.ruleSets.map((r) =>
    r.id === 'followup2021' ? r : { ...r, carePlan: { ...r.carePlan, finalPlanMonths: 12 } },
  ),
};

const FIRST = day('2019-06-01');
const LAST = day('2025-06-30');
const dayIn = fc.integer({ min: FIRST, max: LAST });
const endOf = (startDay: number) => fc.option(fc.integer({ min: startDay, max: startDay + 900 }), { nil: null });

const measure = (i: number) =>
  fc
    .record({
      category: fc.constantFrom('3.2', '4.1', '8.3', '8.2', '5.4'),
      startDay: dayIn,
      decidedShift: fc.option(fc.integer({ min: -60, max: 30 }), { nil: null }),
      length: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
    })
    .map(({ category, startDay, decidedShift, length }): MeasureSpell => ({
      measureId: `m${i}`,
      category,
      basis: null,
      startDay,
      decidedDay: decidedShift === null ? null : startDay + decidedShift,
      endDay: length === null ? null : startDay + length,
    }));

const placement = (i: number) =>
  dayIn.chain((startDay) =>
    fc
      .record({
        category: fc.constantFrom('2.2', '2.5', '1.1', '2.99'),
        basis: fc.constantFrom(...PLACEMENT_BASES),
        endDay: endOf(startDay),
        followUp: fc.array(fc.record({ shift: fc.integer({ min: 0, max: 700 }), perYear: fc.constantFrom(2 as const, 4 as const) }), {
          maxLength: 2,
        }),
        supervision: fc.array(fc.record({ shift: fc.integer({ min: 0, max: 700 }), perYear: fc.constantFrom(2 as const, 4 as const) }), {
          maxLength: 2,
        }),
        supervisors: fc.array(
          fc.record({ shift: fc.integer({ min: -10, max: 700 }), municipality: fc.constantFrom('3203', '0301', '3201') }),
          {
            maxLength: 2,
          },
        ),
      })
      .map((p): PlacementSpell => ({
        placementId: `p${i}`,
        category: p.category,
        basis: p.basis,
        emergency: false,
        startDay,
        endDay: p.endDay,
        frequencies: {
          follow_up: p.followUp
            .map((f) => ({ fromDay: startDay + f.shift, perYear: f.perYear, childConsent: null }))
            .sort((a, b) => a.fromDay - b.fromDay),
          supervision: p.supervision
            .map((f) => ({ fromDay: startDay + f.shift, perYear: f.perYear, childConsent: true }))
            .sort((a, b) => a.fromDay - b.fromDay),
        },
        supervisors: p.supervisors
          .map((s) => ({ fromDay: startDay + s.shift, municipality: s.municipality }))
          .sort((a, b) => a.fromDay - b.fromDay),
      })),
  );

const plan = (i: number, measures: number, placements: number) =>
  dayIn.chain((startDay) =>
    fc
      .record({
        kind: fc.constantFrom<PlanKind>('1', '1', '3', '4', ...PLAN_KINDS),
        link: fc.integer({ min: 0, max: measures + placements }),
        endDay: endOf(startDay),
        evaluations: fc.array(fc.integer({ min: -20, max: 800 }), { maxLength: 4 }),
        dueShift: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
      })
      .map((p): PlanSpell => ({
        planId: `t${i}`,
        kind: p.kind,
        measureId: p.link > 0 && p.link <= measures ? `m${p.link - 1}` : null,
        placementId: p.link > measures ? `p${p.link - measures - 1}` : null,
        startDay,
        endDay: p.endDay,
        evaluationDays: p.evaluations.map((e) => startDay + e).sort((a, b) => a - b),
        evaluationDueDay: p.dueShift === null ? null : startDay + p.dueShift,
      })),
  );

const timeline: fc.Arbitrary<FollowUpTimeline> = fc
  .record({ measures: fc.integer({ min: 0, max: 2 }), placements: fc.integer({ min: 0, max: 3 }), plans: fc.integer({ min: 0, max: 3 }) })
  .chain(({ measures, placements, plans }) =>
    fc
      .record({
        childBirthYear: fc.option(fc.integer({ min: 2001, max: 2016 }), { nil: null }),
        municipality: fc.constantFrom('3201', null),
        measures: fc.tuple(...Array.from({ length: measures }, (_, i) => measure(i))),
        placements: fc.tuple(...Array.from({ length: placements }, (_, i) => placement(i))),
        plans: fc.tuple(...Array.from({ length: plans }, (_, i) => plan(i, measures, placements))),
        visits: fc.array(
          fc.record({
            placement: fc.integer({ min: 0, max: Math.max(0, placements - 1) }),
            day: dayIn,
            supervision: fc.boolean(),
            inPerson: fc.boolean(),
          }),
          { maxLength: placements === 0 ? 0 : 10 },
        ),
      })
      .map((t): FollowUpTimeline => ({
        municipality: t.municipality,
        childBirthYear: t.childBirthYear,
        measures: t.measures,
        placements: t.placements,
        plans: t.plans,
        visits: t.visits.map((v, i): Visit => ({
          visitId: `v${i}`,
          placementId: `p${v.placement}`,
          kind: v.supervision ? 'supervision' : 'follow_up',
          day: v.day,
          inPerson: v.inPerson,
        })),
        aftercare: [],
      })),
  );

/** The items open on `day` as the latest change day up to it lists them, with their status measured on `day`. */
function itemsCarriedTo(anchorItems: readonly FollowUpItem[], onDay: number, rules: FollowUpRules): FollowUpItem[] {
  return anchorItems.map((item) => {
    const { status, daysLeft } = deadlineStatusOnDays(item.dueDay, onDay, followUpItemDueSoonDays(item, rules));
    return { ...item, status, daysLeft };
  });
}

describe('followUpOpenItemsChangeDays: the board answers only change on the days it names (DOMAIN.md §7.6)', () => {
  it('given any timeline and stretch of days when asking the rules every day then each answer is the one of the latest change day, its status measured that day', () => {
    let items = 0;
    fc.assert(
      fc.property(timeline, dayIn, fc.integer({ min: 0, max: 500 }), fc.boolean(), (t, fromDay, length, finalPlan) => {
        const rules = finalPlan ? FINAL_PLAN_CHECKED : DEFAULT_FOLLOW_UP_RULES;
        const toDay = fromDay + length;
        const days = followUpOpenItemsChangeDays(t, fromDay, toDay, rules);
        expect(days.every((d, i) => d > fromDay && d <= toDay && (i === 0 || days[i - 1] < d))).toBe(true);
        let anchor = fromDay;
        let anchorItems = followUpOpenItems(t, anchor, rules);
        let anchorOwes = mayOweFollowUpOn(t, anchor);
        let next = 0;
        for (let d = fromDay; d <= toDay; d++) {
          if (next < days.length && days[next] === d) {
            next++;
            anchor = d;
            anchorItems = followUpOpenItems(t, anchor, rules);
            anchorOwes = mayOweFollowUpOn(t, anchor);
          }
          const asked = followUpOpenItems(t, d, rules);
          items += asked.length;
          expect({ d, anchor, items: asked }).toEqual({ d, anchor, items: itemsCarriedTo(anchorItems, d, rules) });
          expect({ d, anchor, owes: mayOweFollowUpOn(t, d) }).toEqual({ d, anchor, owes: anchorOwes });
        }
      }),
      { numRuns: 150 },
    );
    // the histories owed something on many days, so the comparison above was not of empty lists
    expect(items).toBeGreaterThan(5_000);
  });

  it('given a foster home with a reduced frequency when asking over a year then the quarter starts, the visits and the end of the obligations are named', () => {
    const t: FollowUpTimeline = {
      municipality: '3201',
      childBirthYear: 2006,
      measures: [],
      placements: [
        {
          placementId: 'p1',
          category: '2.2',
          basis: 'care_order',
          emergency: false,
          startDay: day('2023-05-10'),
          endDay: null,
          frequencies: { follow_up: [{ fromDay: day('2024-02-01'), perYear: 2, childConsent: null }], supervision: [] },
          supervisors: [],
        },
      ],
      plans: [],
      visits: [{ visitId: 'v1', placementId: 'p1', kind: 'follow_up', day: day('2024-03-03'), inPerson: true }],
      aftercare: [],
    };
    expect(followUpOpenItemsChangeDays(t, day('2023-12-01'), day('2025-01-15'))).toEqual(
      ['2024-01-01', '2024-02-01', '2024-03-03', '2024-04-01', '2024-07-01', '2024-10-01', '2024-12-31', '2025-01-01'].map(day),
    );
  });

  it('given a timeline without a spell when asking then no day is named, the rule set boundaries aside', () => {
    const empty: FollowUpTimeline = {
      municipality: null,
      childBirthYear: null,
      measures: [],
      placements: [],
      plans: [],
      visits: [],
      aftercare: [],
    };
    expect(followUpOpenItemsChangeDays(empty, day('2022-06-01'), day('2023-06-01'))).toEqual([day('2023-01-01')]);
  });
});
