import fc from 'fast-check';
import { CASE_EVENT_TYPES, type CaseEventType } from '@fristvakt/domain';
import { isNationalIdentityNumber } from '@fristvakt/case-recording';
import { JSON_HEADERS, startTestApp, uuid, type TestApp } from '../case-api/harness';
import { authHeaders, type AuthHeaders } from '../support/auth';
import { identityNumber, identityNumberInId } from '../support/identity-numbers';

/*
 * DOMAIN.md §6: no national identity number may reach the log. Generated fødselsnumre, D-, H- and
 * synthetic numbers, bare or built into an id, go into every id field of every event type and
 * into the case id of the path; every request must be refused naming that field, and the log
 * must stay as it was.
 */

/** A valid `data` per event type; the id fields are the members ending in `Id`. */
const DATA: { [T in CaseEventType]: Record<string, unknown> } = {
  NotificationReceived: { notificationId: 'n1', municipality: '3201', reporters: ['11'] },
  NotificationCleared: { notificationId: 'n1', reason: 'no_grounds' },
  InvestigationOpened: { investigationId: 'u1', notificationId: 'n1' },
  InvestigationExtended: { investigationId: 'u1', reason: 'complex_case' },
  ExtensionAssessed: { investigationId: 'u1', approved: true },
  InvestigationClosed: { investigationId: 'u1', outcome: 'measures_decided' },
  MeasureStarted: { measureId: 'm1', category: '4.1' },
  MeasureEnded: { measureId: 'm1' },
  PlacementStarted: { placementId: 'p1', category: '1.1', basis: 'voluntary' },
  PlacementEnded: { placementId: 'p1', planned: true },
  PlanCreated: { planId: 'pl1', kind: '1', measureId: 'm1', placementId: 'p1' },
  PlanEvaluated: { planId: 'pl1' },
  PlanEnded: { planId: 'pl1' },
  VisitFrequencySet: { placementId: 'p1', kind: 'follow_up', perYear: 4 },
  SupervisionResponsibilitySet: { placementId: 'p1', municipality: '3201' },
  VisitHeld: { visitId: 'v1', placementId: 'p1', kind: 'supervision', inPerson: true },
  AftercareOffered: { offerId: 'a1' },
  AftercareConcluded: { offerId: 'a1', outcome: 'accepted' },
  EventRetracted: { retractedEventId: 'e1', reason: 'duplicate' },
};

const ID_FIELDS = CASE_EVENT_TYPES.flatMap((type) =>
  Object.keys(DATA[type])
    .filter((k) => k.endsWith('Id'))
    .map((field) => ({ type, field })),
);

describe('identity numbers are refused everywhere an id goes (HTTP, property)', () => {
  let t: TestApp;
  let auth: AuthHeaders;
  beforeAll(async () => {
    t = await startTestApp();
    auth = await authHeaders(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (caseId: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/cases/${encodeURIComponent(caseId)}/events`,
      headers: { ...JSON_HEADERS, ...auth },
      payload: JSON.stringify(body),
    });
  const event = (type: CaseEventType, data: Record<string, unknown>) => ({ eventId: uuid(), type, occurredAt: '2024-05-02', data });
  const named = (problem: { errors?: Array<Record<string, string>> }) => (problem.errors ?? []).map((e) => e.pointer ?? e.parameter);

  it('generates only numbers that pass the check digits (independent of the guard)', () => {
    fc.assert(fc.property(identityNumber(), (n) => isNationalIdentityNumber(n)));
  });

  it('covers every event type and knows its id fields', () => {
    expect(Object.keys(DATA).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    expect(ID_FIELDS).toHaveLength(23);
  });

  it('accepts the templates as they are (so a 400 below is the identity number)', async () => {
    for (const type of CASE_EVENT_TYPES) {
      const res = await post('template-case', { events: [event(type, DATA[type])] });
      expect({ type, status: res.statusCode }).not.toEqual({ type, status: 400 });
    }
  });

  it('refuses one in any id field of any event type', async () => {
    const head = await t.store.headPosition();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ID_FIELDS), identityNumberInId, async ({ type, field }, id) => {
        const res = await post('c-ok', { events: [event(type, { ...DATA[type], [field]: id })] });
        expect(res.statusCode).toBe(400);
        expect(named(res.json())).toContain(`/events/0/data/${field}`);
      }),
      { numRuns: 150 },
    );
    expect(await t.store.headPosition()).toBe(head);
  });

  it('refuses one as the case id in the path', async () => {
    const head = await t.store.headPosition();
    await fc.assert(
      fc.asyncProperty(identityNumberInId, async (caseId) => {
        const res = await post(caseId, { events: [event('NotificationReceived', DATA.NotificationReceived)] });
        expect(res.statusCode).toBe(400);
        expect(named(res.json())).toContain('caseId');
      }),
      { numRuns: 50 },
    );
    expect(await t.store.headPosition()).toBe(head);
  });

  it('refuses one as the eventId (not a UUID)', async () => {
    await fc.assert(
      fc.asyncProperty(identityNumber(), async (n) => {
        const res = await post('c-ok', { events: [{ ...event('NotificationReceived', DATA.NotificationReceived), eventId: n }] });
        expect(res.statusCode).toBe(400);
        expect(named(res.json())).toContain('/events/0/eventId');
      }),
      { numRuns: 20 },
    );
  });
});
