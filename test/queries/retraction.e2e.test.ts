import { randomUUID } from 'node:crypto';
import { closed, opened, received, retract } from '@fristvakt/domain/testing';
import { bearer, getJson, startLeaderApp, TestClock, type LeaderTestApp } from './leader-harness';

/*
 * A retracted registration error changes the figures as if it had never been recorded, while
 * `knownAt` before the retraction still gives the figures as they were known then.
 */

const RECORDED = '2024-05-21T08:00:00.000Z';
const RETRACTED = '2024-06-10T08:00:00.000Z';
const BEFORE_RETRACTION = '2024-06-01T00:00:00Z';
const ISSUED = new Date('2024-05-01T00:00:00Z');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Headers = { authorization: string };

/** HTTP wants UUIDs for the client's event ids */
const id = () => ({ eventId: randomUUID() });

// Case A: closed after its deadline (review deadline 2024-01-09, investigation deadline 2024-04-09).
const CASE_A = [received('n1', '2024-01-02T10:00:00+01:00', id()), opened('u1', 'n1', '2024-01-05T10:00:00+01:00', id())];
const CLOSED_LATE = closed('u1', '2024-05-20T10:00:00+02:00', 'measures_decided', id());
// Case B: closed on time.
const CASE_B = [
  received('n1', '2024-02-01T10:00:00+01:00', { ...id(), reporters: ['21'] }),
  opened('u1', 'n1', '2024-02-03T10:00:00+01:00', id()),
  closed('u1', '2024-03-01T10:00:00+01:00', 'cleared_service_assessment', id()),
];
const RETRACTION = retract(CLOSED_LATE.eventId, '2024-06-10T10:00:00+02:00', id());

async function post(t: LeaderTestApp, headers: Headers, caseId: string, events: object[]): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/cases/${caseId}/events`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ events }),
  });
  expect({ status: res.statusCode, body: res.statusCode === 201 ? null : res.body }).toEqual({ status: 201, body: null });
  return (res.json() as { position: number }).position;
}

const withoutPosition = ({ position: _position, ...rest }: Json) => rest;

describe('retraction through the API', () => {
  let t: LeaderTestApp;
  let never: LeaderTestApp;
  const clock = new TestClock(new Date(RECORDED));
  const neverClock = new TestClock(new Date(RECORDED));

  beforeAll(async () => {
    [t, never] = await Promise.all([startLeaderApp({ clock }), startLeaderApp({ clock: neverClock })]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), never?.close()]);
  });

  it('figures before, after as if never recorded, and as known before the retraction', async () => {
    const intake = await bearer(t, { roles: ['intake'] }, ISSUED);
    const leader = await bearer(t, { roles: ['leader'] }, ISSUED);
    await post(t, intake, 'case-a', [...CASE_A, CLOSED_LATE]);
    const recorded = await post(t, intake, 'case-b', CASE_B);

    const before = await getJson<Json>(t, `/v1/compliance?period=2024-H1&minPosition=${recorded}`, leader);
    expect(before.body.investigations).toMatchObject({ closed: 2, onTime: 1, breached: 1, breachShare: 0.5 });

    clock.set(RETRACTED);
    const retracted = await post(t, intake, 'case-a', [RETRACTION]);
    const after = await getJson<Json>(t, `/v1/compliance?period=2024-H1&minPosition=${retracted}`, leader);
    expect(after.body.investigations).toMatchObject({
      closed: 1,
      onTime: 1,
      breached: 0,
      breachShare: 0,
      openAtEnd: 1,
      openOverdueAtEnd: 1,
    });
    const board = await getJson<Json>(t, `/v1/deadlines?kind=investigation&minPosition=${retracted}`, leader);
    expect(board.body.items).toEqual([
      expect.objectContaining({ caseId: 'case-a', id: 'u1', deadline: '2024-04-09', status: 'overdue', daysLeft: -62 }),
    ]);

    // The same log without the retracted event, in another app: identical answers.
    const neverIntake = await bearer(never, { roles: ['intake'] }, ISSUED);
    const neverLeader = await bearer(never, { roles: ['leader'] }, ISSUED);
    await post(never, neverIntake, 'case-a', CASE_A);
    neverClock.set(RETRACTED);
    const last = await post(never, neverIntake, 'case-b', CASE_B);
    for (const path of ['/v1/compliance?period=2024-H1', '/v1/statistics/flow?period=2024', '/v1/deadlines?asOf=2024-06-10']) {
      const mine = await getJson<Json>(t, path, leader);
      const theirs = await getJson<Json>(never, `${path}&minPosition=${last}`, neverLeader);
      expect(withoutPosition(mine.body)).toEqual(withoutPosition(theirs.body));
    }

    const knownThen = await getJson<Json>(t, `/v1/compliance?period=2024-H1&knownAt=${BEFORE_RETRACTION}`, leader);
    // the clock moved on: asOf, and the dates measured on it (the follow-up count date among them), are today's
    const then = withoutPosition(before.body);
    expect(withoutPosition(knownThen.body)).toEqual({
      ...then,
      knownAt: BEFORE_RETRACTION,
      asOf: '2024-06-10',
      measuredAt: '2024-06-10',
      followUp: { ...then.followUp, countDate: '2024-06-10' },
    });
  });
});
