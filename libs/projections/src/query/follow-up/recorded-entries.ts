import type { FollowUpTimeline } from '@fristvakt/domain';
import { FactKind, ItemKind, type CaseRecord, type Fact, type Item } from '../../model/model';

/*
 * When the facts behind each entry of a case's latest follow-up timeline were recorded, so a view
 * with a knownAt can be cut from it as well (timeline-as-of.ts). Only for cases the index found
 * cuttable (indexed/follow-up-cuts.ts: one candidate fact per picked role, nothing retracted), so
 * each entry has exactly one fact, found again by its item and, for lists, in the order the
 * resolution lists them (after the item's creation, by day, ties in log order).
 */

/** recordedAt of the fact that made the entry, and of the one that ended or concluded it (Infinity: none) */
export interface Recorded {
  at: number;
  endAt: number;
  /** a plan's evaluations, parallel to its evaluationDays */
  evaluationsAt?: number[];
}

const RECORDED = new WeakMap<object, Recorded>();
const BUILT = new WeakMap<FollowUpTimeline, boolean>();

/** The recordings of a latest timeline's entries (keyed by entry object), or null when they cannot be matched. */
export function recordedEntries(record: CaseRecord, latest: FollowUpTimeline): WeakMap<object, Recorded> | null {
  let built = BUILT.get(latest);
  if (built === undefined) {
    built = build(record, latest);
    BUILT.set(latest, built);
  }
  return built ? RECORDED : null;
}

function only(item: Item, kind: FactKind): Fact | null {
  for (const fact of item.facts) if (fact.kind === kind) return fact;
  return null;
}

const recordedAt = (fact: Fact | null): number => (fact === null ? Infinity : fact.recordedAt);

/** The facts of a list, as the resolution orders them: after the creation, by day, ties in log order. */
function listed(item: Item, kind: FactKind, after: Fact, detail?: number): Fact[] {
  const facts = item.facts.filter((f) => f.kind === kind && f.position > after.position && (detail === undefined || f.detail === detail));
  return facts.sort((a, b) => a.day - b.day);
}

function zip(entries: readonly object[], facts: readonly Fact[]): boolean {
  if (entries.length !== facts.length) return false;
  for (let i = 0; i < entries.length; i++) RECORDED.set(entries[i], { at: facts[i].recordedAt, endAt: Infinity });
  return true;
}

function build(record: CaseRecord, t: FollowUpTimeline): boolean {
  for (const m of t.measures) {
    const item = record.find(ItemKind.Measure, m.measureId);
    const start = item === undefined ? null : only(item, FactKind.MeasureStarted);
    if (item === undefined || start === null) return false;
    RECORDED.set(m, { at: start.recordedAt, endAt: recordedAt(only(item, FactKind.MeasureEnded)) });
  }
  for (const p of t.placements) {
    const item = record.find(ItemKind.Placement, p.placementId);
    const start = item === undefined ? null : only(item, FactKind.PlacementStarted);
    if (item === undefined || start === null) return false;
    RECORDED.set(p, { at: start.recordedAt, endAt: recordedAt(only(item, FactKind.PlacementEnded)) });
    if (!zip(p.frequencies.follow_up, listed(item, FactKind.FrequencySet, start, FOLLOW_UP))) return false;
    if (!zip(p.frequencies.supervision, listed(item, FactKind.FrequencySet, start, SUPERVISION))) return false;
    if (!zip(p.supervisors, listed(item, FactKind.ResponsibilitySet, start))) return false;
  }
  for (const plan of t.plans) {
    const item = record.find(ItemKind.Plan, plan.planId);
    const created = item === undefined ? null : only(item, FactKind.PlanCreated);
    if (item === undefined || created === null) return false;
    const evaluations = listed(item, FactKind.PlanEvaluated, created);
    if (evaluations.length !== plan.evaluationDays.length) return false;
    RECORDED.set(plan, {
      at: created.recordedAt,
      endAt: recordedAt(only(item, FactKind.PlanEnded)),
      evaluationsAt: evaluations.map((f) => f.recordedAt),
    });
  }
  for (const visit of t.visits) {
    const item = record.find(ItemKind.Visit, visit.visitId);
    const held = item === undefined ? null : only(item, FactKind.VisitHeld);
    if (held === null) return false;
    RECORDED.set(visit, { at: held.recordedAt, endAt: Infinity });
  }
  for (const offer of t.aftercare) {
    const item = record.find(ItemKind.Aftercare, offer.offerId);
    const offered = item === undefined ? null : only(item, FactKind.AftercareOffered);
    if (item === undefined || offered === null) return false;
    RECORDED.set(offer, { at: offered.recordedAt, endAt: recordedAt(only(item, FactKind.AftercareConcluded)) });
  }
  return true;
}

const FOLLOW_UP = 0; // index in VISIT_KINDS, as the model stores FrequencySet's detail
const SUPERVISION = 1;
