import { DEFAULT_DEADLINE_RULES, type CountingMethod, type RecordedCaseEvent } from '@fristvakt/domain';
import { received } from '@fristvakt/domain/testing';
import { generateEventLog, logToRequests } from '@fristvakt/generator';
import {
  applyAll,
  compliance,
  createModel,
  deadlines,
  flow,
  parsePeriod,
  type FlowAnswer,
  type ProjectionModel,
} from '@fristvakt/projections';
import { roundForPresentation } from '../../apps/case-api/src/statistics/presentation';
import { boardFields, byKey } from '../projections/board-fields';
import { flowComparable } from '../projections/flow-comparable';
import { referenceFollowUp, referenceFollowUpItems } from '../projections/reference-follow-up';
import { referenceCompliance, referenceDeadlines, referenceFlow } from '../projections/reference-recompute';
import { bearer, getJson, loadThroughApi, recordedEvents, startLeaderApp, TestClock, type LeaderTestApp } from './leader-harness';

/*
 * A generated two-year, two-municipality history goes in through POST /v1/cases/{id}/events at
 * its intended recording times. A handful of queries per route prove the wiring: the HTTP answer
 * is exactly what the library computes from the stored events (shares rounded as the API
 * presents them) and matches the independent recomputation (test/projections/reference-recompute.ts).
 * The same history against the reference for every period, method and scope is checked without
 * HTTP in test/projections/reference-vs-model.test.ts. `municipality` may be a comma list: the
 * figures then cover the union, which the reference computes as one population too.
 */

const MUNICIPALITIES = ['3201', '3203'];
const HISTORY = { municipalities: MUNICIPALITIES, years: 2, fromYear: 2022, scale: 0.3, seed: 7 };
const FIRST_RECORDING = new Date('2022-01-01T00:00:00Z');
/** the app's clock once the history is in: a fortnight after it ends */
const NOW = '2024-01-15T12:00:00.000Z';
const TODAY = '2024-01-15';
const rules = DEFAULT_DEADLINE_RULES;

type Headers = { authorization: string };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
/** the scope as the API echoes it: sorted, null for every municipality */
const scopeOf = (municipality: string | undefined) => (municipality === undefined ? null : municipality.split(',').sort());
/** the reference's filter for a `municipality` parameter (one, or a comma list) */
const referenceScope = (municipality: string | undefined) =>
  municipality === undefined ? {} : { municipalities: municipality.split(',') };

/** the library's query for a leader query's parameters, as the API forms it (asOf today unless given) */
function figuresQuery(params: { period: string; method: CountingMethod; municipality?: string; knownAt?: string; asOf?: string }) {
  const { municipality, asOf, ...rest } = params;
  return { ...rest, ...referenceScope(municipality), asOf: asOf ?? TODAY, rules };
}

function query(params: Record<string, string | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return new URLSearchParams(defined).toString();
}

describe('leader queries over a generated history loaded through the API', () => {
  const clock = new TestClock(FIRST_RECORDING);
  let t: LeaderTestApp;
  let events: RecordedCaseEvent[];
  let auditor: Headers;
  let lastPosition: number;
  let loadedModel: ProjectionModel | undefined;
  /** the library's read model of the loaded history, folded here from the stored events */
  const model = () => (loadedModel ??= applyAll(createModel(), events));

  beforeAll(async () => {
    t = await startLeaderApp({ clock, minPositionWaitMs: 300 });
    const intake = await bearer(t, { roles: ['intake'], municipalities: MUNICIPALITIES }, FIRST_RECORDING);
    lastPosition = await loadThroughApi(t, logToRequests(generateEventLog(HISTORY)), intake);
    clock.set(NOW);
    auditor = await bearer(t, { roles: ['auditor'], municipalities: ['*'] }, FIRST_RECORDING);
    events = await recordedEvents(t.store);
    await t.projections.runner.waitForPosition(lastPosition, 10_000);
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('loaded a history with late registrations and retractions', () => {
    expect(events.length).toBeGreaterThan(1500);
    expect(events.some((e) => e.type === 'EventRetracted')).toBe(true);
    expect(new Set(events.map((e) => e.recordedAt)).size).toBeGreaterThan(1000);
  });

  describe('GET /v1/deadlines', () => {
    it.each<{ asOf?: string; knownAt?: string; municipality?: string; method: CountingMethod }>([
      { method: 'legal' },
      { asOf: '2023-01-15T10:00:00+01:00', municipality: '3201', method: 'statistical' },
      { asOf: '2023-03-01', knownAt: '2023-02-01T08:00:00Z', municipality: '3203,3201', method: 'legal' },
    ])('answers what the library computes, and matches the reference: %o', async (params) => {
      const res = await getJson<Json>(t, `/v1/deadlines?${query(params)}`, auditor);
      expect(res.status).toBe(200);
      const q = { ...params, ...referenceScope(params.municipality), municipality: undefined, asOf: params.asOf ?? TODAY, rules };
      const { position: _position, ...board } = res.body;
      expect(board).toEqual({ ...deadlines(model(), q), municipalities: scopeOf(params.municipality) });
      const expected = referenceDeadlines(events, q);
      expect(res.body.asOf).toBe(expected.asOf);
      expect(boardFields(res.body.items).sort(byKey)).toEqual(
        boardFields([...expected.items, ...referenceFollowUpItems(events, q)]).sort(byKey),
      );
      expect(res.body.items.length).toBeGreaterThan(0);
      // board order: overdue first, then by deadline
      const keys = res.body.items.map((i: Json) => `${i.status === 'overdue' ? 0 : 1}${i.deadline}`);
      expect(keys).toEqual([...keys].sort());
    });

    it('filters by status and kind, and merges a comma list of municipalities in board order', async () => {
      const all = (await getJson<Json>(t, `/v1/deadlines?asOf=2023-06-30`, auditor)).body.items as Json[];
      const overdueInvestigations = (await getJson<Json>(t, `/v1/deadlines?asOf=2023-06-30&status=overdue&kind=investigation`, auditor))
        .body.items;
      expect(overdueInvestigations).toEqual(all.filter((i) => i.status === 'overdue' && i.kind === 'investigation'));
      const both = await getJson<Json>(t, `/v1/deadlines?asOf=2023-06-30&municipality=3203,3201`, auditor);
      expect(both.body.items).toEqual(all);
      expect(both.body.municipalities).toEqual(['3201', '3203']);
      const repeated = await getJson<Json>(t, `/v1/deadlines?asOf=2023-06-30&municipality=3201&municipality=3203`, auditor);
      expect(repeated.body.items).toEqual(all);
    });

    it("covers only the caller's municipalities without a filter, and refuses another one", async () => {
      const leader = await bearer(t, { roles: ['leader'], municipalities: ['3203'] }, FIRST_RECORDING);
      const own = await getJson<Json>(t, `/v1/deadlines?asOf=2023-06-30`, leader);
      expect(own.body.municipalities).toEqual(['3203']);
      // besides its own cases' items, only the supervision visits it owes for children of 3201 placed in its foster homes (DOMAIN.md §7.4)
      const others = own.body.items.filter((i: Json) => i.municipality !== '3203');
      expect(new Set(own.body.items.filter((i: Json) => i.kind !== 'supervision_visit').map((i: Json) => i.municipality))).toEqual(
        new Set(['3203']),
      );
      for (const item of others) expect(item).toMatchObject({ kind: 'supervision_visit', supervisedBy: '3203' });
      expect((await getJson(t, `/v1/deadlines?municipality=3201`, leader)).status).toBe(403);
    });
  });

  describe('GET /v1/compliance', () => {
    it.each<{ period: string; method: CountingMethod; municipality?: string; knownAt?: string; asOf?: string }>([
      { period: '2023', method: 'legal' },
      { period: '2022-Q3', method: 'statistical', municipality: '3203,3201' },
      { period: '2023-05', method: 'legal', municipality: '3203' },
      { period: '2023-Q2', method: 'legal', asOf: '2023-05-15', knownAt: '2023-05-31', municipality: '3201' },
      { period: '2023-H1', method: 'legal', knownAt: '2023-07-05T06:00:00Z' },
    ])('answers what the library computes, and matches the reference: %o', async (params) => {
      await expectCompliance(params);
    });

    it('has figures to compare: the year 2023 concludes reviews and closes investigations', async () => {
      const year = await getJson<Json>(t, '/v1/compliance?period=2023', auditor);
      expect(year.body.reviews.concluded).toBeGreaterThan(100);
      expect(year.body.investigations.closed).toBeGreaterThan(50);
    });

    it('takes from/to as well as period', async () => {
      const a = await getJson<Json>(t, `/v1/compliance?from=2023-01-01&to=2023-06-30`, auditor);
      const b = await getJson<Json>(t, `/v1/compliance?period=2023-H1`, auditor);
      expect(a.body).toEqual(b.body);
    });

    it('suppresses counts of 1–4 on request and lists them', async () => {
      const res = await getJson<Json>(t, `/v1/compliance?period=2023-05&municipality=3201&suppressSmallCounts=true`, auditor);
      expect(res.status).toBe(200);
      expect(res.body.suppression).toEqual({ applied: true, note: expect.any(String) });
      for (const path of res.body.suppressed as string[]) {
        expect(path.split('.').reduce((node: Json, key) => node?.[key], res.body)).toBeNull();
      }
    });
  });

  async function expectCompliance(params: {
    period: string;
    method: CountingMethod;
    municipality?: string;
    knownAt?: string;
    asOf?: string;
  }) {
    const res = await getJson<Json>(t, `/v1/compliance?${query(params)}`, auditor);
    expect(res.status).toBe(200);
    const { from, to } = parsePeriod(params.period);
    const { position: _position, ...answer } = res.body;
    expect(answer).toEqual(roundForPresentation(compliance(model(), figuresQuery(params))));
    const expected = referenceCompliance(events, {
      ...params,
      ...referenceScope(params.municipality),
      municipality: undefined,
      asOf: params.asOf ?? TODAY,
      from,
      to,
      rules,
    });
    const { durationDays: reviewDurations, ...reviews } = res.body.reviews;
    const { medianDays: reviewMedian, ...refReviews } = expected.reviews;
    expect({ params, reviews }).toEqual({ params, reviews: { ...refReviews, onTimeShare: round3(refReviews.onTimeShare) } });
    expect(reviewDurations.median).toBe(reviewMedian);
    const { durationDays, durationFromReceiptDays: _receipt, withinDeadlineShare, ...investigations } = res.body.investigations;
    const { medianDays, p90Days, ...refInvestigations } = expected.investigations;
    expect({ params, investigations }).toEqual({
      params,
      investigations: { ...refInvestigations, breachShare: round3(refInvestigations.breachShare) },
    });
    expect([durationDays.median, durationDays.p90]).toEqual([medianDays, p90Days]);
    const refClosed = refInvestigations.closed;
    expect(withinDeadlineShare).toBe(refClosed === 0 ? null : round3(refInvestigations.onTime / refClosed));
    expect(res.body.period).toEqual({ from, to });
    const scope = scopeOf(params.municipality);
    expect([res.body.municipalities, res.body.municipality]).toEqual([scope, scope?.length === 1 ? scope[0] : null]);
    expect({ params, followUp: res.body.followUp }).toEqual({
      params,
      followUp: roundedFollowUp(
        referenceFollowUp(events, {
          ...params,
          ...referenceScope(params.municipality),
          municipality: undefined,
          asOf: params.asOf ?? TODAY,
          from,
          to,
        }),
      ),
    });
  }

  /** the reference's shares as the API rounds them */
  function roundedFollowUp(f: Json): Json {
    return Object.fromEntries(
      Object.entries(f).map(([k, v]) => [
        k,
        v !== null && typeof v === 'object' && 'metShare' in v ? { ...v, metShare: round3(v.metShare) } : v,
      ]),
    );
  }

  describe('after the investigation (DOMAIN.md §7)', () => {
    it('loaded plans, evaluations, visits, frequency changes, supervision moved between the two municipalities and aftercare', () => {
      const types = new Set(events.map((e) => e.type));
      for (const type of [
        'PlanCreated',
        'PlanEvaluated',
        'PlanEnded',
        'VisitHeld',
        'VisitFrequencySet',
        'SupervisionResponsibilitySet',
        'AftercareOffered',
        'AftercareConcluded',
      ])
        expect(types).toContain(type);
    });

    it('answers every follow-up figure with children counted, close to the seeds (plans ~98 %, visits ~97 %)', async () => {
      const year = (await getJson<Json>(t, '/v1/compliance?period=2023-H2', auditor)).body.followUp;
      expect(year.ruleSet).toBe('followup2021');
      expect(year.plans.denominator).toBeGreaterThan(20);
      expect(year.plans.metShare).toBeGreaterThan(0.9);
      expect(year.evaluatedPlans.denominator).toBeGreaterThan(5);
      expect(year.followUpVisits.denominator).toBeGreaterThan(3);
      expect(year.followUpVisits.metShare).toBeGreaterThan(0.8);
      expect(year.followUpVisits.notMet.length).toBe(year.followUpVisits.missing);
    });

    it('lets the supervising municipality count the children placed in its foster homes, and the care municipality see their status', async () => {
      const moved = events.filter((e) => e.type === 'SupervisionResponsibilitySet');
      expect(moved.length).toBeGreaterThan(0);
      let seen = 0;
      for (const period of ['2022', '2023']) {
        for (const municipality of MUNICIPALITIES) {
          const leader = await bearer(t, { roles: ['leader'], municipalities: [municipality] }, FIRST_RECORDING);
          const mine = (await getJson<Json>(t, `/v1/compliance?period=${period}`, leader)).body.followUp;
          const other = MUNICIPALITIES.find((m) => m !== municipality)!;
          const theirs = (await getJson<Json>(t, `/v1/compliance?period=${period}&municipality=${other}`, auditor)).body.followUp;
          // the children other municipalities supervise for us are the ones we count among theirs
          for (const caseId of mine.supervision.elsewhere.notMet) expect(theirs.supervision.notMet).toContain(caseId);
          seen += mine.supervision.elsewhere.children;
        }
      }
      expect(seen).toBeGreaterThan(0);
    });

    it("answers a leader of each municipality, from its token alone, every follow-up figure and board item as the reference does for that municipality, the other's children it supervises included", async () => {
      const followUpKinds = new Set(['plan', 'care_plan', 'evaluation', 'follow_up_visit', 'supervision_visit']);
      let supervisedForTheOther = 0;
      for (const municipality of MUNICIPALITIES) {
        const leader = await bearer(t, { roles: ['leader'], municipalities: [municipality] }, FIRST_RECORDING);
        for (const period of ['2022-H2', '2023']) {
          const { from, to } = parsePeriod(period);
          const res = await getJson<Json>(t, `/v1/compliance?period=${period}`, leader);
          const expected = roundedFollowUp(referenceFollowUp(events, { municipalities: [municipality], asOf: TODAY, from, to }));
          expect({ municipality, period, followUp: res.body.followUp }).toEqual({ municipality, period, followUp: expected });
        }
        for (const asOf of ['2022-12-31', '2023-06-30', TODAY]) {
          const items = (await getJson<Json>(t, `/v1/deadlines?asOf=${asOf}`, leader)).body.items.filter((i: Json) =>
            followUpKinds.has(i.kind),
          );
          const expected = referenceFollowUpItems(events, { municipalities: [municipality], asOf });
          expect({ municipality, asOf, items: boardFields(items).sort(byKey) }).toEqual({
            municipality,
            asOf,
            items: boardFields(expected).sort(byKey),
          });
          supervisedForTheOther += items.filter((i: Json) => i.municipality !== municipality).length;
        }
      }
      expect(supervisedForTheOther).toBeGreaterThan(0);
    });

    it('filters the board by the follow-up kinds, and shows another municipality only the supervision visits it owes', async () => {
      const all = (await getJson<Json>(t, '/v1/deadlines?asOf=2023-06-30', auditor)).body.items as Json[];
      for (const kind of ['plan', 'evaluation', 'follow_up_visit', 'supervision_visit']) {
        const only = (await getJson<Json>(t, `/v1/deadlines?asOf=2023-06-30&kind=${kind}`, auditor)).body.items;
        expect(only).toEqual(all.filter((i) => i.kind === kind));
      }
      expect(all.some((i) => i.kind === 'evaluation')).toBe(true);
      for (const municipality of MUNICIPALITIES) {
        const leader = await bearer(t, { roles: ['leader'], municipalities: [municipality] }, FIRST_RECORDING);
        const board = (await getJson<Json>(t, '/v1/deadlines?asOf=2023-06-30', leader)).body.items as Json[];
        for (const item of board.filter((i) => i.municipality !== municipality))
          expect(item).toMatchObject({ kind: 'supervision_visit', supervisedBy: municipality });
      }
    });
  });

  describe('GET /v1/statistics/flow', () => {
    it.each<{ period: string; municipality?: string; knownAt?: string; asOf?: string }>([
      { period: '2023' },
      { period: '2023-Q4', asOf: '2023-11-30', municipality: '3203' },
      { period: '2022-H2', knownAt: '2023-01-31T12:00:00Z', municipality: '3203,3201' },
    ])('answers what the library computes, and matches the reference: %o', async (params) => {
      const res = await getJson<Json>(t, `/v1/statistics/flow?${query(params)}`, auditor);
      expect(res.status).toBe(200);
      const { from, to } = parsePeriod(params.period);
      const { position: _position, ...answer } = res.body;
      expect(answer).toEqual(roundForPresentation(flow(model(), figuresQuery({ method: 'legal', ...params }))));
      const expected = referenceFlow(events, {
        ...params,
        ...referenceScope(params.municipality),
        municipality: undefined,
        method: 'legal',
        asOf: params.asOf ?? TODAY,
        from,
        to,
        rules,
      });
      const f = res.body;
      expect(f.municipalities).toEqual(scopeOf(params.municipality));
      expect(flowComparable(f as FlowAnswer)).toEqual({
        ...expected,
        notifications: { ...expected.notifications, toInvestigationShare: round3(expected.notifications.toInvestigationShare) },
        placements: {
          ...expected.placements,
          emergencyShare: round3(expected.placements.emergencyShare),
          kinshipShare: round3(expected.placements.kinshipShare),
        },
      });
      expect(f.notifications.received).toBeGreaterThan(0);
    });
  });

  describe('minPosition', () => {
    it('after a POST, answers with the recorded event counted', async () => {
      const intake = await bearer(t, { roles: ['intake'], municipalities: ['3201'] }, FIRST_RECORDING);
      const posted = await t.app.inject({
        method: 'POST',
        url: '/v1/cases/fresh-1/events',
        headers: { 'content-type': 'application/json', ...intake },
        payload: JSON.stringify({
          expectedVersion: 0,
          events: [received('n1', '2024-01-15T09:00:00+01:00', { eventId: 'b7e3c2a4-5d1f-4e8a-9c6b-2f0d3e4a5b6c' })],
        }),
      });
      expect(posted.statusCode).toBe(201);
      const { position } = posted.json() as { position: number };
      const res = await getJson<Json>(t, `/v1/deadlines?municipality=3201&minPosition=${position}`, auditor);
      expect(res.status).toBe(200);
      expect(res.body.position).toBeGreaterThanOrEqual(position);
      expect(res.body.items).toContainEqual(
        expect.objectContaining({ caseId: 'fresh-1', kind: 'review', deadline: '2024-01-22', status: 'ok' }),
      );
      const flow = await getJson<Json>(t, `/v1/statistics/flow?period=2024-01&municipality=3201&minPosition=${position}`, auditor);
      expect(flow.body.notifications.received).toBe(1);
    });

    it('is accepted and needs no wait on GET /v1/cases/{id}, which reads the stream itself', async () => {
      expect((await getJson(t, `/v1/cases/fresh-1?minPosition=${lastPosition + 1_000_000}`, auditor)).status).toBe(200);
      const bad = await getJson<Json>(t, '/v1/cases/fresh-1?minPosition=soon', auditor);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ parameter: 'minPosition' })]);
    });

    it('far ahead of the log: 503 problem with Retry-After once the bounded wait is over', async () => {
      const started = Date.now();
      for (const path of ['/v1/deadlines?', '/v1/compliance?period=2023&', '/v1/statistics/flow?period=2023&']) {
        const res = await getJson<Json>(t, `${path}minPosition=${lastPosition + 1_000_000}`, auditor);
        expect(res.status).toBe(503);
        expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
        expect(res.headers['retry-after']).toBe('1');
        expect(res.body).toMatchObject({ status: 503, wantedPosition: lastPosition + 1_000_000 });
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 300 - 50);
    });
  });

  it('reports the projections in readiness and the deadline gauges in the metrics', async () => {
    const ready = await getJson<Json>(t, '/health/ready', auditor);
    expect(ready.status).toBe(200);
    expect(ready.body.components).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'projections', ready: true, lagEvents: 0 }),
        expect.objectContaining({ name: 'projections-start', ready: true, startedFrom: 'zero' }),
      ]),
    );
    // /metrics carries counts per municipality: an admin (scraper) token reads it.
    const metrics = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: await bearer(t, { roles: ['admin'], municipalities: [] }, FIRST_RECORDING),
    });
    expect(metrics.body).toMatch(/fristvakt_deadlines_open\{municipality="3201",kind="(review|investigation)"\} \d+/);
    expect(metrics.body).toMatch(/fristvakt_lag_events\{component="projections"\} 0/);
  });

  describe('bad parameters', () => {
    it.each([
      ['/v1/deadlines?status=late', ['status']],
      ['/v1/deadlines?kind=measure&method=exact', ['kind', 'method']],
      ['/v1/deadlines?asOf=2023-02-30', ['asOf']],
      ['/v1/deadlines?knownAt=yesterday', ['knownAt']],
      ['/v1/deadlines?municipality=32O1', ['municipality']],
      ['/v1/deadlines?minPosition=-1', ['minPosition']],
      ['/v1/deadlines?perod=2024', ['perod']],
      ['/v1/deadlines?status=ok&status=overdue', ['status']],
      ['/v1/compliance', ['period']],
      ['/v1/compliance?period=2024-H3', ['period']],
      ['/v1/compliance?period=2024&from=2024-01-01', ['period']],
      ['/v1/compliance?from=2024-01-01', ['to']],
      ['/v1/compliance?from=2024-02-01&to=2024-01-01', ['to']],
      ['/v1/statistics/flow?period=2024&suppressSmallCounts=yes&status=ok', ['status', 'suppressSmallCounts']],
    ])('%s → 400 naming %j', async (url, names) => {
      const res = await getJson<Json>(t, url, auditor);
      expect(res.status).toBe(400);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: Json) => e.parameter).sort()).toEqual([...names].sort());
    });
  });

  describe('a leader holding several municipalities (vertskommune)', () => {
    it('gets one combined figure without a filter, the same as a comma list, medians over the union', async () => {
      const leader = await bearer(t, { roles: ['leader'], municipalities: MUNICIPALITIES }, FIRST_RECORDING);
      for (const path of ['/v1/compliance', '/v1/statistics/flow']) {
        const scoped = await getJson<Json>(t, `${path}?period=2023`, leader);
        expect(scoped.status).toBe(200);
        expect(scoped.body.municipalities).toEqual(MUNICIPALITIES);
        expect(scoped.body.municipality).toBeNull();
        const listed = await getJson<Json>(t, `${path}?period=2023&municipality=${MUNICIPALITIES.join(',')}`, leader);
        expect(listed.body).toEqual(scoped.body);
      }
      const { from, to } = parsePeriod('2023');
      const expected = referenceCompliance(events, { municipalities: MUNICIPALITIES, method: 'legal', asOf: TODAY, from, to, rules });
      const scoped = (await getJson<Json>(t, '/v1/compliance?period=2023', leader)).body;
      expect(scoped.investigations.closed).toBe(expected.investigations.closed);
      expect([scoped.investigations.durationDays.median, scoped.investigations.durationDays.p90]).toEqual([
        expected.investigations.medianDays,
        expected.investigations.p90Days,
      ]);
      expect((await getJson(t, '/v1/compliance?period=2023&municipality=3203', leader)).status).toBe(200);
      expect((await getJson(t, '/v1/compliance?period=2023&municipality=3201,0301', leader)).status).toBe(403);
    });
  });
});
