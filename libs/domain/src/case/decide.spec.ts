import {
  assessed,
  cleared,
  closed,
  extended,
  measureEnded,
  measureStarted,
  opened,
  placementEnded,
  placementStarted,
  received,
  retract,
} from '../testing';
import { given } from './given-when-then.spec-helper';
import { CaseRuleViolation } from './case-rules';
import { decide } from './decide';
import { initialState } from './evolve';

const n1 = received('n1', '2024-01-31T09:00:00+01:00');
const u1 = opened('u1', 'n1', '2024-02-02T10:00:00+01:00');

describe('decide: first event', () => {
  it('allows a case to start with NotificationReceived', () => {
    given().when(n1).thenAppends();
  });

  it.each([
    ['MeasureStarted', measureStarted('m1', '3.2', '2024-01-01')],
    ['PlacementStarted', placementStarted('p1', '2.5', '2024-01-01', 'emergency')],
    ['InvestigationOpened', opened('u1', 'n1', '2024-01-01')],
    ['EventRetracted', retract('x', '2024-01-01')],
  ])('refuses a case starting with %s', (_type, event) => {
    given().when(event).thenRefuses('first_event_must_be_notification');
  });

  it('refuses a non-notification once every notification was retracted', () => {
    given(n1, retract('rcv-n1', '2024-02-01'))
      .when(measureStarted('m1', '3.2', '2024-02-01'))
      .thenRefuses('first_event_must_be_notification');
  });
});

describe('decide: ids', () => {
  it('allows distinct eventIds and entity ids', () => {
    given(n1).when(received('n2', '2024-02-01')).thenAppends();
  });

  it('refuses a reused eventId', () => {
    given(n1)
      .when(received('n2', '2024-02-01', { eventId: 'rcv-n1' }))
      .thenRefuses('duplicate_event_id');
  });

  it('refuses the eventId of a retracted event', () => {
    given(n1, received('n2', '2024-02-01'), retract('rcv-n2', '2024-02-02'))
      .when(cleared('n1', '2024-02-02', 'no_grounds', { eventId: 'rcv-n2' }))
      .thenRefuses('duplicate_event_id');
  });

  it.each([
    ['notificationId', [n1], received('n1', '2024-02-01', { eventId: 'e2' })],
    [
      'investigationId',
      [n1, u1, closed('u1', '2024-03-01'), received('n2', '2024-04-01')],
      opened('u1', 'n2', '2024-04-02', { eventId: 'e5' }),
    ],
    ['measureId', [n1, measureStarted('m1', '3.2', '2024-02-01')], measureStarted('m1', '4.1', '2024-02-02', { eventId: 'e3' })],
    [
      'placementId',
      [n1, placementStarted('p1', '2.1', '2024-02-01')],
      placementStarted('p1', '2.2', '2024-02-02', 'voluntary', { eventId: 'e3' }),
    ],
  ])('refuses a reused %s', (_kind, history, event) => {
    given(...history)
      .when(event)
      .thenRefuses('duplicate_entity_id');
  });

  it('refuses an entity id whose introducing event was retracted (ids stay taken)', () => {
    given(n1, received('n2', '2024-02-01'), retract('rcv-n2', '2024-02-02'))
      .when(received('n2', '2024-02-03', { eventId: 'again' }))
      .thenRefuses('duplicate_entity_id');
  });

  it('allows the same id for entities of different kinds', () => {
    given(n1)
      .when(measureStarted('n1', '3.2', '2024-02-01'))
      .thenAppends();
  });
});

describe('decide: references', () => {
  it.each([
    ['NotificationCleared', cleared('n9', '2024-02-01'), 'unknown_notification'],
    ['InvestigationOpened', opened('u1', 'n9', '2024-02-01'), 'unknown_notification'],
    ['InvestigationExtended', extended('u9', '2024-02-01'), 'unknown_investigation'],
    ['ExtensionAssessed', assessed('u9', true, '2024-02-01'), 'unknown_investigation'],
    ['InvestigationClosed', closed('u9', '2024-02-01'), 'unknown_investigation'],
    ['MeasureEnded', measureEnded('m9', '2024-02-01'), 'unknown_measure'],
    ['PlacementEnded', placementEnded('p9', '2024-02-01'), 'unknown_placement'],
  ] as const)('refuses %s naming an unknown entity', (_type, event, rule) => {
    given(n1).when(event).thenRefuses(rule);
  });

  it('refuses a reference to a retracted notification and says so', () => {
    const violation = given(n1, received('n2', '2024-02-01'), retract('rcv-n2', '2024-02-02'))
      .when(cleared('n2', '2024-02-03'))
      .thenRefuses('unknown_notification');
    expect(violation.message).toContain('retracted');
  });

  it('allows each reference when the entity exists', () => {
    given(n1)
      .when(
        u1,
        extended('u1', '2024-03-01'),
        assessed('u1', true, '2024-03-10'),
        closed('u1', '2024-04-01'),
        measureStarted('m1', '3.2', '2024-04-02'),
        measureEnded('m1', '2024-06-01'),
        placementStarted('p1', '2.1', '2024-04-02'),
        placementEnded('p1', '2024-06-01'),
      )
      .thenAppends();
  });
});

describe('decide: review of a notification is concluded once', () => {
  it('allows clearing an open notification', () => {
    given(n1).when(cleared('n1', '2024-02-01')).thenAppends();
  });

  it.each([
    ['cleared, then cleared', [cleared('n1', '2024-02-01')], cleared('n1', '2024-02-02', 'other', { eventId: 'e3' })],
    ['cleared, then opened', [cleared('n1', '2024-02-01')], opened('u1', 'n1', '2024-02-02')],
    ['opened, then cleared', [u1], cleared('n1', '2024-02-03')],
    ['opened, then opened again', [u1, closed('u1', '2024-03-01')], opened('u2', 'n1', '2024-03-02')],
  ])('refuses %s', (_case, history, event) => {
    given(n1, ...history)
      .when(event)
      .thenRefuses('notification_already_concluded');
  });
});

describe('decide: one open investigation per case', () => {
  const n2 = received('n2', '2024-02-10');

  it('refuses a second investigation while one is open', () => {
    given(n1, u1, n2)
      .when(opened('u2', 'n2', '2024-02-11'))
      .thenRefuses('investigation_already_open');
  });

  it('lets a notification join the ongoing investigation instead', () => {
    given(n1, u1, n2)
      .when(cleared('n2', '2024-02-11', 'joined_ongoing_investigation'))
      .thenAppends();
  });

  it('allows a new investigation after the previous one closed', () => {
    given(n1, u1, closed('u1', '2024-04-01'), received('n2', '2024-04-10'))
      .when(opened('u2', 'n2', '2024-04-11'))
      .thenAppends();
  });

  it('refuses a new investigation dated before the previous one closed', () => {
    given(n1, u1, n2, cleared('n2', '2024-02-11', 'joined_ongoing_investigation'), closed('u1', '2024-04-01'), received('n3', '2024-03-01'))
      .when(opened('u2', 'n3', '2024-03-02'))
      .thenRefuses('investigation_overlaps_previous');
  });

  it('allows a new investigation opened on the day the previous one closed', () => {
    given(n1, u1, closed('u1', '2024-04-01T15:00:00+02:00'), received('n2', '2024-04-01T08:00:00+02:00'))
      .when(opened('u2', 'n2', '2024-04-01'))
      .thenAppends();
  });
});

describe('decide: extension (fristforlengelse) and its assessment', () => {
  it('allows one extension of an open investigation', () => {
    given(n1, u1).when(extended('u1', '2024-04-01')).thenAppends();
  });

  it('refuses extending a closed investigation', () => {
    given(n1, u1, closed('u1', '2024-03-01')).when(extended('u1', '2024-03-02')).thenRefuses('investigation_not_open');
  });

  it('refuses a second extension', () => {
    given(n1, u1, extended('u1', '2024-04-01'))
      .when(extended('u1', '2024-04-02', { eventId: 'e4' }))
      .thenRefuses('investigation_already_extended');
  });

  it('refuses assessing an investigation that was not extended', () => {
    given(n1, u1)
      .when(assessed('u1', true, '2024-04-01'))
      .thenRefuses('investigation_not_extended');
  });

  it('allows one assessment, also after the investigation closed', () => {
    given(n1, u1, extended('u1', '2024-04-01'), closed('u1', '2024-06-01'))
      .when(assessed('u1', false, '2024-06-10'))
      .thenAppends();
  });

  it('refuses a second assessment', () => {
    given(n1, u1, extended('u1', '2024-04-01'), assessed('u1', true, '2024-04-10'))
      .when(assessed('u1', false, '2024-04-11', { eventId: 'e5' }))
      .thenRefuses('extension_already_assessed');
  });
});

describe('decide: closing and ending', () => {
  it('refuses closing an investigation twice', () => {
    given(n1, u1, closed('u1', '2024-03-01'))
      .when(closed('u1', '2024-03-02', 'petition_to_board', { eventId: 'e4' }))
      .thenRefuses('investigation_not_open');
  });

  it('refuses ending a measure twice', () => {
    given(n1, measureStarted('m1', '3.2', '2024-02-01'), measureEnded('m1', '2024-03-01'))
      .when(measureEnded('m1', '2024-03-02', { eventId: 'e4' }))
      .thenRefuses('measure_already_ended');
  });

  it('refuses ending a placement twice', () => {
    given(n1, placementStarted('p1', '2.5', '2024-02-01', 'emergency'), placementEnded('p1', '2024-03-01'))
      .when(placementEnded('p1', '2024-03-02', false, { eventId: 'e4' }))
      .thenRefuses('placement_already_ended');
  });

  it('allows measures and placements without any investigation', () => {
    given(n1)
      .when(placementStarted('p1', '2.5', '2024-01-31T22:00:00+01:00', 'emergency'), measureStarted('m1', '4.6', '2024-02-01'))
      .thenAppends();
  });
});

describe('decide: no event dated before the event it refers to', () => {
  const ext = extended('u1', '2024-03-01');
  it.each([
    ['NotificationCleared before its NotificationReceived', [], cleared('n1', '2024-01-30')],
    ['InvestigationOpened before its NotificationReceived', [], opened('u1', 'n1', '2024-01-31T08:59:59+01:00')],
    ['InvestigationExtended before InvestigationOpened', [u1], extended('u1', '2024-02-01')],
    ['ExtensionAssessed before InvestigationExtended', [u1, ext], assessed('u1', true, '2024-02-29')],
    ['InvestigationClosed before InvestigationOpened', [u1], closed('u1', '2024-02-01')],
    ['InvestigationClosed before InvestigationExtended', [u1, ext], closed('u1', '2024-02-29')],
    ['MeasureEnded before MeasureStarted', [measureStarted('m1', '3.2', '2024-03-01')], measureEnded('m1', '2024-02-29')],
    ['PlacementEnded before PlacementStarted', [placementStarted('p1', '1.1', '2024-03-01')], placementEnded('p1', '2024-02-29')],
    ['EventRetracted before the event it retracts', [u1], retract('open-u1', '2024-02-01')],
  ])('refuses %s', (_case, history, event) => {
    given(n1, ...history)
      .when(event)
      .thenRefuses('dated_before_referenced_event');
  });

  it('compares instants when both sides have a time', () => {
    given(n1)
      .when(opened('u1', 'n1', '2024-01-31T09:00:00+01:00'))
      .thenAppends();
    given(n1)
      .when(opened('u1', 'n1', '2024-01-31T07:59:00Z'))
      .thenRefuses('dated_before_referenced_event');
  });

  it('never counts a same-day plain date as earlier', () => {
    given(n1).when(cleared('n1', '2024-01-31')).thenAppends();
  });

  it('compares Oslo dates: 23:30Z on 31 Jan is 1 Feb in Oslo', () => {
    given(received('n1', '2024-01-31T23:30:00Z')).when(cleared('n1', '2024-02-01')).thenAppends();
  });
});

describe('decide: one municipality per case', () => {
  it('allows later notifications naming the same municipality', () => {
    given(n1)
      .when(received('n2', '2024-02-01', { municipality: '3201' }))
      .thenAppends();
  });

  it('refuses a later notification naming another municipality', () => {
    const violation = given(n1)
      .when(received('n2', '2024-02-01', { municipality: '3203' }))
      .thenRefuses('municipality_mismatch');
    expect(violation.message).toContain('3203');
    expect(violation.message).toContain('3201');
  });

  // Issue 14 reversed the earlier rule (the first *effective* notification): retracting the only
  // notification let a case move to another municipality's board.
  it('keeps the municipality of the first notification after it is retracted', () => {
    given(n1, retract('rcv-n1', '2024-02-01'))
      .when(received('n2', '2024-02-02', { municipality: '3203' }))
      .thenRefuses('municipality_mismatch');
    given(n1, retract('rcv-n1', '2024-02-01'))
      .when(received('n2', '2024-02-02', { municipality: '3201' }))
      .thenAppends();
  });
});

describe('decide: category codes (SSB tiltak)', () => {
  it.each(['3.1', '3.10', '3.99', '4.9', '5.4', '6.1', '7.3', '8.1', '8.99'])('allows measure category %s', (category) => {
    given(n1)
      .when(measureStarted('m1', category, '2024-02-01'))
      .thenAppends();
  });

  it.each(['8.2', '1.1', '2.1', '3', '3.11', '9.1', ''])('refuses measure category %p', (category) => {
    given(n1)
      .when(measureStarted('m1', category, '2024-02-01'))
      .thenRefuses('invalid_measure_category');
  });

  it.each(['1.1', '1.99', '2.1', '2.5', '2.99', '8.2'])('allows placement category %s', (category) => {
    given(n1)
      .when(placementStarted('p1', category, '2024-02-01'))
      .thenAppends();
  });

  it.each(['3.2', '8.1', '2', '2.7', '1.3'])('refuses placement category %p', (category) => {
    given(n1)
      .when(placementStarted('p1', category, '2024-02-01'))
      .thenRefuses('invalid_placement_category');
  });
});

describe('decide: occurredAt window', () => {
  it('allows an instant up to 5 minutes ahead of now (clock skew)', () => {
    given().when(received('n1', '2025-06-01T12:04:59Z')).at('2025-06-01T12:00:00Z').thenAppends();
  });

  it('refuses an instant more than 5 minutes ahead of now', () => {
    given().when(received('n1', '2025-06-01T12:05:01Z')).at('2025-06-01T12:00:00Z').thenRefuses('occurred_in_future');
  });

  it("allows a plain date that is today's Oslo date, even where UTC is still yesterday", () => {
    given().when(received('n1', '2025-06-02')).at('2025-06-01T23:30:00Z').thenAppends();
  });

  it('refuses a plain date after today in Oslo', () => {
    given().when(received('n1', '2025-06-03')).at('2025-06-01T23:30:00Z').thenRefuses('occurred_in_future');
  });

  it('allows 1993-01-01 and refuses 1992-12-31', () => {
    given().when(received('n1', '1993-01-01')).thenAppends();
    given().when(received('n1', '1992-12-31')).thenRefuses('occurred_before_1993');
  });

  it('judges the 1993 limit on the Oslo date of an instant', () => {
    given().when(received('n1', '1992-12-31T23:30:00Z')).thenAppends();
    given().when(received('n1', '1992-12-31T22:59:00Z')).thenRefuses('occurred_before_1993');
  });

  it('refuses an occurredAt without offset', () => {
    given().when(received('n1', '2024-03-01T10:15')).thenRefuses('invalid_occurred_at');
  });

  it('applies to every event type, retractions included', () => {
    given(n1).when(retract('rcv-n1', '2026-01-01')).thenRefuses('occurred_in_future');
  });

  it('rejects a `now` that is not an instant as a programming error', () => {
    expect(() => decide({ caseId: 'c-1', events: [n1], now: '2025-06-01' }, initialState())).toThrow(RangeError);
  });
});

describe('decide: retraction', () => {
  it('allows retracting an event nothing depends on', () => {
    given(n1, u1, closed('u1', '2024-04-01')).when(retract('close-u1', '2024-04-02')).thenAppends();
  });

  it('allows retracting a NotificationCleared (the notification reopens)', () => {
    given(n1, cleared('n1', '2024-02-01'))
      .when(retract('clr-n1', '2024-02-02'), opened('u1', 'n1', '2024-02-03'))
      .thenAppends();
  });

  it('refuses an unknown event', () => {
    given(n1).when(retract('nope', '2024-02-01')).thenRefuses('unknown_event');
  });

  it('refuses an already retracted event', () => {
    given(n1, cleared('n1', '2024-02-01'), retract('clr-n1', '2024-02-02'))
      .when(retract('clr-n1', '2024-02-03', { eventId: 'again' }))
      .thenRefuses('event_already_retracted');
  });

  it('refuses retracting a retraction', () => {
    given(n1, cleared('n1', '2024-02-01'), retract('clr-n1', '2024-02-02'))
      .when(retract('retract-clr-n1', '2024-02-03'))
      .thenRefuses('cannot_retract_retraction');
  });

  it.each([
    ['an InvestigationOpened that was later closed', [u1, closed('u1', '2024-03-01')], 'open-u1', 'unknown_investigation'],
    [
      'an InvestigationClosed after which another investigation opened',
      [u1, closed('u1', '2024-03-01'), received('n2', '2024-03-02'), opened('u2', 'n2', '2024-03-03')],
      'close-u1',
      'investigation_already_open',
    ],
    ['a NotificationReceived that was cleared', [cleared('n1', '2024-02-01')], 'rcv-n1', 'first_event_must_be_notification'],
    [
      'a NotificationReceived that was opened to investigation',
      [received('n2', '2024-02-01'), opened('u1', 'n2', '2024-02-02')],
      'rcv-n2',
      'unknown_notification',
    ],
    [
      'an InvestigationExtended that was assessed',
      [u1, extended('u1', '2024-03-01'), assessed('u1', true, '2024-03-05')],
      'ext-u1',
      'investigation_not_extended',
    ],
    [
      'a MeasureStarted that has ended',
      [measureStarted('m1', '3.2', '2024-02-01'), measureEnded('m1', '2024-03-01')],
      'mst-m1',
      'unknown_measure',
    ],
    [
      'a PlacementStarted that has ended',
      [placementStarted('p1', '2.1', '2024-02-01'), placementEnded('p1', '2024-03-01')],
      'pst-p1',
      'unknown_placement',
    ],
  ])('refuses retracting %s', (_case, history, target, brokenRule) => {
    const violation = given(n1, ...history)
      .when(retract(target, '2024-06-01'))
      .thenRefuses('retraction_has_dependants');
    expect(violation.message).toContain(target);
    expect(violation.message).toContain(brokenRule);
  });

  it('allows retracting the dependant first, then the event it depended on', () => {
    given(n1, u1, closed('u1', '2024-03-01')).when(retract('close-u1', '2024-06-01'), retract('open-u1', '2024-06-01')).thenAppends();
  });
});

describe('decide: batches', () => {
  it('checks each event against the state evolved with the earlier ones of the batch', () => {
    given().when(n1, u1, extended('u1', '2024-03-01'), closed('u1', '2024-06-01')).thenAppends();
  });

  it('allows a retraction of an event appended earlier in the same batch', () => {
    given(n1).when(cleared('n1', '2024-02-01'), retract('clr-n1', '2024-02-01')).thenAppends();
  });

  it('reports the index and ids of the first offending event', () => {
    const violation = given(n1).when(u1, closed('u1', '2024-03-01'), extended('u1', '2024-03-02')).thenRefuses('investigation_not_open', 2);
    expect(violation).toBeInstanceOf(CaseRuleViolation);
    expect(violation.eventId).toBe('ext-u1');
    expect(violation.message).toMatch(/investigation_not_open/);
    expect(violation.message).toContain('u1');
    expect(violation.message).toContain('close-u1');
  });

  it('refuses an event that repeats an id introduced earlier in the same batch', () => {
    given(n1)
      .when(received('n2', '2024-02-01'), received('n2', '2024-02-02', { eventId: 'x' }))
      .thenRefuses('duplicate_entity_id', 1);
  });

  it('does not touch the given state', () => {
    const g = given(n1);
    const before = g.state;
    g.when(u1).thenAppends();
    expect(g.state).toBe(before);
    expect(g.state.investigations.size).toBe(0);
  });
});
