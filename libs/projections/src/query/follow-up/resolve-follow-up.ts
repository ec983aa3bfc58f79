import { codeLists } from '../../model/codes';
import { FactKind, ItemKind, type CaseRecord, type Fact, type Item, type ProjectionModel } from '../../model/model';
import { counts, firstCounting, receivedOf, seesEverything, type View } from '../../model/view';

/*
 * What the follow-up figures of DOMAIN.md §7 need of one case, as one view (knownAt, asOf) sees it:
 * the same replay rules as resolve.ts (first creation wins, facts about a missing item are ignored,
 * one end per item), plus the facts that may repeat (evaluations, frequencies, responsibilities),
 * all of which count in log order. Days are Oslo epoch days; NONE-free: absent is null.
 */

export interface FollowUpSpell {
  id: string;
  category: string;
  /** basis code (measures: voluntary/ordered or null; placements: voluntary/emergency/care_order/behavioural) */
  basis: string | null;
  startDay: number;
  endDay: number | null;
  /** measures: the day the measure was decided, when recorded */
  decidedDay: number | null;
}

export interface FollowUpPlacement extends FollowUpSpell {
  emergency: boolean | null;
  /** VisitFrequencySet in log order */
  frequencies: Array<{ day: number; kind: 'follow_up' | 'supervision'; perYear: number; childConsent: boolean | null }>;
  /** SupervisionResponsibilitySet in log order: who supervises from that day */
  responsibilities: Array<{ day: number; municipality: string }>;
}

export interface FollowUpPlan {
  id: string;
  /** register Plantype "1"–"8" */
  kind: string;
  startDay: number;
  endDay: number | null;
  measureId: string | null;
  placementId: string | null;
  /** the plan's own evaluation due day (it wins over the interval) */
  evaluationDueDay: number | null;
  /** days of PlanEvaluated, in log order */
  evaluationDays: number[];
}

export interface FollowUpVisit {
  id: string;
  placementId: string;
  kind: 'follow_up' | 'supervision';
  inPerson: boolean;
  day: number;
}

export interface FollowUpAftercare {
  id: string;
  offeredDay: number;
  concludedDay: number | null;
  outcome: string | null;
}

export interface FollowUpCase {
  caseId: string;
  /** the case's own municipality (the care municipality) */
  municipality: string;
  /** from the first counting notification that names one; null = unknown (counts as under 18) */
  birthYear: number | null;
  measures: FollowUpSpell[];
  placements: FollowUpPlacement[];
  plans: FollowUpPlan[];
  visits: FollowUpVisit[];
  aftercare: FollowUpAftercare[];
}

const FOLLOW_UP_MEMO = {};

/** The case's follow-up data; a view that sees everything reuses the case's memo until the case changes. */
export function resolveFollowUp(model: ProjectionModel, record: CaseRecord, municipality: number, view: View): FollowUpCase {
  if (!seesEverything(model, view)) return resolveFresh(model, record, municipality, view);
  const known = record.memo?.get(FOLLOW_UP_MEMO);
  if (known !== undefined) return known as FollowUpCase;
  const resolved = resolveFresh(model, record, municipality, view);
  if (record.memo === null || record.memo.size >= 4) record.memo = new Map();
  record.memo.set(FOLLOW_UP_MEMO, resolved);
  return resolved;
}

/** True when the case has anything the follow-up figures could count: a measure, a placement or an aftercare offer. */
export function mayFollowUp(record: CaseRecord): boolean {
  for (const item of record.items) if (item.kind >= ItemKind.Measure) return true;
  return false;
}

function allCounting(item: Item, kind: FactKind, view: View, afterPosition: number): Fact[] {
  const out: Fact[] = [];
  for (const fact of item.facts) if (fact.kind === kind && fact.position > afterPosition && counts(fact, view)) out.push(fact);
  return out;
}

function resolveFresh(model: ProjectionModel, record: CaseRecord, municipality: number, view: View): FollowUpCase {
  const c: FollowUpCase = {
    caseId: record.caseId,
    municipality: model.symbols.name(municipality),
    birthYear: null,
    measures: [],
    placements: [],
    plans: [],
    visits: [],
    aftercare: [],
  };
  let birthPosition = Infinity;
  // a visit or plan names its placement by item: resolved placements by item, to find them again
  const placements = new Map<Item, FollowUpPlacement>();
  const later: Item[] = [];
  for (const item of record.items) {
    switch (item.kind) {
      case ItemKind.Notification: {
        const received = receivedOf(item, view);
        if (received !== null && received.extra >= 0 && received.position < birthPosition) {
          birthPosition = received.position;
          c.birthYear = received.extra;
        }
        break;
      }
      case ItemKind.Measure: {
        const started = firstCounting(item, FactKind.MeasureStarted, view, 0);
        if (started === null) break;
        const ended = firstCounting(item, FactKind.MeasureEnded, view, started.position);
        c.measures.push({
          id: item.id,
          category: model.symbols.name(started.value),
          basis: started.detail < 0 ? null : codeLists.measureBases[started.detail],
          startDay: started.day,
          endDay: ended === null ? null : ended.day,
          decidedDay: started.extra < 0 ? null : started.extra,
        });
        break;
      }
      case ItemKind.Placement: {
        const started = firstCounting(item, FactKind.PlacementStarted, view, 0);
        if (started === null) break;
        const ended = firstCounting(item, FactKind.PlacementEnded, view, started.position);
        const placement: FollowUpPlacement = {
          id: item.id,
          category: model.symbols.name(started.value),
          basis: codeLists.placementBases[started.detail],
          startDay: started.day,
          endDay: ended === null ? null : ended.day,
          decidedDay: null,
          emergency: started.extra < 0 ? null : started.extra === 1,
          frequencies: allCounting(item, FactKind.FrequencySet, view, started.position).map((f) => ({
            day: f.day,
            kind: codeLists.visitKinds[f.detail],
            perYear: f.value,
            childConsent: f.extra < 0 ? null : f.extra === 1,
          })),
          responsibilities: allCounting(item, FactKind.ResponsibilitySet, view, started.position).map((f) => ({ day: f.day, municipality: model.symbols.name(f.value) })),
        };
        placements.set(item, placement);
        c.placements.push(placement);
        break;
      }
      default:
        later.push(item);
    }
  }
  // plans and visits after the spells: a placement item may be listed after a visit that names it only through a retracted subset
  for (const item of later) {
    switch (item.kind) {
      case ItemKind.Plan: {
        const created = firstCounting(item, FactKind.PlanCreated, view, 0);
        if (created === null) break;
        const ended = firstCounting(item, FactKind.PlanEnded, view, created.position);
        const ref = created.ref;
        c.plans.push({
          id: item.id,
          kind: String(created.value),
          startDay: created.day,
          endDay: ended === null ? null : ended.day,
          measureId: ref !== null && ref.kind === ItemKind.Measure ? ref.id : null,
          placementId: ref !== null && ref.kind === ItemKind.Placement ? ref.id : null,
          evaluationDueDay: created.extra < 0 ? null : created.extra,
          evaluationDays: allCounting(item, FactKind.PlanEvaluated, view, created.position).map((f) => f.day),
        });
        break;
      }
      case ItemKind.Visit: {
        const held = firstCounting(item, FactKind.VisitHeld, view, 0);
        if (held === null || held.ref === null) break;
        const placement = placements.get(held.ref);
        // a visit to a placement that does not exist in this view is ignored, as replaying would
        if (placement === undefined || !placementExistedBefore(held.ref, held, view)) break;
        c.visits.push({ id: item.id, placementId: placement.id, kind: codeLists.visitKinds[held.value], inPerson: held.detail === 1, day: held.day });
        break;
      }
      case ItemKind.Aftercare: {
        const offered = firstCounting(item, FactKind.AftercareOffered, view, 0);
        if (offered === null) break;
        const concluded = firstCounting(item, FactKind.AftercareConcluded, view, offered.position);
        c.aftercare.push({
          id: item.id,
          offeredDay: offered.day,
          concludedDay: concluded === null ? null : concluded.day,
          outcome: concluded === null ? null : codeLists.aftercareOutcomes[concluded.value],
        });
        break;
      }
    }
  }
  return c;
}

/** A visit counts only if its placement's start came before it in the log (replay order). */
function placementExistedBefore(placement: Item, visit: Fact, view: View): boolean {
  const started = firstCounting(placement, FactKind.PlacementStarted, view, 0);
  return started !== null && started.position < visit.position;
}
