import {
  aftercareConcluded,
  aftercareOffered,
  cleared,
  closed,
  extended,
  frequencySet,
  measureStarted,
  opened,
  placementEnded,
  placementStarted,
  planCreated,
  planEnded,
  planEvaluated,
  received,
  retract,
  supervisionSet,
  visitHeld,
} from '../testing';
import { given } from './given-when-then.spec-helper';
import type { CaseEvent } from '../events';
import type { CaseRule } from './case-rules';

const n1 = received('n1', '2024-01-31T09:00:00+01:00');
const m1 = measureStarted('m1', '3.2', '2024-02-10');
const p1 = placementStarted('p1', '2.2', '2024-02-10', 'care_order');

describe('decide: the late-registered extension (valid-time order)', () => {
  const u1 = opened('u1', 'n1', '2024-02-02');

  it('given a closed investigation when an extension dated before the close is recorded then it is accepted', () => {
    given(n1, u1, closed('u1', '2024-06-01')).when(extended('u1', '2024-04-20')).thenAppends();
  });

  it('given a closed investigation when an extension dated on the closing day is recorded then it is accepted', () => {
    given(n1, u1, closed('u1', '2024-06-01')).when(extended('u1', '2024-06-01')).thenAppends();
  });

  it('given a closed investigation when an extension dated after the close is recorded then it is refused', () => {
    given(n1, u1, closed('u1', '2024-06-01')).when(extended('u1', '2024-06-02')).thenRefuses('investigation_not_open');
  });
});

describe('decide: joining an ongoing investigation (SSB code 4)', () => {
  const n2 = received('n2', '2024-02-05');

  it('given no investigation when a notification is cleared as joined then it is refused', () => {
    given(n1, n2)
      .when(cleared('n2', '2024-02-06', 'joined_ongoing_investigation'))
      .thenRefuses('no_ongoing_investigation');
  });

  it('given an investigation closed before the clearing date when cleared as joined then it is refused', () => {
    given(n1, opened('u1', 'n1', '2024-02-02'), closed('u1', '2024-02-04'), n2)
      .when(cleared('n2', '2024-02-06', 'joined_ongoing_investigation'))
      .thenRefuses('no_ongoing_investigation');
  });

  it('given an investigation open on the clearing date, recorded as closed later, when cleared as joined then it is accepted', () => {
    given(n1, opened('u1', 'n1', '2024-02-02'), n2, closed('u1', '2024-04-01'))
      .when(cleared('n2', '2024-02-06', 'joined_ongoing_investigation'))
      .thenAppends();
  });

  it('given a joined notification when the investigation it joined is retracted then the retraction is refused', () => {
    given(n1, opened('u1', 'n1', '2024-02-02'), n2, cleared('n2', '2024-02-06', 'joined_ongoing_investigation'))
      .when(retract('open-u1', '2024-03-01'))
      .thenRefuses('retraction_has_dependants');
  });
});

describe('decide: plans', () => {
  it('given a measure and a placement when plans for them are created, evaluated and ended then they are accepted', () => {
    given(n1, m1, p1)
      .when(
        planCreated('t1', '1', '2024-02-10', { measureId: 'm1', evaluationDueOn: '2024-05-01' }),
        planCreated('o1', '4', '2024-02-10', { placementId: 'p1' }),
        planEvaluated('t1', '2024-04-30'),
        planEnded('t1', '2024-06-01'),
      )
      .thenAppends();
  });

  it.each<[string, CaseEvent, CaseRule]>([
    ['an unknown measure', planCreated('t1', '1', '2024-02-10', { measureId: 'm9' }), 'unknown_measure'],
    ['an unknown placement', planCreated('t1', '4', '2024-02-10', { placementId: 'p9' }), 'unknown_placement'],
    [
      'an evaluation date before the plan',
      planCreated('t1', '1', '2024-02-10', { evaluationDueOn: '2024-02-09' }),
      'evaluation_due_before_plan',
    ],
  ])('given the case when a plan names %s then it is refused', (_what, event, rule) => {
    given(n1, m1, p1).when(event).thenRefuses(rule);
  });

  it('given a plan when a second plan reuses its id then it is refused', () => {
    given(n1, planCreated('t1', '1', '2024-02-10'))
      .when(planCreated('t1', '1', '2024-02-11', { eventId: 'again' }))
      .thenRefuses('duplicate_entity_id');
  });

  it('given no such plan when it is evaluated then it is refused', () => {
    given(n1).when(planEvaluated('t9', '2024-03-01')).thenRefuses('unknown_plan');
  });

  it('given a plan when an evaluation is dated before it then it is refused', () => {
    given(n1, planCreated('t1', '1', '2024-02-10'))
      .when(planEvaluated('t1', '2024-02-09'))
      .thenRefuses('dated_before_referenced_event');
  });

  it('given an ended plan when an evaluation dated after the end is recorded then it is refused; one dated before the end is accepted', () => {
    const history = [n1, planCreated('t1', '1', '2024-02-10'), planEnded('t1', '2024-06-01')];
    given(...history)
      .when(planEvaluated('t1', '2024-06-02'))
      .thenRefuses('plan_already_ended');
    given(...history)
      .when(planEvaluated('t1', '2024-05-20'))
      .thenAppends();
  });

  it('given an evaluated plan when it is ended before that evaluation then it is refused', () => {
    given(n1, planCreated('t1', '1', '2024-02-10'), planEvaluated('t1', '2024-05-01'))
      .when(planEnded('t1', '2024-04-01'))
      .thenRefuses('plan_evaluated_after_end');
  });

  it('given a plan for a measure when the measure is retracted then the retraction is refused', () => {
    given(n1, m1, planCreated('t1', '1', '2024-02-10', { measureId: 'm1' }))
      .when(retract('mst-m1', '2024-03-01'))
      .thenRefuses('retraction_has_dependants');
  });

  it('given an evaluation when it is retracted then the retraction is accepted', () => {
    given(n1, planCreated('t1', '1', '2024-02-10'), planEvaluated('t1', '2024-05-01'))
      .when(retract('eval-t1-2024-05-01', '2024-05-02'))
      .thenAppends();
  });
});

describe('decide: visits, frequencies and supervision belong to a foster home, within its time', () => {
  it('given a foster placement when a frequency, a supervisor and visits are recorded then they are accepted', () => {
    given(n1, p1)
      .when(
        frequencySet('p1', 'follow_up', 2, '2024-03-01'),
        supervisionSet('p1', '3203', '2024-03-01'),
        visitHeld('v1', 'p1', '2024-03-05'),
        visitHeld('s1', 'p1', '2024-03-06', 'supervision'),
      )
      .thenAppends();
  });

  it('given a reduction to 2 within the first two years when it is recorded then it is accepted (flagged in the view, not refused)', () => {
    given(n1, p1)
      .when(frequencySet('p1', 'follow_up', 2, '2024-02-11'))
      .thenAppends();
  });

  it('given an institution placement when a visit is recorded then it is refused', () => {
    given(n1, placementStarted('p2', '1.1', '2024-02-10'))
      .when(visitHeld('v1', 'p2', '2024-03-05'))
      .thenRefuses('not_a_foster_home');
  });

  it('given no such placement when a visit is recorded then it is refused', () => {
    given(n1)
      .when(visitHeld('v1', 'p9', '2024-03-05'))
      .thenRefuses('unknown_placement');
  });

  it('given a placement when a visit is dated before it starts then it is refused', () => {
    given(n1, p1)
      .when(visitHeld('v1', 'p1', '2024-02-09'))
      .thenRefuses('dated_before_referenced_event');
  });

  it('given an ended placement when a visit dated after the end is recorded then it is refused; on the end day it is accepted', () => {
    given(n1, p1, placementEnded('p1', '2024-05-01'))
      .when(visitHeld('v1', 'p1', '2024-05-02'))
      .thenRefuses('outside_placement');
    given(n1, p1, placementEnded('p1', '2024-05-01'))
      .when(visitHeld('v1', 'p1', '2024-05-01'))
      .thenAppends();
  });

  it('given visits recorded when the placement is ended before the last of them then the end is refused', () => {
    given(n1, p1, visitHeld('v1', 'p1', '2024-05-10'))
      .when(placementEnded('p1', '2024-05-01'))
      .thenRefuses('outside_placement');
  });

  it('given a visit when another visit reuses its id then it is refused', () => {
    given(n1, p1, visitHeld('v1', 'p1', '2024-03-05'))
      .when({ ...visitHeld('v1', 'p1', '2024-03-06'), eventId: 'again' })
      .thenRefuses('duplicate_entity_id');
  });

  it('given a placement with visits when the placement is retracted then the retraction is refused', () => {
    given(n1, p1, visitHeld('v1', 'p1', '2024-03-05'))
      .when(retract('pst-p1', '2024-03-06'))
      .thenRefuses('retraction_has_dependants');
  });
});

describe('decide: aftercare offers', () => {
  it('given an offer when it is concluded then it is accepted; a second conclusion is refused', () => {
    given(n1, aftercareOffered('a1', '2024-03-01'))
      .when(aftercareConcluded('a1', 'declined_wants_other_measure', '2024-03-10'))
      .thenAppends();
    given(n1, aftercareOffered('a1', '2024-03-01'), aftercareConcluded('a1', 'accepted', '2024-03-10'))
      .when({ ...aftercareConcluded('a1', 'declined_no_more_measures', '2024-03-11'), eventId: 'again' })
      .thenRefuses('aftercare_already_concluded');
  });

  it('given no such offer when a conclusion is recorded then it is refused', () => {
    given(n1)
      .when(aftercareConcluded('a9', 'accepted', '2024-03-10'))
      .thenRefuses('unknown_aftercare_offer');
  });

  it('given an offer when a second offer reuses its id then it is refused', () => {
    given(n1, aftercareOffered('a1', '2024-03-01'))
      .when({ ...aftercareOffered('a1', '2024-03-02'), eventId: 'again' })
      .thenRefuses('duplicate_entity_id');
  });
});
