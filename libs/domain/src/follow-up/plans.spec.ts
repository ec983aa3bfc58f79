import { measureEnded, measureStarted, placementStarted, planCreated, planEnded, planEvaluated } from '../testing';
import { FOLLOW_UP_1992_AFTERCARE_25, FOLLOW_UP_2021, type FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import type { CaseEvent } from '../events';
import { day, timelineOf } from './follow-up.spec-helper';
import {
  carePlanDue,
  carePlanMembership,
  carePlanNeeds,
  evaluationDueDay,
  helpMeasureNeeds,
  helpMeasurePlanDue,
  helpMeasurePlanMembership,
} from './plans';

const rules = FOLLOW_UP_2021;

describe('tiltaksplan due (DOMAIN.md §7.1)', () => {
  const dueOf = (events: CaseEvent[], ruleSet: FollowUpRuleSet = rules) => {
    const t = timelineOf(events);
    return helpMeasurePlanDue(t, helpMeasureNeeds(t)[0], ruleSet);
  };

  it('given a measure decided before it starts when a plan is made on the decision date then it is on time', () => {
    expect(
      dueOf([
        measureStarted('m1', '3.2', '2024-03-10', { decidedOn: '2024-03-01' }),
        planCreated('t1', '1', '2024-03-01', { measureId: 'm1' }),
      ]),
    ).toMatchObject({
      dueDay: day('2024-03-01'),
      plannedDay: day('2024-03-01'),
      onTime: true,
    });
  });

  it('given no decision date when the plan comes a day after the start then it is late (graceDays 0)', () => {
    expect(dueOf([measureStarted('m1', '4.6', '2024-03-10'), planCreated('t1', '1', '2024-03-11')])).toMatchObject({
      dueDay: day('2024-03-10'),
      onTime: false,
    });
  });

  it('given graceDays 14 [config] when the plan comes 14 days after the start then it is on time', () => {
    const lenient: FollowUpRuleSet = { ...rules, helpMeasurePlan: { ...rules.helpMeasurePlan, graceDays: 14 } };
    expect(dueOf([measureStarted('m1', '4.6', '2024-03-10'), planCreated('t1', '1', '2024-03-24')], lenient)).toMatchObject({
      onTime: true,
    });
  });

  it('given a tiltaksplan already in force when a new measure starts then it covers the measure from its first day', () => {
    const t = timelineOf([
      measureStarted('m0', '4.1', '2023-01-10'),
      planCreated('t1', '1', '2023-01-10'),
      measureStarted('m1', '3.2', '2024-03-10'),
    ]);
    expect(helpMeasurePlanDue(t, helpMeasureNeeds(t)[1], rules)).toMatchObject({ plannedDay: day('2024-03-10'), onTime: true });
  });

  it('given a plan linked to another measure, or of another kind, when asking then it does not cover the measure', () => {
    const events = [
      measureStarted('m0', '4.1', '2023-01-10'),
      planCreated('t1', '1', '2023-01-10', { measureId: 'm0' }),
      planCreated('o1', '6', '2023-01-10'),
      measureStarted('m1', '3.2', '2024-03-10'),
    ];
    const t = timelineOf(events);
    expect(helpMeasurePlanDue(t, helpMeasureNeeds(t)[1], rules)).toMatchObject({ plannedDay: null, onTime: null });
  });

  it('given a voluntary placement and an emergency one when listing help measures then only the voluntary one needs a tiltaksplan', () => {
    const t = timelineOf([placementStarted('p1', '2.2', '2024-01-10'), placementStarted('p2', '2.5', '2024-02-10', 'emergency')]);
    expect(helpMeasureNeeds(t).map((n) => n.id)).toEqual(['p1']);
  });
});

describe('omsorgsplan due (DOMAIN.md §7.2)', () => {
  it('given a care order when a care plan is made the same day then it is on time', () => {
    const t = timelineOf([
      placementStarted('p1', '2.2', '2024-02-01', 'care_order'),
      planCreated('o1', '4', '2024-02-01', { placementId: 'p1' }),
    ]);
    expect(carePlanDue(t, carePlanNeeds(t)[0], rules)).toMatchObject({ dueDay: day('2024-02-01'), onTime: true });
  });

  it('given a foreløpig omsorgsplan (kind 3) when judged by the 1992 rules it counts, by the 2021 rules it does not', () => {
    const t = timelineOf([placementStarted('p1', '2.2', '2022-02-01', 'care_order'), planCreated('o1', '3', '2022-02-01')]);
    expect(carePlanDue(t, carePlanNeeds(t)[0], FOLLOW_UP_1992_AFTERCARE_25).onTime).toBe(true);
    expect(carePlanDue(t, carePlanNeeds(t)[0], rules).onTime).toBeNull();
  });
});

describe('evaluation due', () => {
  const plan = (events: CaseEvent[]) => timelineOf(events).plans[0];

  it('given a plan adopted 2023-11-30 and no evaluation then the first evaluation is due three months later, on 2024-02-29 (domstolloven § 148)', () => {
    expect(evaluationDueDay(plan([planCreated('t1', '1', '2023-11-30')]), day('2024-01-15'), rules)).toBe(day('2024-02-29'));
  });

  it('given an evaluation when asking after it then the next is due three months after it, and before it the earlier due date stands', () => {
    const p = plan([planCreated('t1', '1', '2024-01-31'), planEvaluated('t1', '2024-04-20')]);
    expect(evaluationDueDay(p, day('2024-04-19'), rules)).toBe(day('2024-04-30'));
    expect(evaluationDueDay(p, day('2024-04-20'), rules)).toBe(day('2024-07-20'));
  });

  it("given the plan's own due date when asking then it wins until the first evaluation", () => {
    const p = plan([planCreated('t1', '1', '2024-01-31', { evaluationDueOn: '2024-03-15' }), planEvaluated('t1', '2024-03-10')]);
    expect(evaluationDueDay(p, day('2024-02-01'), rules)).toBe(day('2024-03-15'));
    expect(evaluationDueDay(p, day('2024-03-10'), rules)).toBe(day('2024-06-10'));
  });
});

describe('indicator membership on count date D (DOMAIN.md §7.1)', () => {
  const D = day('2024-06-30');
  const member = (events: CaseEvent[], birthYear?: number, ruleSet: FollowUpRuleSet = rules) =>
    helpMeasurePlanMembership(timelineOf(events, birthYear), D, ruleSet);

  it('given a help measure and an evaluated tiltaksplan since January when counting on 30.06 then the child is in all four figures', () => {
    expect(
      member([measureStarted('m1', '3.2', '2024-01-05'), planCreated('t1', '1', '2024-01-05'), planEvaluated('t1', '2024-04-01')]),
    ).toEqual({
      inHelpMeasures: true,
      withPlan: true,
      evaluationDue: true,
      evaluated: true,
    });
  });

  it('given measures uninterrupted since the three-month anchor addMonths(D, −3) = 2024-03-30 when counting then the evaluation is due; a day later it is not', () => {
    expect(member([measureStarted('m1', '3.2', '2024-03-30'), planCreated('t1', '1', '2024-03-30')]).evaluationDue).toBe(true);
    expect(member([measureStarted('m1', '3.2', '2024-03-31'), planCreated('t1', '1', '2024-03-31')]).evaluationDue).toBe(false);
  });

  it('given a new measure starting the day the last one ended when counting then the run is unbroken; a day later it is broken', () => {
    const history = (next: string) => [
      measureStarted('m1', '3.2', '2023-10-01'),
      planCreated('t1', '1', '2023-10-01'),
      measureEnded('m1', '2024-05-01'),
      measureStarted('m2', '4.1', next),
    ];
    expect(member(history('2024-05-01')).evaluationDue).toBe(true);
    expect(member(history('2024-05-02')).evaluationDue).toBe(false);
  });

  it('given an evaluation in the previous half-year only when counting then the child is in the denominator but not the numerator', () => {
    expect(
      member([measureStarted('m1', '3.2', '2023-09-01'), planCreated('t1', '1', '2023-09-01'), planEvaluated('t1', '2023-12-01')]),
    ).toMatchObject({ evaluationDue: true, evaluated: false });
  });

  it('given a measure ending on D when counting then it is not in the stock of D; in the "during the half-year" form [config] it is', () => {
    const events = [
      measureStarted('m1', '3.2', '2024-01-05'),
      planCreated('t1', '1', '2024-01-05'),
      measureEnded('m1', '2024-06-30'),
      planEnded('t1', '2024-06-30'),
    ];
    expect(member(events).inHelpMeasures).toBe(false);
    const during: FollowUpRuleSet = { ...rules, helpMeasurePlan: { ...rules.helpMeasurePlan, membership: 'during_half_year' } };
    expect(member(events, undefined, during)).toMatchObject({ inHelpMeasures: true, withPlan: true, evaluationDue: true });
  });

  it('given a child turning 18 in the count year (birth year 2006) when counting then it is not counted; without a birth year it is', () => {
    const events = [measureStarted('m1', '3.2', '2024-01-05')];
    expect(member(events, 2006).inHelpMeasures).toBe(false);
    expect(member(events, 2007)).toMatchObject({ inHelpMeasures: true, withPlan: false });
  });
});

describe('care plan membership (DOMAIN.md §7.2)', () => {
  it('given a child under a care order with a care plan when counting then both figures hold it; an ended plan does not count', () => {
    const t = timelineOf([placementStarted('p1', '2.2', '2023-02-01', 'care_order'), planCreated('o1', '4', '2023-02-10')]);
    expect(carePlanMembership(t, day('2024-06-30'), rules)).toEqual({ underCare: true, withPlan: true });
    const ended = timelineOf([
      placementStarted('p1', '2.2', '2023-02-01', 'care_order'),
      planCreated('o1', '4', '2023-02-10'),
      planEnded('o1', '2024-01-01'),
    ]);
    expect(carePlanMembership(ended, day('2024-06-30'), rules)).toEqual({ underCare: true, withPlan: false });
  });

  it('given a voluntary placement when counting then the child is not under care', () => {
    expect(carePlanMembership(timelineOf([placementStarted('p1', '2.2', '2023-02-01')]), day('2024-06-30'), rules).underCare).toBe(false);
  });
});
