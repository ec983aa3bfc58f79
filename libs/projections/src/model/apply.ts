import { isEmergencyPlacement, osloDateOf, type RecordedCaseEvent } from '@fristvakt/domain';
import { touch } from '../indexed/query-index';
import { codeIndex, codeLists, reporterMask } from './codes';
import { toEpochDay } from './epoch-day';
import { parseInstant } from './instant';
import {
  addFact,
  appended,
  caseRecordFor,
  Fact,
  type CasesByStream,
  FactKind,
  indexMunicipality,
  indexSupervision,
  internId,
  markFollowUp,
  Item,
  ItemKind,
  placementDetail,
  receivedDetail,
  type CaseRecord,
  type ProjectionModel,
} from './model';

/**
 * The reducer: folds one recorded event into the model and returns it.
 *
 * It mutates the model it is given (a copy per event would cost more than the whole model at a
 * million events); it does no I/O and depends on nothing but its inputs, so replaying the same log
 * always gives the same model. Idempotent: an event at or below the checkpoint is ignored, which
 * makes at-least-once delivery and re-reading an overlapping batch harmless.
 *
 * Facts are filed without checking the case rules: `decide` enforced them when the event was
 * written, and which facts count is decided at query time (knownAt, asOf, retractions).
 */
export function apply(model: ProjectionModel, event: RecordedCaseEvent): ProjectionModel {
  return applyInStream(model, event, null, -1, Number.NaN);
}

/**
 * {@link apply}, with what the store's read found out already: the case by the number the read
 * gave the event's stream (`cases`: that read's records by stream number; null or `stream` -1:
 * looked up by case id), and `recordedAtMs`, `Date.parse(event.recordedAt)` (NaN: parsed here).
 */
export function applyInStream(
  model: ProjectionModel,
  event: RecordedCaseEvent,
  cases: CasesByStream | null,
  stream: number,
  recordedAtMs: number,
): ProjectionModel {
  if (event.position <= model.checkpoint) return model;
  try {
    fileEvent(model, event, cases, stream, recordedAtMs);
  } catch {
    // A stored event the model cannot read must not stop the projection for everyone; it is
    // counted (exposed as `skipped`) so the operator sees it.
    model.skipped++;
  }
  model.checkpoint = event.position;
  return model;
}

export function applyAll(model: ProjectionModel, events: Iterable<RecordedCaseEvent>): ProjectionModel {
  for (const event of events) apply(model, event);
  return model;
}

function fileEvent(
  model: ProjectionModel,
  event: RecordedCaseEvent,
  cases: CasesByStream | null,
  stream: number,
  recordedAtMs: number,
): void {
  // parseInstant gives Date.parse's result, so one parsed by the store's read is the same
  const recordedAt = Number.isNaN(recordedAtMs) ? parseInstant(event.recordedAt) : recordedAtMs;
  if (Number.isNaN(recordedAt)) throw new RangeError(`recordedAt ${event.recordedAt}`);
  const record = cases === null || stream < 0 ? caseRecordFor(model, event.caseId) : cases.recordFor(model, stream, event.caseId);
  if (recordedAt > model.maxRecordedAt) model.maxRecordedAt = recordedAt;

  if (event.type === 'EventRetracted') {
    retract(model, record, event.data.retractedEventId, recordedAt, event.eventId);
    return;
  }

  const day = toEpochDay(osloDateOf(event.occurredAt));
  if (day > model.maxDay) model.maxDay = day;
  record.memo = null;
  touch(model, record);
  // No closures here: a million events would allocate (and, under tsx, name) two per event.
  switch (event.type) {
    case 'NotificationReceived': {
      const d = event.data;
      const municipality = model.symbols.symbol(d.municipality);
      indexMunicipality(model, record, municipality);
      const notification = itemFor(model, record, ItemKind.Notification, d.notificationId);
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.Received,
        notification,
        reporterMask(d.reporters),
        receivedDetail(municipality, d.acute === true, d.childBirthYear),
        null,
        d.childBirthYear ?? -1,
      );
      return;
    }
    case 'NotificationCleared': {
      const notification = itemFor(model, record, ItemKind.Notification, event.data.notificationId);
      file(model, event, recordedAt, day, FactKind.Cleared, notification, codeIndex(codeLists.clearingReasons, event.data.reason), 0, null);
      return;
    }
    case 'InvestigationOpened': {
      const notification = itemFor(model, record, ItemKind.Notification, event.data.notificationId);
      const investigation = itemFor(model, record, ItemKind.Investigation, event.data.investigationId);
      const fact = file(model, event, recordedAt, day, FactKind.Opened, investigation, 0, 0, notification);
      // The opening also concludes the notification's review, so the notification lists it too.
      addFact(notification, fact);
      return;
    }
    case 'InvestigationExtended': {
      const investigation = itemFor(model, record, ItemKind.Investigation, event.data.investigationId);
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.Extended,
        investigation,
        codeIndex(codeLists.extensionReasons, event.data.reason),
        0,
        null,
      );
      return;
    }
    case 'ExtensionAssessed': {
      const investigation = itemFor(model, record, ItemKind.Investigation, event.data.investigationId);
      file(model, event, recordedAt, day, FactKind.Assessed, investigation, event.data.approved ? 1 : 0, 0, null);
      return;
    }
    case 'InvestigationClosed': {
      const investigation = itemFor(model, record, ItemKind.Investigation, event.data.investigationId);
      file(model, event, recordedAt, day, FactKind.Closed, investigation, codeIndex(codeLists.outcomes, event.data.outcome), 0, null);
      return;
    }
    case 'MeasureStarted': {
      const measure = itemFor(model, record, ItemKind.Measure, event.data.measureId);
      const category = model.symbols.symbol(event.data.category);
      const decidedOn = event.data.decidedOn === undefined ? -1 : toEpochDay(event.data.decidedOn);
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.MeasureStarted,
        measure,
        category,
        codeIndex(codeLists.measureBases, event.data.basis),
        null,
        decidedOn,
      );
      return;
    }
    case 'MeasureEnded': {
      const measure = itemFor(model, record, ItemKind.Measure, event.data.measureId);
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.MeasureEnded,
        measure,
        codeIndex(codeLists.measureEndReasons, event.data.reason),
        0,
        null,
      );
      return;
    }
    case 'PlacementStarted': {
      const placement = itemFor(model, record, ItemKind.Placement, event.data.placementId);
      const category = model.symbols.symbol(event.data.category);
      const d = event.data;
      const detail = placementDetail(codeIndex(codeLists.placementBases, d.basis), isEmergencyPlacement(d.basis, d.emergency));
      file(model, event, recordedAt, day, FactKind.PlacementStarted, placement, category, detail, null);
      return;
    }
    case 'PlacementEnded': {
      const placement = itemFor(model, record, ItemKind.Placement, event.data.placementId);
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.PlacementEnded,
        placement,
        event.data.planned ? 1 : 0,
        codeIndex(codeLists.placementEndReasons, event.data.reason),
        null,
      );
      return;
    }
    default:
      fileFollowUp(model, record, event, recordedAt, day);
  }
}

/** The follow-up events of DOMAIN.md §7: plans, visit frequencies, supervision, visits, aftercare. */
function fileFollowUp(model: ProjectionModel, record: CaseRecord, event: RecordedCaseEvent, recordedAt: number, day: number): void {
  switch (event.type) {
    case 'PlanCreated': {
      const d = event.data;
      const plan = itemFor(model, record, ItemKind.Plan, d.planId);
      const ref =
        d.measureId !== undefined
          ? itemFor(model, record, ItemKind.Measure, d.measureId)
          : d.placementId !== undefined
            ? itemFor(model, record, ItemKind.Placement, d.placementId)
            : null;
      const due = d.evaluationDueOn === undefined ? -1 : toEpochDay(d.evaluationDueOn);
      file(model, event, recordedAt, day, FactKind.PlanCreated, plan, Number(d.kind), 0, ref, due);
      return;
    }
    case 'PlanEvaluated':
      file(model, event, recordedAt, day, FactKind.PlanEvaluated, itemFor(model, record, ItemKind.Plan, event.data.planId), 0, 0, null);
      return;
    case 'PlanEnded':
      file(model, event, recordedAt, day, FactKind.PlanEnded, itemFor(model, record, ItemKind.Plan, event.data.planId), 0, 0, null);
      return;
    case 'VisitFrequencySet': {
      const d = event.data;
      const placement = itemFor(model, record, ItemKind.Placement, d.placementId);
      const consent = d.childConsent === undefined ? -1 : d.childConsent ? 1 : 0;
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.FrequencySet,
        placement,
        d.perYear,
        codeIndex(codeLists.visitKinds, d.kind),
        null,
        consent,
      );
      return;
    }
    case 'SupervisionResponsibilitySet': {
      const placement = itemFor(model, record, ItemKind.Placement, event.data.placementId);
      const municipality = model.symbols.symbol(event.data.municipality);
      indexSupervision(model, record, municipality);
      file(model, event, recordedAt, day, FactKind.ResponsibilitySet, placement, municipality, 0, null);
      return;
    }
    case 'VisitHeld': {
      const d = event.data;
      const visit = itemFor(model, record, ItemKind.Visit, d.visitId);
      const placement = itemFor(model, record, ItemKind.Placement, d.placementId);
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.VisitHeld,
        visit,
        codeIndex(codeLists.visitKinds, d.kind),
        d.inPerson ? 1 : 0,
        placement,
      );
      return;
    }
    case 'AftercareOffered':
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.AftercareOffered,
        itemFor(model, record, ItemKind.Aftercare, event.data.offerId),
        0,
        0,
        null,
      );
      return;
    case 'AftercareConcluded':
      file(
        model,
        event,
        recordedAt,
        day,
        FactKind.AftercareConcluded,
        itemFor(model, record, ItemKind.Aftercare, event.data.offerId),
        codeIndex(codeLists.aftercareOutcomes, event.data.outcome),
        0,
        null,
      );
      return;
    default:
      throw new TypeError(`Unknown event type ${(event as { type: string }).type}`);
  }
}

function file(
  model: ProjectionModel,
  event: RecordedCaseEvent,
  recordedAt: number,
  day: number,
  kind: FactKind,
  item: Item,
  value: number,
  detail: number,
  ref: Item | null,
  extra = -1,
): Fact {
  const fact = new Fact(kind, event.eventId, event.position, recordedAt, day, value, detail, item, ref, extra);
  addFact(item, fact);
  model.factCount++;
  return fact;
}

function itemFor(model: ProjectionModel, record: CaseRecord, kind: ItemKind, id: string): Item {
  if (kind >= ItemKind.Measure) markFollowUp(model, record);
  let item = record.find(kind, id);
  if (item === undefined) {
    item = new Item(kind, internId(model, id));
    record.items = appended(record.items, item);
  }
  return item;
}

/**
 * Marks the target as retracted from `recordedAt` on. The decider only accepts retractions of
 * events in the same case, so that is where we look; the whole model is searched only as a
 * fallback, so a differently-minded writer still gets a correct (if slower) projection.
 */
function retract(model: ProjectionModel, record: CaseRecord, targetId: string, recordedAt: number, byEventId: string): void {
  const local = findFact(record, targetId);
  const [owner, target] = local === undefined ? (findFactAnywhere(model, targetId) ?? [undefined, undefined]) : [record, local];
  if (target === undefined || owner === undefined) {
    model.unresolvedRetractions++;
    return;
  }
  if (recordedAt < target.retractedAt) {
    target.retract(recordedAt, byEventId);
    owner.memo = null;
    touch(model, owner);
  }
}

function findFact(record: CaseRecord, eventId: string): Fact | undefined {
  for (const item of record.items) for (const fact of item.facts) if (fact.hasEventId(eventId)) return fact;
  return undefined;
}

function findFactAnywhere(model: ProjectionModel, eventId: string): [CaseRecord, Fact] | undefined {
  for (const record of model.cases.values()) {
    const fact = findFact(record, eventId);
    if (fact !== undefined) return [record, fact];
  }
  return undefined;
}
