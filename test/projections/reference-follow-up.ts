/*
 * The follow-up figures and board items (DOMAIN.md §7) recomputed naively from the raw events:
 * filter the log as reference-recompute.ts does (knownAt, retractions, asOf), replay each case
 * through the domain's own `evolveAll`, take its follow-up timeline, and ask the domain's
 * follow-up functions, except for the supervision requirement, recomputed day by day in
 * reference-supervision.ts. It shares nothing with the read model, so the model's resolution of
 * plans, visits, frequencies and supervision is checked against the domain's.
 */
import {
  aftercareMembership,
  carePlanMembership,
  countsForVisitIndicator,
  evolveAll,
  followUpOpenItems,
  followUpRuleSetFor,
  followUpTimelineOf,
  followUpVisitRequirement,
  helpMeasurePlanMembership,
  initialState,
  osloDateOf,
  supervisionRequirementFor,
  toDayNumber,
  type FollowUpTimeline,
  type RecordedCaseEvent,
  type VisitRequirement,
} from '@fristvakt/domain';
import { asOfDate, knownAtMs, memoPerLog, referenceCases } from './reference-recompute';
import { referenceSupervision } from './reference-supervision';

interface Scope {
  municipality?: string;
  municipalities?: readonly string[];
  knownAt?: string;
  asOf?: string;
}

interface RefChild {
  caseId: string;
  municipality: string;
  timeline: FollowUpTimeline;
}

const childrenMemo = memoPerLog<RefChild[]>();

/** Every case as the query's knownAt/asOf see it, whatever its municipality. */
function referenceChildren(events: readonly RecordedCaseEvent[], q: Scope): RefChild[] {
  return childrenMemo(events, JSON.stringify([q.knownAt ?? null, asOfDate(q.asOf)]), () => replayChildren(events, q));
}

function replayChildren(events: readonly RecordedCaseEvent[], q: Scope): RefChild[] {
  const k = knownAtMs(q.knownAt);
  const d = asOfDate(q.asOf);
  const known = [...events].sort((a, b) => a.position - b.position).filter((e) => Date.parse(e.recordedAt) <= k);
  const retracted = new Set(known.flatMap((e) => (e.type === 'EventRetracted' ? [e.data.retractedEventId] : [])));
  const byCase = new Map<string, RecordedCaseEvent[]>();
  for (const e of known) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  // spells as the leader figures replay them: the first end of an item wins (reference-recompute.ts), where
  // the case state keeps the last one; only a log the case rules refused has two
  const spells = new Map(referenceCases(events, { knownAt: q.knownAt, asOf: q.asOf }).map((c) => [c.caseId, c]));
  const children: RefChild[] = [];
  for (const [caseId, caseEvents] of byCase) {
    const receipts = caseEvents.filter((e) => e.type === 'NotificationReceived');
    const first = receipts.find((e) => !retracted.has(e.eventId)) ?? receipts[0];
    if (first === undefined || first.type !== 'NotificationReceived') continue;
    const kept = caseEvents.filter((e) => e.type !== 'EventRetracted' && !retracted.has(e.eventId) && osloDateOf(e.occurredAt) <= d);
    const timeline = followUpTimelineOf(evolveAll(initialState(caseId), kept));
    const ref = spells.get(caseId);
    const endOf = (list: ReadonlyArray<{ id: string; end: string | null }> | undefined, id: string, fallback: number | null) => {
      const spell = list?.find((x) => x.id === id);
      return spell === undefined ? fallback : spell.end === null ? null : toDayNumber(spell.end);
    };
    children.push({
      caseId,
      municipality: first.data.municipality,
      timeline: {
        ...timeline,
        municipality: first.data.municipality,
        measures: timeline.measures.map((m) => ({ ...m, endDay: endOf(ref?.measures, m.measureId, m.endDay) })),
        placements: timeline.placements.map((p) => ({ ...p, endDay: endOf(ref?.placements, p.placementId, p.endDay) })),
      },
    });
  }
  return children;
}

function scopeOf(q: Scope): string[] | null {
  if (q.municipality === undefined && q.municipalities === undefined) return null;
  return [...(q.municipalities ?? []), ...(q.municipality === undefined ? [] : [q.municipality])];
}

function indicator(members: Array<{ caseId: string; met: boolean }>) {
  const numerator = members.filter((m) => m.met).length;
  return {
    denominator: members.length,
    numerator,
    missing: members.length - numerator,
    metShare: members.length === 0 ? null : numerator / members.length,
    notMet: members
      .filter((m) => !m.met)
      .map((m) => m.caseId)
      .sort(),
  };
}

/** The followUp section of /v1/compliance for a period [from, to], counted on min(to, asOf). */
export function referenceFollowUp(events: readonly RecordedCaseEvent[], q: Scope & { from: string; to: string }) {
  const scope = scopeOf(q);
  const covers = (m: string) => scope === null || scope.includes(m);
  const end = asOfDate(q.asOf) < q.to ? asOfDate(q.asOf) : q.to;
  const fromDay = toDayNumber(q.from);
  const endDay = toDayNumber(end);
  const ruleSet = followUpRuleSetFor(end);
  const all = referenceChildren(events, q);
  const own = all.filter((c) => covers(c.municipality));
  const sumFor = (c: RefChild, test: (m: string) => boolean): VisitRequirement | null =>
    supervisionRequirementFor(c.timeline, referenceSupervision(c.timeline, fromDay, endDay, ruleSet), test, endDay, ruleSet);
  const help = own.map((c) => ({ c, m: helpMeasurePlanMembership(c.timeline, endDay, ruleSet) }));
  const care = own.map((c) => ({ c, m: carePlanMembership(c.timeline, endDay, ruleSet) }));
  const visits = own
    .map((c) => ({ c, r: followUpVisitRequirement(c.timeline, fromDay, endDay, ruleSet) }))
    .filter(({ c, r }) => countsForVisitIndicator(c.timeline, r, endDay, ruleSet));
  const supervised = all.map((c) => ({ c, r: sumFor(c, covers) })).filter((x): x is { c: RefChild; r: VisitRequirement } => x.r !== null);
  const elsewhere = own
    .map((c) => ({ c, r: sumFor(c, (m) => !covers(m)) }))
    .filter((x): x is { c: RefChild; r: VisitRequirement } => x.r !== null);
  const after = own.map((c) => ({ c, m: aftercareMembership(c.timeline, endDay, ruleSet) }));
  const young = after.filter(({ m }) => m.duringYear);
  const away = indicator(elsewhere.map(({ c, r }) => ({ caseId: c.caseId, met: r.met })));
  return {
    ruleSet: ruleSet.id,
    countDate: end,
    plans: indicator(help.filter(({ m }) => m.inHelpMeasures).map(({ c, m }) => ({ caseId: c.caseId, met: m.withPlan }))),
    evaluatedPlans: indicator(help.filter(({ m }) => m.evaluationDue).map(({ c, m }) => ({ caseId: c.caseId, met: m.evaluated }))),
    carePlans: indicator(care.filter(({ m }) => m.underCare).map(({ c, m }) => ({ caseId: c.caseId, met: m.withPlan }))),
    followUpVisits: {
      ...indicator(visits.map(({ c, r }) => ({ caseId: c.caseId, met: r.met }))),
      required: visits.reduce((s, { r }) => s + r.required, 0),
      held: visits.reduce((s, { r }) => s + r.held, 0),
    },
    supervision: {
      ...indicator(supervised.map(({ c, r }) => ({ caseId: c.caseId, met: r.met }))),
      required: supervised.reduce((s, { r }) => s + r.required, 0),
      held: supervised.reduce((s, { r }) => s + r.held, 0),
      elsewhere: { children: away.denominator, met: away.numerator, notMet: away.notMet },
    },
    aftercare: {
      ...indicator(young.map(({ c, m }) => ({ caseId: c.caseId, met: m.accepted }))),
      onCountDate: after.filter(({ m }) => m.onCountDate).length,
      offered: young.filter(({ m }) => m.offered).length,
    },
    units: { indicators: 'children', required: 'visits', held: 'visits' },
  };
}

/** The follow-up items of /v1/deadlines on asOf, as [kind, caseId, municipality, id, deadline, status, daysLeft, ruleSet, owed, supervisedBy]. */
export function referenceFollowUpItems(events: readonly RecordedCaseEvent[], q: Scope & { asOf: string }) {
  const scope = scopeOf(q);
  const covers = (m: string) => scope === null || scope.includes(m);
  const day = toDayNumber(osloDateOf(q.asOf));
  const items = [];
  for (const c of referenceChildren(events, q)) {
    for (const item of followUpOpenItems(c.timeline, day)) {
      const own = covers(c.municipality);
      if (!own && !(item.kind === 'supervision_visit' && item.municipality !== undefined && covers(item.municipality))) continue;
      items.push({
        kind: item.kind,
        caseId: c.caseId,
        municipality: c.municipality,
        id: item.id,
        deadline: new Date(item.dueDay * 86_400_000).toISOString().slice(0, 10),
        status: item.status,
        daysLeft: item.daysLeft,
        ruleSet: item.ruleSet,
        owed: item.owed,
        supervisedBy: item.municipality,
      });
    }
  }
  return items;
}
