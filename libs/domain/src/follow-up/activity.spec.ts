import {
  aftercareConcluded,
  aftercareOffered,
  measureEnded,
  measureStarted,
  placementEnded,
  placementStarted,
  planCreated,
  planEnded,
  planEvaluated,
  visitHeld,
} from '../testing';
import { followUpRuleSetFor } from '../deadlines/follow-up-rule-sets';
import { fromDayNumber } from '../deadlines/local-date';
import type { CaseEvent } from '../events';
import { mayCountForFollowUp, mayOweFollowUpOn } from './activity';
import { aftercareMembership } from './aftercare';
import { day, period, timelineOf } from './follow-up.spec-helper';
import { followUpOpenItems } from './open-items';
import { carePlanMembership, helpMeasurePlanMembership } from './plans';
import type { FollowUpTimeline } from './timeline';
import { countsForVisitIndicator, followUpVisitRequirement, supervisionRequirementFor, supervisionVisitRequirements } from './visits';

/** Everything the follow-up section counts of one child for [fromDay, countDay], by the rules themselves. */
function counted(t: FollowUpTimeline, fromDay: number, countDay: number): boolean {
  const ruleSet = followUpRuleSetFor(fromDayNumber(countDay));
  const help = helpMeasurePlanMembership(t, countDay, ruleSet);
  const visits = followUpVisitRequirement(t, fromDay, countDay, ruleSet);
  const supervision = supervisionRequirementFor(
    t,
    supervisionVisitRequirements(t, fromDay, countDay, ruleSet),
    () => true,
    countDay,
    ruleSet,
  );
  const after = aftercareMembership(t, countDay, ruleSet);
  return (
    help.inHelpMeasures ||
    help.evaluationDue ||
    carePlanMembership(t, countDay, ruleSet).underCare ||
    countsForVisitIndicator(t, visits, countDay, ruleSet) ||
    supervision !== null ||
    after.onCountDate ||
    after.duringYear
  );
}

const HISTORIES: Record<string, { birthYear: number; events: CaseEvent[] }> = {
  'foster home 2019–2022 with visits on its last day': {
    birthYear: 2012,
    events: [placementStarted('p1', '2.2', '2019-03-01'), visitHeld('v1', 'p1', '2022-03-01'), placementEnded('p1', '2022-03-01')],
  },
  'help measure with a plan, ended mid-2023': {
    birthYear: 2010,
    events: [
      measureStarted('m1', '4.1', '2022-02-01'),
      planCreated('pl1', '1', '2022-02-01', { measureId: 'm1' }),
      planEvaluated('pl1', '2022-05-01'),
      measureEnded('m1', '2023-06-15'),
      planEnded('pl1', '2023-06-15'),
    ],
  },
  'care order from 2023, open': { birthYear: 2015, events: [placementStarted('p1', '2.3', '2023-04-10', 'care_order')] },
  'young adult: measure in early 2024, offer accepted': {
    birthYear: 2004,
    events: [
      measureStarted('m1', '8.3', '2024-01-15'),
      aftercareOffered('a1', '2024-01-20'),
      aftercareConcluded('a1', 'accepted', '2024-02-01'),
      measureEnded('m1', '2024-03-01'),
    ],
  },
  'plan without a measure in force': { birthYear: 2012, events: [planCreated('pl1', '1', '2023-01-10'), planEnded('pl1', '2023-09-01')] },
};
const PERIODS = ['2021', '2022', '2022-H1', '2022-Q2', '2023', '2023-H2', '2024', '2024-H1', '2024-Q3', '2025'];
const DAYS = ['2021-06-01', '2022-02-28', '2022-03-01', '2023-01-10', '2023-06-14', '2023-06-15', '2024-02-15', '2024-12-31'];

describe('the follow-up prefilters stand in front of the rules, never decide (DOMAIN.md §7)', () => {
  it('given each history when a period has no measure or placement active, or nothing is in force on a day, then the rules count and owe nothing', () => {
    let counts = 0;
    let owes = 0;
    for (const [name, h] of Object.entries(HISTORIES)) {
      const t = timelineOf(h.events, h.birthYear);
      for (const spec of PERIODS) {
        const [fromDay, toDay] = period(spec);
        if (!counted(t, fromDay, toDay)) continue;
        counts++;
        expect({ name, spec, may: mayCountForFollowUp(t, fromDay, toDay) }).toEqual({ name, spec, may: true });
      }
      for (const date of DAYS) {
        if (followUpOpenItems(t, day(date)).length === 0) continue;
        owes++;
        expect({ name, date, may: mayOweFollowUpOn(t, day(date)) }).toEqual({ name, date, may: true });
      }
    }
    // the histories give the rules something to count and owe, so the checks above ran
    expect(counts).toBeGreaterThan(10);
    expect(owes).toBeGreaterThan(5);
  });

  it('given a foster home that ended in 2022 when asking about 2024 then the child is left out before the rules are asked', () => {
    const t = timelineOf(HISTORIES['foster home 2019–2022 with visits on its last day'].events);
    expect(mayCountForFollowUp(t, ...period('2024'))).toBe(false);
    expect(mayCountForFollowUp(t, ...period('2022-H1'))).toBe(true);
    expect(mayOweFollowUpOn(t, day('2022-03-01'))).toBe(false);
    expect(mayOweFollowUpOn(t, day('2022-02-28'))).toBe(true);
  });

  it('given a measure decided before it starts when asking between the two then the board may owe its plan', () => {
    const t = timelineOf([measureStarted('m1', '4.1', '2024-03-01', {}), measureEnded('m1', '2024-09-01')]);
    const decided = { ...t, measures: t.measures.map((m) => ({ ...m, decidedDay: day('2024-02-01') })) };
    expect(followUpOpenItems(decided, day('2024-02-15')).map((i) => i.kind)).toEqual(['plan']);
    expect(mayOweFollowUpOn(decided, day('2024-02-15'))).toBe(true);
    expect(mayOweFollowUpOn(decided, day('2024-01-31'))).toBe(false);
  });

  it('given a young adult whose measure ended in March when counting a later month then aftercare still counts the year', () => {
    const h = HISTORIES['young adult: measure in early 2024, offer accepted'];
    const t = timelineOf(h.events, h.birthYear);
    const [fromDay, toDay] = period('2024-Q3');
    expect(counted(t, fromDay, toDay)).toBe(true);
    expect(mayCountForFollowUp(t, fromDay, toDay)).toBe(true);
  });
});
