import { validateRecordRequest, type RecordRequestValidation } from './validate-record-request';

const NOW = new Date('2024-06-15T12:00:00Z');
const ID = '0b9f4a3e-2b7c-4d8e-9f10-1a2b3c4d5e6f';
let counter = 0;
const context = { now: NOW, newEventId: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}` };

const received = {
  eventId: ID,
  type: 'NotificationReceived',
  occurredAt: '2024-03-01T10:15:00+01:00',
  data: { notificationId: 'n1', municipality: '3201', reporters: ['11'], childBirthYear: 2014 },
};

function body(...events: unknown[]): Record<string, unknown> {
  return { events };
}
function withData(data: Record<string, unknown>, type = 'NotificationReceived') {
  return body({ ...received, type, data });
}
function problemsOf(result: RecordRequestValidation) {
  return result.ok ? [] : result.problems;
}
function pointersOf(result: RecordRequestValidation) {
  return problemsOf(result)
    .map((p) => p.pointer)
    .sort();
}

describe('validateRecordRequest: good bodies', () => {
  it.each<[string, unknown]>([
    ['a notification', body(received)],
    ['with expectedVersion 0', { expectedVersion: 0, events: [received] }],
    ['a plain date of today in Oslo', body({ ...received, occurredAt: '2024-06-15' })],
    ['an instant within the clock skew', body({ ...received, occurredAt: '2024-06-15T12:04:00Z' })],
    ['no eventId', body({ type: received.type, occurredAt: received.occurredAt, data: received.data })],
    [
      'every event type',
      body(
        received,
        { type: 'NotificationCleared', occurredAt: '2024-03-02', data: { notificationId: 'n2', reason: 'no_grounds' } },
        { type: 'InvestigationOpened', occurredAt: '2024-03-02', data: { investigationId: 'u1', notificationId: 'n1' } },
        { type: 'InvestigationExtended', occurredAt: '2024-03-02', data: { investigationId: 'u1', reason: 'complex_case' } },
        { type: 'ExtensionAssessed', occurredAt: '2024-03-02', data: { investigationId: 'u1', approved: false } },
        { type: 'InvestigationClosed', occurredAt: '2024-03-02', data: { investigationId: 'u1', outcome: 'measures_decided' } },
        { type: 'MeasureStarted', occurredAt: '2024-03-02', data: { measureId: 'm1', category: '3.2', basis: 'voluntary' } },
        { type: 'MeasureEnded', occurredAt: '2024-03-02', data: { measureId: 'm1' } },
        { type: 'PlacementStarted', occurredAt: '2024-03-02', data: { placementId: 'p1', category: '2.1', basis: 'emergency' } },
        { type: 'PlacementEnded', occurredAt: '2024-03-02', data: { placementId: 'p1', planned: true, reason: 'turned_18' } },
        { type: 'EventRetracted', occurredAt: '2024-03-02', data: { retractedEventId: ID, reason: 'duplicate' } },
      ),
    ],
    [
      'every follow-up event type (CONTRACT.md §1), optional fields included',
      body(
        received,
        { type: 'MeasureStarted', occurredAt: '2024-03-05', data: { measureId: 'm1', category: '3.2', decidedOn: '2024-03-01' } },
        {
          type: 'PlacementStarted',
          occurredAt: '2024-03-02',
          data: { placementId: 'p1', category: '2.2', basis: 'voluntary', emergency: true },
        },
        {
          type: 'PlanCreated',
          occurredAt: '2024-03-02',
          data: { planId: 't1', kind: '1', measureId: 'm1', placementId: 'p1', evaluationDueOn: '2024-09-01' },
        },
        { type: 'PlanEvaluated', occurredAt: '2024-03-02', data: { planId: 't1' } },
        { type: 'PlanEnded', occurredAt: '2024-03-02', data: { planId: 't1' } },
        {
          type: 'VisitFrequencySet',
          occurredAt: '2024-03-02',
          data: { placementId: 'p1', kind: 'supervision', perYear: 2, childConsent: true },
        },
        { type: 'SupervisionResponsibilitySet', occurredAt: '2024-03-02', data: { placementId: 'p1', municipality: '3203' } },
        { type: 'VisitHeld', occurredAt: '2024-03-02', data: { visitId: 'v1', placementId: 'p1', kind: 'follow_up', inPerson: false } },
        { type: 'AftercareOffered', occurredAt: '2024-03-02', data: { offerId: 'a1' } },
        { type: 'AftercareConcluded', occurredAt: '2024-03-02', data: { offerId: 'a1', outcome: 'declined_no_more_measures' } },
      ),
    ],
  ])('accepts %s', (_label, input) => {
    const result = validateRecordRequest(input, context);
    expect(problemsOf(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('returns typed events with assigned eventIds and only the known fields', () => {
    const result = validateRecordRequest(
      { expectedVersion: 3, events: [received, { type: 'MeasureEnded', occurredAt: '2024-03-02', data: { measureId: 'm1' } }] },
      context,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.request.expectedVersion).toBe(3);
    expect(result.request.events[0]).toEqual(received);
    expect(result.request.events[1].eventId).toMatch(/^00000000-0000-4000-8000-/);
    expect(Object.getPrototypeOf(result.request.events[0].data)).toBe(Object.prototype);
  });
});

describe('validateRecordRequest: bad bodies', () => {
  it.each<[string, unknown, string[]]>([
    ['null', null, ['']],
    ['an array', [received], ['']],
    ['a number', 42, ['']],
    ['a string', '{"events":[]}', ['']],
    ['no events', {}, ['/events']],
    ['empty events', { events: [] }, ['/events']],
    ['101 events', { events: Array.from({ length: 101 }, () => ({ ...received, eventId: undefined })) }, ['/events']],
    ['events not an array', { events: received }, ['/events']],
    ['unknown top-level property', { events: [received], caseName: 'x' }, ['/caseName']],
    ['negative expectedVersion', { expectedVersion: -1, events: [received] }, ['/expectedVersion']],
    ['fractional expectedVersion', { expectedVersion: 1.5, events: [received] }, ['/expectedVersion']],
    ['string expectedVersion', { expectedVersion: '1', events: [received] }, ['/expectedVersion']],
    ['null expectedVersion', { expectedVersion: null, events: [received] }, ['/expectedVersion']],
    ['event not an object', body('x'), ['/events/0']],
    ['event null', body(null), ['/events/0']],
    ['unknown event type', body({ ...received, type: 'ChildRenamed' }), ['/events/0/type']],
    ['unknown event property', body({ ...received, comment: 'free text' }), ['/events/0/comment']],
    ['eventId not a UUID', body({ ...received, eventId: 'abc' }), ['/events/0/eventId']],
    ['missing occurredAt', body({ ...received, occurredAt: undefined }), ['/events/0/occurredAt']],
    ['offset-less date-time', body({ ...received, occurredAt: '2024-03-01T10:15:00' }), ['/events/0/occurredAt']],
    ['future instant', body({ ...received, occurredAt: '2024-06-15T12:06:00Z' }), ['/events/0/occurredAt']],
    ['future plain date', body({ ...received, occurredAt: '2024-06-16' }), ['/events/0/occurredAt']],
    ['before 1993', body({ ...received, occurredAt: '1992-12-31' }), ['/events/0/occurredAt']],
    ['not a calendar date', body({ ...received, occurredAt: '2023-02-29' }), ['/events/0/occurredAt']],
    ['data missing', body({ ...received, data: undefined }), ['/events/0/data']],
    ['data an array', body({ ...received, data: [] }), ['/events/0/data']],
    ['unknown data property', withData({ ...received.data, name: 'Ola' }), ['/events/0/data/name']],
    [
      '__proto__ in data',
      body({ ...received, data: JSON.parse('{"__proto__":{"x":1},"notificationId":"n1","municipality":"3201","reporters":["1"]}') }),
      ['/events/0/data/__proto__'],
    ],
    ['constructor in data', withData({ ...received.data, constructor: 'x' }), ['/events/0/data/constructor']],
    ['missing notificationId', withData({ municipality: '3201', reporters: ['11'] }), ['/events/0/data/notificationId']],
    ['id with a space', withData({ ...received.data, notificationId: 'n 1' }), ['/events/0/data/notificationId']],
    ['id of 65 chars', withData({ ...received.data, notificationId: 'a'.repeat(65) }), ['/events/0/data/notificationId']],
    ['id that is a fødselsnummer', withData({ ...received.data, notificationId: '01010750160' }), ['/events/0/data/notificationId']],
    ['id that is a D-nummer', withData({ ...received.data, notificationId: '41010750154' }), ['/events/0/data/notificationId']],
    ['numeric id', withData({ ...received.data, notificationId: 12 }), ['/events/0/data/notificationId']],
    ['municipality of 3 digits', withData({ ...received.data, municipality: '301' }), ['/events/0/data/municipality']],
    ['municipality a number', withData({ ...received.data, municipality: 3201 }), ['/events/0/data/municipality']],
    ['no reporters', withData({ ...received.data, reporters: [] }), ['/events/0/data/reporters']],
    ['unknown reporter code', withData({ ...received.data, reporters: ['99'] }), ['/events/0/data/reporters']],
    ['numeric reporter code', withData({ ...received.data, reporters: [11] }), ['/events/0/data/reporters']],
    ['childBirthYear in the future', withData({ ...received.data, childBirthYear: 2025 }), ['/events/0/data/childBirthYear']],
    ['childBirthYear before 1990', withData({ ...received.data, childBirthYear: 1989 }), ['/events/0/data/childBirthYear']],
    ['childBirthYear a string', withData({ ...received.data, childBirthYear: '2014' }), ['/events/0/data/childBirthYear']],
    ['acute a string', withData({ ...received.data, acute: 'yes' }), ['/events/0/data/acute']],
    ['acute null', withData({ ...received.data, acute: null }), ['/events/0/data/acute']],
    ['unknown clearing reason', withData({ notificationId: 'n1', reason: 'bored' }, 'NotificationCleared'), ['/events/0/data/reason']],
    ['approved a string', withData({ investigationId: 'u1', approved: 'true' }, 'ExtensionAssessed'), ['/events/0/data/approved']],
    ['category a number', withData({ measureId: 'm1', category: 3.2 }, 'MeasureStarted'), ['/events/0/data/category']],
    ['placement without basis', withData({ placementId: 'p1', category: '2.1' }, 'PlacementStarted'), ['/events/0/data/basis']],
    ['planned missing', withData({ placementId: 'p1' }, 'PlacementEnded'), ['/events/0/data/planned']],
    ['duplicate eventIds', body(received, { ...received }), ['/events/1/eventId']],
    // the follow-up events (CONTRACT.md §1): each field's shape
    [
      'decidedOn in the future',
      withData({ measureId: 'm1', category: '3.2', decidedOn: '2024-06-16' }, 'MeasureStarted'),
      ['/events/0/data/decidedOn'],
    ],
    [
      'decidedOn a date-time',
      withData({ measureId: 'm1', category: '3.2', decidedOn: '2024-03-01T10:00:00Z' }, 'MeasureStarted'),
      ['/events/0/data/decidedOn'],
    ],
    [
      'emergency a string',
      withData({ placementId: 'p1', category: '2.2', basis: 'voluntary', emergency: 'no' }, 'PlacementStarted'),
      ['/events/0/data/emergency'],
    ],
    ['plan kind 9', withData({ planId: 't1', kind: '9' }, 'PlanCreated'), ['/events/0/data/kind']],
    ['plan kind a number', withData({ planId: 't1', kind: 1 }, 'PlanCreated'), ['/events/0/data/kind']],
    ['plan without planId', withData({ kind: '1' }, 'PlanCreated'), ['/events/0/data/planId']],
    ['plan measureId null', withData({ planId: 't1', kind: '1', measureId: null }, 'PlanCreated'), ['/events/0/data/measureId']],
    [
      'evaluationDueOn not a date',
      withData({ planId: 't1', kind: '1', evaluationDueOn: '2024-02-30' }, 'PlanCreated'),
      ['/events/0/data/evaluationDueOn'],
    ],
    ['evaluation without planId', withData({}, 'PlanEvaluated'), ['/events/0/data/planId']],
    ['plan end with a free-text planId', withData({ planId: 'plan for Ola' }, 'PlanEnded'), ['/events/0/data/planId']],
    ['perYear 3', withData({ placementId: 'p1', kind: 'follow_up', perYear: 3 }, 'VisitFrequencySet'), ['/events/0/data/perYear']],
    ['perYear a string', withData({ placementId: 'p1', kind: 'follow_up', perYear: '4' }, 'VisitFrequencySet'), ['/events/0/data/perYear']],
    [
      'childConsent a string',
      withData({ placementId: 'p1', kind: 'supervision', perYear: 2, childConsent: 'yes' }, 'VisitFrequencySet'),
      ['/events/0/data/childConsent'],
    ],
    [
      'supervisor of 5 digits',
      withData({ placementId: 'p1', municipality: '32011' }, 'SupervisionResponsibilitySet'),
      ['/events/0/data/municipality'],
    ],
    ['supervision without placement', withData({ municipality: '3203' }, 'SupervisionResponsibilitySet'), ['/events/0/data/placementId']],
    ['visit kind home', withData({ visitId: 'v1', placementId: 'p1', kind: 'home', inPerson: true }, 'VisitHeld'), ['/events/0/data/kind']],
    ['visit without inPerson', withData({ visitId: 'v1', placementId: 'p1', kind: 'follow_up' }, 'VisitHeld'), ['/events/0/data/inPerson']],
    [
      'visit without placement',
      withData({ visitId: 'v1', kind: 'follow_up', inPerson: true }, 'VisitHeld'),
      ['/events/0/data/placementId'],
    ],
    ['offer without offerId', withData({}, 'AftercareOffered'), ['/events/0/data/offerId']],
    ['aftercare outcome maybe', withData({ offerId: 'a1', outcome: 'maybe' }, 'AftercareConcluded'), ['/events/0/data/outcome']],
    ['aftercare note', withData({ offerId: 'a1', outcome: 'accepted', note: 'x' }, 'AftercareConcluded'), ['/events/0/data/note']],
  ])('refuses %s', (_label, input, pointers) => {
    const result = validateRecordRequest(input, context);
    expect(result.ok).toBe(false);
    expect(pointersOf(result)).toEqual(pointers);
    for (const problem of problemsOf(result)) expect(problem.detail.length).toBeGreaterThan(0);
  });

  it('names the event types when the type is unknown, in one readable sentence', () => {
    const result = validateRecordRequest(body({ ...received, type: 'ChildRenamed' }), context);
    const [problem] = problemsOf(result);
    expect(problem.detail).toMatch(/^is not an event type; must be one of: NotificationReceived, /);
    expect(problem.detail).not.toContain('must be an event type');
  });

  it('names every offending field at once, across events and levels', () => {
    const result = validateRecordRequest(
      {
        expectedVersion: 'x',
        extra: 1,
        events: [
          { ...received, occurredAt: '2024-03-01T10:15', data: { ...received.data, municipality: 'x', notificationId: '' } },
          { type: 'Nope', occurredAt: 5, data: {} },
        ],
      },
      context,
    );
    expect(pointersOf(result)).toEqual([
      '/events/0/data/municipality',
      '/events/0/data/notificationId',
      '/events/0/occurredAt',
      '/events/1/occurredAt',
      '/events/1/type',
      '/expectedVersion',
      '/extra',
    ]);
  });

  it('escapes JSON pointer segments', () => {
    expect(pointersOf(validateRecordRequest({ events: [received], 'a/b~c': 1 }, context))).toEqual(['/a~1b~0c']);
  });

  it('never throws on odd JSON values', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const odd: unknown[] = [
      undefined,
      true,
      0,
      -0,
      1e308,
      '',
      'x'.repeat(2_000_000),
      [],
      [[]],
      {},
      deep,
      { events: [deep] },
      { events: [{ ...received, data: deep }] },
      { events: [{ ...received, occurredAt: 'x'.repeat(1_000_000) }] },
      { events: [{ ...received, eventId: 'x'.repeat(1_000_000) }] },
      withData({ ...received.data, notificationId: '1'.repeat(1_000_000) }),
    ];
    for (const value of odd) {
      const result = validateRecordRequest(value, context);
      expect(result.ok).toBe(false);
    }
  });
});

describe('validateRecordRequest: identity numbers in property names', () => {
  const FNR = '01010750160';
  const refusal = (input: unknown) => JSON.stringify(problemsOf(validateRecordRequest(input, context)));

  it('names a property whose name holds one by its place, never by its name', () => {
    const result = validateRecordRequest(withData({ notificationId: 'n1', municipality: '3201', reporters: ['11'], [FNR]: 'x' }), context);
    expect(problemsOf(result)).toEqual([
      { pointer: '/events/0/data/<key 3>', detail: 'unknown property; it is not part of the contract' },
      { pointer: '/events/0/data/<key 3>', detail: 'property name must not contain a national identity number (fødselsnummer/D-nummer)' },
    ]);
  });

  it.each<[string, unknown, string]>([
    ['on the body', { [`${FNR.slice(0, 6)} ${FNR.slice(6)}`]: 1, events: [received] }, '/<key 0>'],
    ['on an event', body({ ...received, [`p-${FNR}`]: true }), '/events/0/<key 4>'],
    ['deep in free-form data', withData({ ...received.data, notes: [{ a: { [FNR]: { b: 1 } } }] }), '/events/0/data/notes/0/a/<key 0>'],
  ])('finds one %s', (_label, input, pointer) => {
    const result = validateRecordRequest(input, context);
    expect(problemsOf(result)).toContainEqual({
      pointer,
      detail: expect.stringContaining('property name must not contain a national identity number'),
    });
    expect(refusal(input)).not.toMatch(/010107.?50160/);
  });

  it('keeps the names of the members around it, and hides only the one holding the number', () => {
    const input = withData({ ...received.data, notes: { [FNR]: { note: `about ${FNR}` } } });
    expect(pointersOf(validateRecordRequest(input, context))).toEqual([
      '/events/0/data/notes',
      '/events/0/data/notes/<key 0>',
      '/events/0/data/notes/<key 0>/note',
    ]);
    expect(refusal(input)).not.toContain(FNR);
  });

  it('looks for identity numbers even when the body has other problems', () => {
    const input = { expectedVersion: 'x', events: [{ ...received, data: { ...received.data, municipality: 'x', reporters: [FNR] } }] };
    expect(pointersOf(validateRecordRequest(input, context))).toEqual([
      '/events/0/data/municipality',
      '/events/0/data/reporters',
      '/events/0/data/reporters/0',
      '/expectedVersion',
    ]);
  });

  it('names an id field holding one once', () => {
    expect(problemsOf(validateRecordRequest(withData({ ...received.data, notificationId: FNR }), context))).toHaveLength(1);
  });

  it('walks bodies nested far deeper than a call stack would allow', () => {
    let deep: unknown = { [FNR]: 1 };
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const problems = problemsOf(validateRecordRequest({ events: [received], deep }, context));
    expect(problems.map((p) => p.detail)).toContain('property name must not contain a national identity number (fødselsnummer/D-nummer)');
    expect(JSON.stringify(problems)).not.toContain(FNR);
  });
});
