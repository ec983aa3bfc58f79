import { DEFAULT_DEADLINE_RULES, withRollForward } from '../deadlines';
import type { CountingMethod, LocalDate } from '../deadlines/api';
import type { CaseEvent } from '../events';
import {
  aftercareOffered,
  assessed,
  cleared,
  closed,
  extended,
  frequencySet,
  measureEnded,
  measureStarted,
  opened,
  placementEnded,
  placementStarted,
  planCreated,
  planEvaluated,
  received,
  retract,
  supervisionSet,
  visitHeld,
} from '../testing';
import { stateOf } from './given-when-then.spec-helper';
import { caseView } from './case-view';

function view(events: CaseEvent[], asOf: LocalDate, method: CountingMethod = 'legal', rules = DEFAULT_DEADLINE_RULES) {
  return caseView(stateOf(events), { asOf, method, rules });
}

/** bvl 2021 worked example (DOMAIN.md §3.2): received 2024-01-31, review 02-07, 3 months 05-07, 6 months 08-07 */
const n1 = received('n1', '2024-01-31T09:00:00+01:00', { reporters: ['11', '9'], childBirthYear: 2014 });
const u1 = opened('u1', 'n1', '2024-02-02T10:00:00+01:00');

describe('caseView: a bvl 2021 case', () => {
  it('has the GET /v1/cases/{caseId} shape with the deadlines of the worked example', () => {
    expect(view([n1, u1], '2024-04-01')).toEqual({
      caseId: 'c-1',
      municipality: '3201',
      version: 2,
      notifications: [
        {
          notificationId: 'n1',
          receivedAt: '2024-01-31T09:00:00+01:00',
          receivedDate: '2024-01-31',
          reviewDeadline: '2024-02-07',
          concludedDate: '2024-02-02',
          conclusion: 'investigation',
          onTime: true,
          status: null,
          daysLeft: null,
          ruleSet: 'bvl2021',
          reporters: ['11', '9'],
          acute: false,
          childBirthYear: 2014,
        },
      ],
      investigations: [
        {
          investigationId: 'u1',
          notificationId: 'n1',
          openedDate: '2024-02-02',
          deadline: '2024-05-07',
          ordinaryDeadline: '2024-05-07',
          extension: null,
          closedDate: null,
          outcome: null,
          onTime: null,
          status: 'ok',
          daysLeft: 36,
          ruleSet: 'bvl2021',
        },
      ],
      measures: [],
      placements: [],
      plans: [],
      aftercare: [],
      followUp: [],
      retractedEventIds: [],
      method: 'legal',
      asOf: '2024-04-01',
    });
  });

  it.each([
    ['2024-04-22', 'ok', 15],
    ['2024-04-23', 'due_soon', 14],
    ['2024-05-07', 'due_soon', 0],
    ['2024-05-08', 'overdue', -1],
  ] as const)('an open investigation at %s is %s (%i days left)', (asOf, status, daysLeft) => {
    expect(view([n1, u1], asOf).investigations[0]).toMatchObject({ status, daysLeft });
  });

  it('a closed investigation has onTime and no status; the last day counts', () => {
    expect(view([n1, u1, closed('u1', '2024-05-07')], '2024-06-01').investigations[0]).toMatchObject({
      closedDate: '2024-05-07',
      outcome: 'measures_decided',
      onTime: true,
      status: null,
      daysLeft: null,
    });
    expect(view([n1, u1, closed('u1', '2024-05-08')], '2024-06-01').investigations[0].onTime).toBe(false);
  });

  it('takes the Oslo date of an instant (23:30Z on 31 Jan is 1 Feb)', () => {
    expect(view([received('n1', '2024-01-31T23:30:00Z')], '2024-02-01').notifications[0]).toMatchObject({
      receivedDate: '2024-02-01',
      reviewDeadline: '2024-02-08',
    });
  });
});

describe('caseView: extension (fristforlengelse)', () => {
  const ext = extended('u1', '2024-04-15');

  it('a pending extension decided in time is in force: the six-month deadline applies', () => {
    const u = view([n1, u1, ext], '2024-06-01').investigations[0];
    expect(u).toMatchObject({
      deadline: '2024-08-07',
      ordinaryDeadline: '2024-05-07',
      extension: { decidedDate: '2024-04-15', status: 'pending', inForce: true, reason: 'complex_case' },
      status: 'ok',
      daysLeft: 67,
    });
  });

  it('an approved extension stays in force', () => {
    const u = view([n1, u1, ext, assessed('u1', true, '2024-04-20')], '2024-06-01').investigations[0];
    expect(u).toMatchObject({ deadline: '2024-08-07', extension: { status: 'approved', inForce: true } });
  });

  it('a rejected extension falls away: the ordinary deadline applies again', () => {
    const u = view([n1, u1, ext, assessed('u1', false, '2024-04-20')], '2024-06-01').investigations[0];
    expect(u).toMatchObject({
      deadline: '2024-05-07',
      extension: { status: 'rejected', inForce: false },
      status: 'overdue',
      daysLeft: -25,
    });
  });

  it('an extension decided after the ordinary deadline does not cure the breach', () => {
    const u = view([n1, u1, extended('u1', '2024-05-08'), closed('u1', '2024-06-01')], '2024-07-01').investigations[0];
    expect(u).toMatchObject({
      deadline: '2024-05-07',
      extension: { decidedDate: '2024-05-08', status: 'pending', inForce: false },
      onTime: false,
    });
  });

  it('an extension recorded after the close but dated before it is in force: the investigation closed on time (issue 15)', () => {
    // stateOf decides each event in this order: the close is recorded first, the extension afterwards
    const u = view([n1, u1, closed('u1', '2024-06-01'), extended('u1', '2024-04-20')], '2024-07-01').investigations[0];
    expect(u).toMatchObject({ deadline: '2024-08-07', extension: { decidedDate: '2024-04-20', inForce: true }, onTime: true });
  });

  it('an extension decided on the ordinary deadline day is in force', () => {
    const u = view([n1, u1, extended('u1', '2024-05-07'), closed('u1', '2024-06-01')], '2024-07-01').investigations[0];
    expect(u).toMatchObject({ deadline: '2024-08-07', extension: { inForce: true }, onTime: true });
  });
});

describe('caseView: a bvl 1992 case', () => {
  /** 1992 act: the three months run from the day the investigation started */
  const old = received('n1', '2022-11-10');
  const oldU = opened('u1', 'n1', '2022-11-20');

  it('uses the bvl1992 rule set chosen by the receipt date', () => {
    const v = view([old, oldU, extended('u1', '2023-01-10')], '2023-03-01');
    expect(v.notifications[0]).toMatchObject({
      reviewDeadline: '2022-11-17',
      concludedDate: '2022-11-20',
      onTime: false,
      ruleSet: 'bvl1992',
    });
    expect(v.investigations[0]).toMatchObject({
      ordinaryDeadline: '2023-02-20',
      deadline: '2023-05-20',
      ruleSet: 'bvl1992',
      status: 'ok',
    });
  });

  it('keeps the 1992 rules for an investigation opened after the new act came into force', () => {
    const v = view([received('n1', '2022-12-31'), opened('u1', 'n1', '2023-01-05')], '2023-02-01');
    expect(v.investigations[0]).toMatchObject({ ruleSet: 'bvl1992', deadline: '2023-04-05' });
  });
});

describe('caseView: investigation deadlines follow the notification it was opened from', () => {
  it('uses that notification’s receipt date, not the case’s first one', () => {
    const v = view([n1, cleared('n1', '2024-02-01'), received('n2', '2024-05-24'), opened('u1', 'n2', '2024-05-30')], '2024-06-01');
    expect(v.investigations[0]).toMatchObject({ notificationId: 'n2', ordinaryDeadline: '2024-08-31' });
    expect(v.notifications.map((n) => n.conclusion)).toEqual(['no_grounds', 'investigation']);
  });
});

describe('caseView: open notifications at asOf (review deadline 2024-03-08)', () => {
  const open = received('n1', '2024-03-01');
  it.each([
    ['2024-03-05', 'ok', 3],
    ['2024-03-06', 'due_soon', 2],
    ['2024-03-08', 'due_soon', 0],
    ['2024-03-09', 'overdue', -1],
  ] as const)('at %s the review is %s', (asOf, status, daysLeft) => {
    expect(view([open], asOf).notifications[0]).toMatchObject({ status, daysLeft, onTime: null, conclusion: null, concludedDate: null });
  });

  it('a late clearing is not on time', () => {
    expect(view([open, cleared('n1', '2024-03-09', 'active_measures')], '2024-04-01').notifications[0]).toMatchObject({
      conclusion: 'active_measures',
      concludedDate: '2024-03-09',
      onTime: false,
      status: null,
    });
  });
});

describe('caseView: counting method and rule options', () => {
  /** DOMAIN.md §3.2: received 2023-11-24 → legal 2024-03-01 / 2024-06-01, statistical 2024-02-29 / 2024-05-29 */
  const n = received('n1', '2023-11-24');
  const u = opened('u1', 'n1', '2023-11-27');
  const ext = extended('u1', '2024-01-15');

  it('legal', () => {
    expect(view([n, u, ext], '2024-02-01').investigations[0]).toMatchObject({ ordinaryDeadline: '2024-03-01', deadline: '2024-06-01' });
  });

  it('statistical (SSB day counts), and the view says which method produced it', () => {
    const v = view([n, u, ext], '2024-02-01', 'statistical');
    expect(v.method).toBe('statistical');
    expect(v.notifications[0].reviewDeadline).toBe('2023-12-01');
    expect(v.investigations[0]).toMatchObject({ ordinaryDeadline: '2024-02-29', deadline: '2024-05-29' });
  });

  it('passes the rules through (roll-forward moves a Saturday deadline to Monday)', () => {
    // received 2024-05-24: 3 months from 2024-05-31 is Saturday 2024-08-31
    const v = view(
      [received('n1', '2024-05-24'), opened('u1', 'n1', '2024-05-27')],
      '2024-06-01',
      'legal',
      withRollForward(DEFAULT_DEADLINE_RULES),
    );
    expect(v.investigations[0].deadline).toBe('2024-09-02');
  });
});

describe('caseView: measures, placements and retractions', () => {
  it('lists measures and placements with their dates', () => {
    const v = view(
      [
        n1,
        placementStarted('p1', '2.5', '2024-01-31T22:00:00+01:00', 'emergency'),
        placementEnded('p1', '2024-02-20', false),
        measureStarted('m1', '3.2', '2024-03-01'),
        measureEnded('m1', '2024-05-01'),
        measureStarted('m2', '4.6', '2024-03-01'),
        placementStarted('p2', '2.1', '2024-02-20', 'care_order'),
      ],
      '2024-06-01',
    );
    expect(v.measures).toEqual([
      {
        measureId: 'm1',
        category: '3.2',
        basis: 'voluntary',
        decidedDate: null,
        startedDate: '2024-03-01',
        endedDate: '2024-05-01',
        endReason: 'completed',
      },
      {
        measureId: 'm2',
        category: '4.6',
        basis: 'voluntary',
        decidedDate: null,
        startedDate: '2024-03-01',
        endedDate: null,
        endReason: null,
      },
    ]);
    const noFollowUp = {
      visitFrequency: { followUp: 4, supervision: 4 },
      frequencyChanges: [],
      supervisingMunicipality: '3201',
      supervisionChanges: [],
      visits: [],
    };
    expect(v.placements).toEqual([
      {
        placementId: 'p1',
        category: '2.5',
        basis: 'emergency',
        emergency: true,
        startedDate: '2024-01-31',
        endedDate: '2024-02-20',
        planned: false,
        endReason: 'returned_to_parents',
        ...noFollowUp,
      },
      {
        placementId: 'p2',
        category: '2.1',
        basis: 'care_order',
        emergency: false,
        startedDate: '2024-02-20',
        endedDate: null,
        planned: null,
        endReason: null,
        ...noFollowUp,
      },
    ]);
  });

  it('computes everything as if retracted events never happened, and lists them', () => {
    const v = view([n1, u1, closed('u1', '2024-03-01'), retract('close-u1', '2024-03-02')], '2024-06-01');
    expect(v.version).toBe(4);
    expect(v.retractedEventIds).toEqual(['close-u1']);
    expect(v.investigations[0]).toMatchObject({ closedDate: null, outcome: null, onTime: null, status: 'overdue' });
  });

  it('a retracted clearing reopens the review', () => {
    const v = view([n1, cleared('n1', '2024-02-01'), retract('clr-n1', '2024-02-02')], '2024-02-06');
    expect(v.notifications[0]).toMatchObject({ conclusion: null, concludedDate: null, status: 'due_soon', daysLeft: 1 });
  });
});

describe('caseView: follow-up (DOMAIN.md §7)', () => {
  const history = [
    n1,
    measureStarted('m1', '3.2', '2024-03-05', { basis: null, decidedOn: '2024-03-01' }),
    planCreated('t1', '1', '2024-03-01', { measureId: 'm1' }),
    planEvaluated('t1', '2024-05-20'),
    placementStarted('p1', '2.2', '2024-02-10', 'voluntary', { emergency: true }),
    frequencySet('p1', 'follow_up', 2, '2024-04-01'),
    supervisionSet('p1', '3203', '2024-04-01'),
    visitHeld('v1', 'p1', '2024-04-15'),
    aftercareOffered('a1', '2024-06-01'),
  ];

  it('shows plans with their evaluation due, placements with visit frequency, supervisor and visits, and aftercare offers', () => {
    const v = view(history, '2024-08-10');
    expect(v.measures[0]).toMatchObject({ decidedDate: '2024-03-01', startedDate: '2024-03-05' });
    expect(v.plans).toEqual([
      {
        planId: 't1',
        kind: '1',
        measureId: 'm1',
        placementId: null,
        createdDate: '2024-03-01',
        endedDate: null,
        evaluatedDates: ['2024-05-20'],
        evaluationDue: '2024-08-20',
        status: 'due_soon',
        daysLeft: 10,
        ruleSet: 'followup2021',
      },
    ]);
    expect(v.placements[0]).toMatchObject({
      emergency: true,
      visitFrequency: { followUp: 2, supervision: 4 },
      frequencyChanges: [
        { kind: 'follow_up', fromDate: '2024-04-01', perYear: 2, childConsent: null, flags: ['reduced_within_two_years_in_home'] },
      ],
      supervisingMunicipality: '3203',
      supervisionChanges: [{ fromDate: '2024-04-01', municipality: '3203' }],
      visits: [{ visitId: 'v1', kind: 'follow_up', date: '2024-04-15', inPerson: true }],
    });
    expect(v.aftercare).toEqual([{ offerId: 'a1', offeredDate: '2024-06-01', concludedDate: null, outcome: null }]);
  });

  it('lists what is owed at asOf as board items, with the rule set that produced them', () => {
    const v = view(history, '2024-08-10');
    expect(v.followUp).toEqual([
      // the voluntary placement is a help measure too, and the tiltaksplan names only m1
      { kind: 'plan', id: 'p1', deadline: '2024-02-10', status: 'overdue', daysLeft: -182, ruleSet: 'followup2021' },
      { kind: 'evaluation', id: 't1', deadline: '2024-08-20', status: 'due_soon', daysLeft: 10, ruleSet: 'followup2021' },
      {
        kind: 'supervision_visit',
        id: 'p1',
        deadline: '2024-09-30',
        status: 'ok',
        daysLeft: 51,
        ruleSet: 'followup2021',
        owed: 1,
        municipality: '3203',
      },
    ]);
  });
});
