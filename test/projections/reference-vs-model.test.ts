import fc from 'fast-check';
import { DEFAULT_DEADLINE_RULES, type CountingMethod, type RecordedCaseEvent } from '@fristvakt/domain';
import { applyAll, compliance, createModel, deadlines, flow, parsePeriod } from '@fristvakt/projections';
import { mulberry32, randomHistory } from './random-history';
import { flowComparable } from './flow-comparable';
import { referenceFollowUp, referenceFollowUpItems } from './reference-follow-up';
import { referenceCompliance, referenceDeadlines, referenceFlow } from './reference-recompute';

const rules = DEFAULT_DEADLINE_RULES;
const PERIODS = ['2023', '2024', '2024-H1', '2024-H2', '2023-Q4', '2024-05', '2022'];

interface Params {
  knownAt?: string;
  asOf?: string;
  method: CountingMethod;
  municipality?: string;
  municipalities?: string[];
  period: string;
}

const MUNICIPALITIES = ['3201', '3203', '3205'];

/** Every form of scope: all, one, subsets (one with a municipality the log never names), none, both fields. */
const SCOPES: ReadonlyArray<Pick<Params, 'municipality' | 'municipalities'>> = [
  {},
  {},
  { municipality: '3201' },
  { municipality: '3203' },
  { municipalities: ['3201'] },
  { municipalities: ['3201', '3203'] },
  { municipalities: ['3205', '3203'] },
  { municipalities: ['3201', '9999'] },
  { municipalities: MUNICIPALITIES },
  { municipalities: [] },
  { municipality: '3205', municipalities: ['3201'] },
];

/** Query parameters that hit the interesting edges: exactly at / just before a recording, plain dates. */
function randomParams(events: RecordedCaseEvent[], seed: number): Params {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const some = events.length === 0 ? undefined : pick(events);
  const knownAt = pick([
    undefined,
    some?.recordedAt,
    some === undefined ? undefined : new Date(Date.parse(some.recordedAt) - 1).toISOString(),
    some?.recordedAt.slice(0, 10),
  ]);
  const asOf = pick([undefined, undefined, '2023-06-30', '2024-03-15', '2024-08-31T23:30:00Z', some?.occurredAt.slice(0, 10)]);
  return { knownAt, asOf, method: pick(['legal', 'statistical'] as const), ...pick(SCOPES), period: pick(PERIODS) };
}

const byKey = (a: { kind: string; caseId: string; id: string }, b: { kind: string; caseId: string; id: string }) =>
  `${a.caseId}/${a.kind}/${a.id}` < `${b.caseId}/${b.kind}/${b.id}` ? -1 : 1;

function compare(events: RecordedCaseEvent[], params: Params): void {
  const model = applyAll(createModel(), events);
  const { from, to } = parsePeriod(params.period);
  const q = { ...params, rules };

  const deadlineAsOf = params.asOf ?? '2024-12-31';
  const mine = deadlines(model, { ...q, asOf: deadlineAsOf }).items.map(
    ({ kind, caseId, municipality, id, deadline, status, daysLeft, ruleSet }) => ({
      kind,
      caseId,
      municipality,
      id,
      deadline,
      status,
      daysLeft,
      ruleSet,
    }),
  );
  const theirs = [
    ...referenceDeadlines(events, { ...q, asOf: deadlineAsOf }).items,
    ...referenceFollowUpItems(events, { ...q, asOf: deadlineAsOf }),
  ];
  expect([...mine].sort(byKey)).toEqual([...theirs].sort(byKey));

  const c = compliance(model, q);
  const scope =
    params.municipality === undefined && params.municipalities === undefined
      ? null
      : [...new Set([...(params.municipalities ?? []), ...(params.municipality === undefined ? [] : [params.municipality])])].sort();
  expect([c.municipalities, c.municipality]).toEqual([scope, scope?.length === 1 ? scope[0] : null]);
  const rc = referenceCompliance(events, { ...q, from, to });
  expect(c.followUp).toEqual(referenceFollowUp(events, { ...q, from, to }));
  const { durationDays: reviewDurations, ...reviews } = c.reviews;
  const { medianDays: refReviewMedian, ...refReviews } = rc.reviews;
  expect(reviews).toEqual(refReviews);
  expect(reviewDurations.median).toBe(refReviewMedian);
  const { durationDays, durationFromReceiptDays: _fromReceipt, withinDeadlineShare: _within, ...investigations } = c.investigations;
  const { medianDays, p90Days, ...refInvestigations } = rc.investigations;
  expect(investigations).toEqual(refInvestigations);
  expect([durationDays.median, durationDays.p90]).toEqual([medianDays, p90Days]);

  const f = flow(model, q);
  const rf = referenceFlow(events, { ...q, from, to });
  expect(flowComparable(f)).toEqual(rf);
}

describe('read model vs independent reference recomputation', () => {
  it('agree on random small histories (deadlines, compliance, flow; knownAt, asOf, retractions, methods, municipality subsets)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (historySeed, paramSeed) => {
        const events = randomHistory(historySeed, historySeed % 2 === 0 ? {} : { municipalities: MUNICIPALITIES });
        compare(events, randomParams(events, paramSeed));
      }),
      { numRuns: 400 },
    );
  });

  it('agree on larger histories across every period and every form of scope', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const events = randomHistory(seed, { cases: 40 });
      for (const period of PERIODS) compare(events, { method: 'legal', period });
      compare(events, { method: 'statistical', period: '2024', municipality: '3201', asOf: '2024-06-30' });
    }
    for (let seed = 1; seed <= 5; seed++) {
      const events = randomHistory(seed, { cases: 40, municipalities: MUNICIPALITIES });
      for (const scope of SCOPES) compare(events, { method: 'legal', period: '2024', ...scope });
    }
  });
});
