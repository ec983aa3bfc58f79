import type { CountingMethod, DeadlineRules, RecordedCaseEvent } from '@fristvakt/domain';
import { applyAll, compliance, createModel, type Period } from '@fristvakt/projections';

export type ExplanationReason = 'recorded_after' | 'retracted_after';

export interface Explanation {
  eventId: string;
  caseId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  why: ExplanationReason;
  /** for `retracted_after`: the retraction and when it was recorded */
  retractedBy?: string;
  retractedAt?: string;
}

export interface ExplainQuery {
  period: Period;
  /** epoch ms: the transaction time the "then" figures were known at */
  knownAtMs: number;
  method: CountingMethod;
  rules: DeadlineRules;
  /** valid-time cut, the same for then and now (the compliance default: today) */
  asOf?: string | null;
  /** figures of one municipality; absent: every municipality */
  municipality?: string;
}

/**
 * Which events of one case explain why its part of the period's compliance figures as known at
 * `knownAt` differs from now. Pure; `history` is the case's stream in version order.
 *
 * Candidates are the events the two views disagree on: events recorded after knownAt and not
 * retracted since (`recorded_after`), and events recorded by then whose retraction was recorded
 * after it (`retracted_after`). An event recorded after knownAt and retracted since counts in
 * neither view and never explains anything.
 *
 * "Affects the period" is decided by the figures themselves: the case's contribution is its
 * compliance answer computed alone (the library's own query, on a model of just this case). If
 * the contributions then and now are equal, nothing of the case is listed. Otherwise a candidate
 * is listed iff toggling it alone changes a contribution — taking it out of (or, for a retraction,
 * back into) the current view, or putting it into (retraction: out of) the view as known then. So
 * a late closing after the period end of an investigation that was open at the end either way, or
 * a late measure, is not listed; a late notification received in the period is. Should the case
 * differ while no single candidate does (redundant events), every candidate of the case is listed.
 */
export function explainCase(history: readonly RecordedCaseEvent[], query: ExplainQuery): Explanation[] {
  const firstRetraction = new Map<string, RecordedCaseEvent>();
  for (const event of history) {
    if (event.type !== 'EventRetracted') continue;
    const target = event.data.retractedEventId;
    if (!firstRetraction.has(target)) firstRetraction.set(target, event);
  }
  const K = query.knownAtMs;
  const recordedBy = (event: RecordedCaseEvent) => Date.parse(event.recordedAt) <= K;
  const facts = history.filter((event) => event.type !== 'EventRetracted');
  const candidates: Explanation[] = [];
  const inThen = new Set<string>();
  const inNow = new Set<string>();
  for (const event of facts) {
    const retraction = firstRetraction.get(event.eventId);
    const knownThen = recordedBy(event) && !(retraction !== undefined && recordedBy(retraction));
    const countsNow = retraction === undefined;
    if (knownThen) inThen.add(event.eventId);
    if (countsNow) inNow.add(event.eventId);
    if (knownThen === countsNow) continue;
    const base = {
      eventId: event.eventId,
      caseId: event.caseId,
      type: event.type,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
    };
    candidates.push(
      countsNow
        ? { ...base, why: 'recorded_after' }
        : { ...base, why: 'retracted_after', retractedBy: retraction?.eventId, retractedAt: retraction?.recordedAt },
    );
  }
  if (candidates.length === 0) return [];

  const contribution = (ids: ReadonlySet<string>) =>
    contributionOf(
      facts.filter((event) => ids.has(event.eventId)),
      query,
    );
  const then = contribution(inThen);
  const now = contribution(inNow);
  if (then === now) return [];
  const explaining = candidates.filter(
    ({ eventId }) => contribution(toggled(inNow, eventId)) !== now || contribution(toggled(inThen, eventId)) !== then,
  );
  return explaining.length > 0 ? explaining : candidates;
}

/** The case's compliance answer with exactly these events counting, as comparable text. */
function contributionOf(events: readonly RecordedCaseEvent[], query: ExplainQuery): string {
  const model = applyAll(createModel(), events);
  const answer = compliance(model, {
    period: query.period,
    method: query.method,
    rules: query.rules,
    asOf: query.asOf ?? null,
    ...(query.municipality === undefined ? {} : { municipality: query.municipality }),
  });
  return JSON.stringify({ reviews: answer.reviews, investigations: answer.investigations });
}

function toggled(ids: ReadonlySet<string>, eventId: string): Set<string> {
  const out = new Set(ids);
  if (out.has(eventId)) out.delete(eventId);
  else out.add(eventId);
  return out;
}
