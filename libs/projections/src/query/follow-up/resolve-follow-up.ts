import type {
  AftercareOutcome,
  FollowUpTimeline,
  MeasureBasis,
  PlacementBasis,
  PlacementSpell,
  PlanKind,
  VisitFrequency,
} from '@fristvakt/domain';
import { codeLists } from '../../model/codes';
import {
  basisOfPlacement,
  FactKind,
  isEmergencyOfPlacement,
  ItemKind,
  type CaseRecord,
  type Fact,
  type Item,
  type ProjectionModel,
} from '../../model/model';
import { counts, firstCounting, receivedOf, seesEverything, type View } from '../../model/view';

/*
 * What the follow-up figures of DOMAIN.md §7 need of one case, as one view (knownAt, asOf) sees it:
 * the same replay rules as resolve.ts (first creation wins, facts about a missing item are ignored,
 * one end per item), plus the facts that may repeat (evaluations, frequencies, responsibilities),
 * all of which count in log order. Days are Oslo epoch days (the domain's day numbers); absent is null.
 */

/** The case's follow-up timeline (the domain's input) and its case id. */
export interface FollowUpCase extends FollowUpTimeline {
  caseId: string;
  municipality: string;
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

function lastCounting(item: Item, kind: FactKind, view: View, afterPosition: number): Fact | null {
  let last: Fact | null = null;
  for (const fact of item.facts) if (fact.kind === kind && fact.position > afterPosition && counts(fact, view)) last = fact;
  return last;
}

function resolveFresh(model: ProjectionModel, record: CaseRecord, municipality: number, view: View): FollowUpCase {
  const c = { caseId: record.caseId, municipality: model.symbols.name(municipality), childBirthYear: null as number | null };
  let birthPosition = Infinity;
  // a visit or plan names its placement by item: resolved placements by item, to find them again
  const placements = new Map<Item, PlacementSpell>();
  const measures: FollowUpTimeline['measures'][number][] = [];
  const placementList: PlacementSpell[] = [];
  const plans: FollowUpTimeline['plans'][number][] = [];
  const visits: FollowUpTimeline['visits'][number][] = [];
  const aftercare: FollowUpTimeline['aftercare'][number][] = [];
  const later: Item[] = [];
  for (const item of record.items) {
    switch (item.kind) {
      case ItemKind.Notification: {
        const received = receivedOf(item, view);
        if (received !== null && received.extra >= 0 && received.position < birthPosition) {
          birthPosition = received.position;
          c.childBirthYear = received.extra;
        }
        break;
      }
      case ItemKind.Measure: {
        const started = firstCounting(item, FactKind.MeasureStarted, view, 0);
        if (started === null) break;
        const ended = firstCounting(item, FactKind.MeasureEnded, view, started.position);
        measures.push({
          measureId: item.id,
          category: model.symbols.name(started.value),
          basis: started.detail < 0 ? null : (codeLists.measureBases[started.detail] as MeasureBasis),
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
        const frequencies = allCounting(item, FactKind.FrequencySet, view, started.position);
        const frequenciesOf = (kind: number) =>
          byDay(
            frequencies
              .filter((f) => f.detail === kind)
              .map((f) => ({ fromDay: f.day, perYear: f.value as VisitFrequency, childConsent: f.extra < 0 ? null : f.extra === 1 })),
          );
        const placement: PlacementSpell = {
          placementId: item.id,
          category: model.symbols.name(started.value),
          basis: codeLists.placementBases[basisOfPlacement(started.detail)] as PlacementBasis,
          emergency: isEmergencyOfPlacement(started.detail),
          startDay: started.day,
          endDay: ended === null ? null : ended.day,
          frequencies: { follow_up: frequenciesOf(FOLLOW_UP), supervision: frequenciesOf(SUPERVISION) },
          supervisors: byDay(
            allCounting(item, FactKind.ResponsibilitySet, view, started.position).map((f) => ({
              fromDay: f.day,
              municipality: model.symbols.name(f.value),
            })),
          ),
        };
        placements.set(item, placement);
        placementList.push(placement);
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
        // the domain's case state keeps the latest end and conclusion (evolve), so the model does too
        const ended = lastCounting(item, FactKind.PlanEnded, view, created.position);
        const ref = created.ref;
        plans.push({
          planId: item.id,
          kind: String(created.value) as PlanKind,
          startDay: created.day,
          endDay: ended === null ? null : ended.day,
          measureId: ref !== null && ref.kind === ItemKind.Measure ? ref.id : null,
          placementId: ref !== null && ref.kind === ItemKind.Placement ? ref.id : null,
          evaluationDueDay: created.extra < 0 ? null : created.extra,
          evaluationDays: allCounting(item, FactKind.PlanEvaluated, view, created.position)
            .map((f) => f.day)
            .sort((a, b) => a - b),
        });
        break;
      }
      case ItemKind.Visit: {
        const held = firstCounting(item, FactKind.VisitHeld, view, 0);
        // kept whatever its placement, as the domain's case state keeps it: the rules judge whether it lies within one
        if (held === null || held.ref === null) break;
        visits.push({
          visitId: item.id,
          placementId: held.ref.id,
          kind: codeLists.visitKinds[held.value],
          inPerson: held.detail === 1,
          day: held.day,
        });
        break;
      }
      case ItemKind.Aftercare: {
        const offered = firstCounting(item, FactKind.AftercareOffered, view, 0);
        if (offered === null) break;
        const concluded = lastCounting(item, FactKind.AftercareConcluded, view, offered.position);
        aftercare.push({
          offerId: item.id,
          offeredDay: offered.day,
          concludedDay: concluded === null ? null : concluded.day,
          outcome: concluded === null ? null : (codeLists.aftercareOutcomes[concluded.value] as AftercareOutcome),
        });
        break;
      }
    }
  }
  return { ...c, measures, placements: placementList, plans, visits, aftercare };
}

const FOLLOW_UP = 0; // index in VISIT_KINDS
const SUPERVISION = 1;

/** Ordered by day; a stable sort keeps recording order among equal days, so the later recorded wins. */
function byDay<T extends { fromDay: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.fromDay - b.fromDay);
}
