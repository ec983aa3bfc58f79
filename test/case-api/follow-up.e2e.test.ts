import { authHeaders, type AuthHeaders } from '../support/auth';
import { JSON_HEADERS, startTestApp, uuid, type TestApp } from './harness';

/*
 * The follow-up events of CONTRACT.md §1 over HTTP, with the bodies of docs/follow-up.md: they
 * are recorded, shape errors are 400s naming the field, case-rule breaks are 422s naming the
 * rule, and GET /v1/cases/{id} shows plans, frequencies, supervisors, visits and aftercare.
 */
describe('follow-up events (e2e, in-process)', () => {
  let t: TestApp;
  let auth: AuthHeaders;
  beforeAll(async () => {
    t = await startTestApp();
    auth = await authHeaders(t.app, { roles: ['intake', 'auditor'], municipalities: ['3201'], subject: 'e2e-follow-up' });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (caseId: string, events: unknown[]) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/events`,
      headers: { ...JSON_HEADERS, ...auth },
      payload: JSON.stringify({ events }),
    });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth });

  const history = [
    {
      type: 'NotificationReceived',
      occurredAt: '2024-01-31',
      data: { notificationId: 'n1', municipality: '3201', reporters: ['11'], childBirthYear: 2014 },
    },
    {
      type: 'MeasureStarted',
      occurredAt: '2024-03-05',
      data: { measureId: 'm1', category: '3.2', basis: 'voluntary', decidedOn: '2024-03-01' },
    },
    { type: 'PlanCreated', occurredAt: '2024-03-01', data: { planId: 't1', kind: '1', measureId: 'm1' } },
    {
      type: 'PlacementStarted',
      occurredAt: '2024-04-02',
      data: { placementId: 'p1', category: '2.2', basis: 'care_order', emergency: false },
    },
    { type: 'PlanCreated', occurredAt: '2024-04-02', data: { planId: 'o1', kind: '4', placementId: 'p1' } },
    { type: 'VisitFrequencySet', occurredAt: '2024-04-02', data: { placementId: 'p1', kind: 'follow_up', perYear: 4 } },
    { type: 'SupervisionResponsibilitySet', occurredAt: '2024-04-02', data: { placementId: 'p1', municipality: '3203' } },
    { type: 'VisitHeld', occurredAt: '2024-05-14', data: { visitId: 'v1', placementId: 'p1', kind: 'follow_up', inPerson: true } },
    { type: 'PlanEvaluated', occurredAt: '2024-05-30', data: { planId: 't1' } },
    { type: 'AftercareOffered', occurredAt: '2024-06-01', data: { offerId: 'a1' } },
  ];

  it('records plans, frequencies, supervision, visits and aftercare, and shows them on the case', async () => {
    const res = await post('c-15-1', history);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: history.length });

    const view = await get('/v1/cases/c-15-1?asOf=2024-06-20');
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.measures[0]).toMatchObject({ measureId: 'm1', decidedDate: '2024-03-01' });
    expect(body.plans.map((p: { planId: string; evaluationDue: string | null }) => [p.planId, p.evaluationDue])).toEqual([
      ['t1', '2024-08-30'],
      ['o1', null],
    ]);
    expect(body.placements[0]).toMatchObject({
      placementId: 'p1',
      emergency: false,
      visitFrequency: { followUp: 4, supervision: 4 },
      supervisingMunicipality: '3203',
      visits: [{ visitId: 'v1', kind: 'follow_up', date: '2024-05-14', inPerson: true }],
    });
    expect(body.aftercare).toEqual([{ offerId: 'a1', offeredDate: '2024-06-01', concludedDate: null, outcome: null }]);
    expect(body.followUp).toContainEqual(
      expect.objectContaining({ kind: 'supervision_visit', id: 'p1', deadline: '2024-06-30', municipality: '3203', owed: 1 }),
    );
  });

  it('refuses a bad shape with a 400 naming every field', async () => {
    const res = await post('c-15-2', [
      history[0],
      { type: 'VisitFrequencySet', occurredAt: '2024-04-02', data: { placementId: 'p1', kind: 'monthly', perYear: 3, note: 'x' } },
      { type: 'MeasureStarted', occurredAt: '2024-03-05', data: { measureId: 'm1', category: '3.2', decidedOn: '2099-01-01' } },
    ]);
    expect(res.statusCode).toBe(400);
    const pointers = (res.json().errors as Array<{ pointer: string }>).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/events/1/data/kind', '/events/1/data/note', '/events/1/data/perYear', '/events/2/data/decidedOn']);
  });

  it('refuses a visit outside its placement with a 422 naming the rule', async () => {
    const res = await post('c-15-3', [
      history[0],
      { type: 'PlacementStarted', occurredAt: '2024-04-02', data: { placementId: 'p1', category: '2.2', basis: 'voluntary' } },
      { type: 'PlacementEnded', occurredAt: '2024-05-01', data: { placementId: 'p1', planned: true } },
      { type: 'VisitHeld', occurredAt: '2024-05-14', data: { visitId: 'v1', placementId: 'p1', kind: 'follow_up', inPerson: true } },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'outside_placement', eventIndex: 3 });
  });

  it('retracts a follow-up event as any other: the visit leaves the case; a placement its plan and frequency name cannot be retracted', async () => {
    const [placement, visit] = [uuid(), uuid()];
    const withIds = history.map((e) => ({
      ...e,
      eventId: e.type === 'PlacementStarted' ? placement : e.type === 'VisitHeld' ? visit : uuid(),
    }));
    expect((await post('c-15-4', withIds)).statusCode).toBe(201);
    const retract = (eventId: string) => ({
      type: 'EventRetracted',
      occurredAt: '2024-06-10',
      data: { retractedEventId: eventId, reason: 'registration_error' },
    });

    expect((await post('c-15-4', [retract(visit)])).statusCode).toBe(201);
    const body = (await get('/v1/cases/c-15-4?asOf=2024-06-20')).json();
    expect(body.placements[0].visits).toEqual([]);
    // the quarter's follow-up visit is owed again now that the only one is gone
    expect(body.followUp).toContainEqual(expect.objectContaining({ kind: 'follow_up_visit', id: 'p1', deadline: '2024-06-30', owed: 1 }));

    const refused = await post('c-15-4', [retract(placement)]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'retraction_has_dependants' });
  });

  it('accepts an extension registered after the close but dated before it (valid time decides), and refuses joining no open investigation', async () => {
    const closedCase = [
      history[0],
      { type: 'InvestigationOpened', occurredAt: '2024-02-02', data: { investigationId: 'u1', notificationId: 'n1' } },
      { type: 'InvestigationClosed', occurredAt: '2024-06-01', data: { investigationId: 'u1', outcome: 'measures_decided' } },
    ];
    expect((await post('c-15-5', closedCase)).statusCode).toBe(201);
    const late = await post('c-15-5', [{ type: 'InvestigationExtended', occurredAt: '2024-04-20', data: { investigationId: 'u1' } }]);
    expect(late.statusCode).toBe(201);
    const view = (await get('/v1/cases/c-15-5?asOf=2024-06-20')).json();
    expect(view.investigations[0]).toMatchObject({
      deadline: '2024-08-07',
      extension: { decidedDate: '2024-04-20', inForce: true },
      onTime: true,
    });
    const afterClose = await post('c-15-5', [{ type: 'InvestigationExtended', occurredAt: '2024-06-02', data: { investigationId: 'u1' } }]);
    expect(afterClose.statusCode).toBe(422);
    expect(afterClose.json()).toMatchObject({ rule: 'investigation_not_open' });

    const joined = await post('c-15-5', [
      { type: 'NotificationReceived', occurredAt: '2024-06-10', data: { notificationId: 'n2', municipality: '3201', reporters: ['11'] } },
      { type: 'NotificationCleared', occurredAt: '2024-06-11', data: { notificationId: 'n2', reason: 'joined_ongoing_investigation' } },
    ]);
    expect(joined.statusCode).toBe(422);
    expect(joined.json()).toMatchObject({ rule: 'no_ongoing_investigation', eventIndex: 1 });
  });
});
