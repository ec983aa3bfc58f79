/*
 * An independent, deliberately naive recomputation of the leader figures straight from the raw
 * events: filter the log, replay each case into plain objects, count. It shares no code with the
 * read model (libs/projections) except the domain's deadline functions, so an end-to-end test can
 * check API answers against it and a property test can check the model against it.
 *
 * Semantics it pins down (the same as documented on the model):
 * - knownAt K: only events recorded ≤ K; a retraction counts iff recorded ≤ K, and then its target
 *   is treated as never having happened.
 * - asOf D: only events whose Oslo date is ≤ D (retractions are not filtered by D).
 * - replay rules: the first event creating an item wins; an event about an item that does not
 *   exist (yet) is ignored; one conclusion, one extension, one assessment (of an existing
 *   extension), one close, one end per item.
 * - the case's municipality: its earliest notification recorded ≤ K and not retracted by K, else
 *   its earliest notification recorded ≤ K.
 */
import {
  daysBetween,
  deadlineStatus,
  extensionInForce,
  investigationDeadlines,
  isOnTime,
  osloDateOf,
  reviewDeadline,
  ruleSetFor,
  type CountingMethod,
  type DeadlineRules,
  type RecordedCaseEvent,
} from '@fristvakt/domain';

export interface ReferenceQuery {
  municipality?: string;
  /** several municipalities as one population; with `municipality` too, their union; neither: all */
  municipalities?: readonly string[];
  knownAt?: string;
  asOf?: string;
  method: CountingMethod;
  rules: DeadlineRules;
}

interface RefNotification {
  id: string;
  received: string;
  reporters: string[];
  acute: boolean;
  concluded: string | null;
  conclusion: string | null;
}
interface RefInvestigation {
  id: string;
  notificationId: string;
  received: string;
  opened: string;
  extension: { decided: string; approved: boolean | null } | null;
  closed: string | null;
  outcome: string | null;
}
interface RefSpell {
  id: string;
  category: string;
  basis: string | null;
  start: string;
  end: string | null;
  planned: boolean | null;
}
interface RefCase {
  caseId: string;
  municipality: string;
  notifications: RefNotification[];
  investigations: RefInvestigation[];
  measures: RefSpell[];
  placements: RefSpell[];
}

export function knownAtMs(knownAt: string | undefined): number {
  if (knownAt === undefined) return Infinity;
  if (/^\d{4}-\d{2}-\d{2}$/.test(knownAt)) {
    // end of that Oslo day: the last instant whose Oslo date is still that day
    const guess = Date.parse(`${knownAt}T23:59:59.999Z`);
    for (let ms = guess; ; ms -= 3_600_000) if (osloDateOf(new Date(ms).toISOString()) === knownAt) return ms;
  }
  return Date.parse(knownAt);
}

export function asOfDate(asOf: string | undefined): string {
  return asOf === undefined ? '9999-12-31' : osloDateOf(asOf);
}

/**
 * The cases are a pure function of the log and a few query fields, and nothing changes them once
 * built: a grid of queries over one log (every period × method) reuses them rather than replaying
 * the log for each. Kept per log array (and its length, should a test append to it).
 */
export function memoPerLog<T>(): (events: readonly RecordedCaseEvent[], key: string, compute: () => T) => T {
  const memo = new WeakMap<readonly RecordedCaseEvent[], Map<string, T>>();
  return (events, key, compute) => {
    let perLog = memo.get(events);
    if (perLog === undefined) memo.set(events, (perLog = new Map()));
    const fullKey = `${events.length}|${key}`;
    let value = perLog.get(fullKey);
    if (value === undefined) perLog.set(fullKey, (value = compute()));
    return value;
  };
}

const casesMemo = memoPerLog<RefCase[]>();

/** Every case as the query's knownAt/asOf see it. */
export function referenceCases(
  events: readonly RecordedCaseEvent[],
  query: Pick<ReferenceQuery, 'knownAt' | 'asOf' | 'municipality' | 'municipalities'>,
): RefCase[] {
  const key = JSON.stringify([query.knownAt ?? null, asOfDate(query.asOf), query.municipality ?? null, query.municipalities ?? null]);
  return casesMemo(events, key, () => replayCases(events, query));
}

function replayCases(
  events: readonly RecordedCaseEvent[],
  query: Pick<ReferenceQuery, 'knownAt' | 'asOf' | 'municipality' | 'municipalities'>,
): RefCase[] {
  const k = knownAtMs(query.knownAt);
  const covered =
    query.municipality === undefined && query.municipalities === undefined
      ? null
      : [...(query.municipalities ?? []), ...(query.municipality === undefined ? [] : [query.municipality])];
  const d = asOfDate(query.asOf);
  const known = [...events].sort((a, b) => a.position - b.position).filter((e) => Date.parse(e.recordedAt) <= k);
  const retracted = new Set(known.flatMap((e) => (e.type === 'EventRetracted' ? [e.data.retractedEventId] : [])));

  const byCase = new Map<string, RecordedCaseEvent[]>();
  for (const e of known) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);

  const cases: RefCase[] = [];
  for (const [caseId, caseEvents] of byCase) {
    const receipts = caseEvents.filter((e) => e.type === 'NotificationReceived');
    const first = receipts.find((e) => !retracted.has(e.eventId)) ?? receipts[0];
    if (first === undefined || first.type !== 'NotificationReceived') continue;
    const c: RefCase = {
      caseId,
      municipality: first.data.municipality,
      notifications: [],
      investigations: [],
      measures: [],
      placements: [],
    };
    if (covered !== null && !covered.includes(c.municipality)) continue;

    for (const e of caseEvents) {
      if (e.type === 'EventRetracted' || retracted.has(e.eventId)) continue;
      const date = osloDateOf(e.occurredAt);
      if (date > d) continue;
      const notification = (id: string) => c.notifications.find((n) => n.id === id);
      const investigation = (id: string) => c.investigations.find((u) => u.id === id);
      switch (e.type) {
        case 'NotificationReceived':
          if (!notification(e.data.notificationId)) {
            c.notifications.push({
              id: e.data.notificationId,
              received: date,
              reporters: e.data.reporters,
              acute: e.data.acute === true,
              concluded: null,
              conclusion: null,
            });
          }
          break;
        case 'NotificationCleared': {
          const n = notification(e.data.notificationId);
          if (n && n.concluded === null) Object.assign(n, { concluded: date, conclusion: e.data.reason });
          break;
        }
        case 'InvestigationOpened': {
          const n = notification(e.data.notificationId);
          if (!n || investigation(e.data.investigationId)) break;
          c.investigations.push({
            id: e.data.investigationId,
            notificationId: n.id,
            received: n.received,
            opened: date,
            extension: null,
            closed: null,
            outcome: null,
          });
          if (n.concluded === null) Object.assign(n, { concluded: date, conclusion: 'investigation' });
          break;
        }
        case 'InvestigationExtended': {
          const u = investigation(e.data.investigationId);
          if (u && u.extension === null) u.extension = { decided: date, approved: null };
          break;
        }
        case 'ExtensionAssessed': {
          const u = investigation(e.data.investigationId);
          if (u?.extension && u.extension.approved === null) u.extension.approved = e.data.approved;
          break;
        }
        case 'InvestigationClosed': {
          const u = investigation(e.data.investigationId);
          if (u && u.closed === null) Object.assign(u, { closed: date, outcome: e.data.outcome });
          break;
        }
        case 'MeasureStarted':
          if (!c.measures.some((m) => m.id === e.data.measureId)) {
            c.measures.push({
              id: e.data.measureId,
              category: e.data.category,
              basis: e.data.basis ?? null,
              start: date,
              end: null,
              planned: null,
            });
          }
          break;
        case 'MeasureEnded': {
          const m = c.measures.find((x) => x.id === e.data.measureId);
          if (m && m.end === null) m.end = date;
          break;
        }
        case 'PlacementStarted':
          if (!c.placements.some((p) => p.id === e.data.placementId)) {
            c.placements.push({
              id: e.data.placementId,
              category: e.data.category,
              basis: e.data.basis,
              start: date,
              end: null,
              planned: null,
            });
          }
          break;
        case 'PlacementEnded': {
          const p = c.placements.find((x) => x.id === e.data.placementId);
          if (p && p.end === null) Object.assign(p, { end: date, planned: e.data.planned });
          break;
        }
      }
    }
    cases.push(c);
  }
  return cases;
}

function reviewDeadlineOf(n: { received: string }, q: ReferenceQuery): string {
  return reviewDeadline(n.received, ruleSetFor(n.received, q.rules), q.method);
}

function investigationDeadlineOf(u: RefInvestigation, q: ReferenceQuery) {
  const ruleSet = ruleSetFor(u.received, q.rules);
  const { ordinary, extended } = investigationDeadlines({ receivedDate: u.received, openedDate: u.opened }, ruleSet, q.method);
  const assessment =
    u.extension === null ? null : u.extension.approved === null ? 'pending' : u.extension.approved ? 'approved' : 'rejected';
  const inForce =
    u.extension !== null && extensionInForce({ decidedDate: u.extension.decided, ordinaryDeadline: ordinary, assessment: assessment! });
  return { ruleSet: ruleSet.id, ordinary, deadline: inForce ? extended : ordinary, inForce, assessment };
}

export function referenceDeadlines(events: readonly RecordedCaseEvent[], q: ReferenceQuery & { asOf: string }) {
  const asOf = osloDateOf(q.asOf);
  const items = [];
  for (const c of referenceCases(events, q)) {
    for (const n of c.notifications.filter((x) => x.concluded === null)) {
      const deadline = reviewDeadlineOf(n, q);
      items.push({
        kind: 'review',
        caseId: c.caseId,
        municipality: c.municipality,
        id: n.id,
        deadline,
        ...deadlineStatus(deadline, asOf, q.rules.dueSoonDays.review),
        ruleSet: ruleSetFor(n.received, q.rules).id,
      });
    }
    for (const u of c.investigations.filter((x) => x.closed === null)) {
      const { deadline, ruleSet } = investigationDeadlineOf(u, q);
      items.push({
        kind: 'investigation',
        caseId: c.caseId,
        municipality: c.municipality,
        id: u.id,
        deadline,
        ...deadlineStatus(deadline, asOf, q.rules.dueSoonDays.investigation),
        ruleSet,
      });
    }
  }
  return { asOf, items };
}

function inPeriod(date: string | null, from: string, to: string): date is string {
  return date !== null && from <= date && date <= to;
}

function share(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function p90(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  // nearest rank: the smallest value with at least 90 % of the values at or below it
  return s.find((_, i) => (i + 1) / s.length >= 0.9)!;
}

function endOf(q: { asOf?: string }, to: string): string {
  const d = asOfDate(q.asOf);
  return d < to ? d : to;
}

export function referenceCompliance(events: readonly RecordedCaseEvent[], q: ReferenceQuery & { from: string; to: string }) {
  const cases = referenceCases(events, q);
  const end = endOf(q, q.to);
  const notifications = cases.flatMap((c) => c.notifications);
  const investigations = cases.flatMap((c) => c.investigations).map((u) => ({ ...u, ...investigationDeadlineOf(u, q) }));

  const concluded = notifications.filter((n) => inPeriod(n.concluded, q.from, q.to));
  const reviewsOnTime = concluded.filter((n) => isOnTime(n.concluded!, reviewDeadlineOf(n, q)));
  const openReviews = notifications.filter((n) => n.received <= end && (n.concluded === null || n.concluded > end));
  const closed = investigations.filter((u) => inPeriod(u.closed, q.from, q.to));
  const onTime = closed.filter((u) => isOnTime(u.closed!, u.deadline));
  const extended = closed.filter((u) => u.inForce);
  const open = investigations.filter((u) => u.opened <= end && (u.closed === null || u.closed > end));
  return {
    reviews: {
      concluded: concluded.length,
      onTime: reviewsOnTime.length,
      late: concluded.length - reviewsOnTime.length,
      onTimeShare: share(reviewsOnTime.length, concluded.length),
      openAtEnd: openReviews.length,
      openOverdueAtEnd: openReviews.filter((n) => end > reviewDeadlineOf(n, q)).length,
      medianDays: median(concluded.map((n) => daysBetween(n.received, n.concluded!))),
    },
    investigations: {
      closed: closed.length,
      onTime: onTime.length,
      breached: closed.length - onTime.length,
      breachShare: share(closed.length - onTime.length, closed.length),
      extended: extended.length,
      breachedExtended: extended.filter((u) => !isOnTime(u.closed!, u.deadline)).length,
      extensionTooLate: closed.filter((u) => u.extension !== null && u.extension.decided > u.ordinary).length,
      extensionRejected: closed.filter((u) => u.assessment === 'rejected').length,
      openAtEnd: open.length,
      openOverdueAtEnd: open.filter((u) => end > u.deadline).length,
      medianDays: median(closed.map((u) => daysBetween(u.opened, u.closed!))),
      p90Days: p90(closed.map((u) => daysBetween(u.opened, u.closed!))),
    },
  };
}

function tally(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

export function referenceFlow(events: readonly RecordedCaseEvent[], q: ReferenceQuery & { from: string; to: string }) {
  const cases = referenceCases(events, q);
  const { from, to } = q;
  const end = endOf(q, to);
  const all = <T>(pick: (c: RefCase) => T[]) => cases.flatMap(pick);
  const activeDuring = (s: RefSpell) => s.start <= to && (s.end === null || s.end >= from);
  const activeAtEnd = (s: RefSpell) => s.start <= end && (s.end === null || s.end > end);

  const received = all((c) => c.notifications).filter((n) => inPeriod(n.received, from, to));
  const concluded = all((c) => c.notifications).filter((n) => inPeriod(n.concluded, from, to));
  const closed = all((c) => c.investigations).filter((u) => inPeriod(u.closed, from, to));
  const measuresStarted = all((c) => c.measures).filter((m) => inPeriod(m.start, from, to));
  const placementsStarted = all((c) => c.placements).filter((p) => inPeriod(p.start, from, to));
  const fosterHomes = placementsStarted.filter((p) => p.category.startsWith('2.'));
  const kinship = fosterHomes.filter((p) => p.category === '2.1' || p.category === '2.6');
  const childrenWith = (pick: (c: RefCase) => RefSpell[], test: (s: RefSpell) => boolean) => cases.filter((c) => pick(c).some(test)).length;

  return {
    notifications: {
      received: received.length,
      receivedChildren: cases.filter((c) => c.notifications.some((n) => inPeriod(n.received, from, to))).length,
      byReporter: tally(received.flatMap((n) => n.reporters)),
      concluded: concluded.length,
      byConclusion: tally(concluded.map((n) => n.conclusion!)),
      toInvestigationShare: share(concluded.filter((n) => n.conclusion === 'investigation').length, concluded.length),
    },
    investigations: {
      opened: all((c) => c.investigations).filter((u) => inPeriod(u.opened, from, to)).length,
      closed: closed.length,
      byOutcome: tally(closed.map((u) => u.outcome!)),
      median: median(closed.map((u) => daysBetween(u.opened, u.closed!))),
      p90: p90(closed.map((u) => daysBetween(u.opened, u.closed!))),
    },
    measures: {
      started: measuresStarted.length,
      byCategory: tally(measuresStarted.map((m) => m.category)),
      byBasis: tally(measuresStarted.map((m) => m.basis ?? 'unspecified')),
      active: { events: all((c) => c.measures).filter(activeDuring).length, children: childrenWith((c) => c.measures, activeDuring) },
    },
    placements: {
      started: placementsStarted.length,
      byCategory: tally(placementsStarted.map((p) => p.category)),
      byBasis: tally(placementsStarted.map((p) => p.basis!)),
      emergencyShare: share(placementsStarted.filter((p) => p.basis === 'emergency').length, placementsStarted.length),
      kinshipShare: share(kinship.length, fosterHomes.length),
      active: { events: all((c) => c.placements).filter(activeDuring).length, children: childrenWith((c) => c.placements, activeDuring) },
    },
    stockAtEnd: {
      openNotifications: all((c) => c.notifications).filter((n) => n.received <= end && (n.concluded === null || n.concluded > end)).length,
      openInvestigations: all((c) => c.investigations).filter((u) => u.opened <= end && (u.closed === null || u.closed > end)).length,
      childrenWithMeasures: childrenWith((c) => c.measures, activeAtEnd),
      childrenPlaced: childrenWith((c) => c.placements, activeAtEnd),
    },
  };
}
