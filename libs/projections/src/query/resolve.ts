import { extensionInForce, type ExtensionAssessment, type PlacementBasis, type RuleSetId } from '@fristvakt/domain';
import { CONCLUDED_BY_INVESTIGATION } from '../indexed/tables';
import { codeLists } from '../model/codes';
import { fromEpochDay } from '../model/epoch-day';
import {
  basisOfPlacement,
  birthYearOfReceipt,
  FactKind,
  isEmergencyOfPlacement,
  ItemKind,
  type CaseRecord,
  type ProjectionModel,
} from '../model/model';
import { conclusionOf, firstCounting, municipalityOf, openerOf, receivedOf, seesEverything, type View } from '../model/view';
import type { DeadlineCalendar } from './deadline-calendar';

/*
 * A case as one view (knownAt, asOf) and one counting method see it. Short-lived: built per case
 * inside a query loop and dropped, so the long-lived model stays compact.
 */

export interface ResolvedNotification {
  id: string;
  receivedDay: number;
  /** bit i = REPORTER_CODES[i] */
  reporterMask: number;
  acute: boolean;
  ruleSet: RuleSetId;
  reviewDeadlineDay: number;
  concludedDay: number | null;
  /** 'investigation' or the clearing reason */
  conclusion: string | null;
  /** the same as a code: clearing reason index or CONCLUDED_BY_INVESTIGATION */
  conclusionCode: number;
}

export interface ResolvedExtension {
  decidedDay: number;
  assessment: ExtensionAssessment;
  inForce: boolean;
}

export interface ResolvedInvestigation {
  id: string;
  notificationId: string;
  receivedDay: number;
  openedDay: number;
  ruleSet: RuleSetId;
  ordinaryDeadlineDay: number;
  extension: ResolvedExtension | null;
  /** the deadline in force: six months only with an extension in force */
  deadlineDay: number;
  closedDay: number | null;
  outcome: string | null;
  outcomeCode: number;
}

export interface ResolvedMeasure {
  id: string;
  category: string;
  categorySymbol: number;
  basisCode: number;
  basis: string | null;
  startDay: number;
  endDay: number | null;
}

export interface ResolvedPlacement {
  id: string;
  category: string;
  categorySymbol: number;
  basisCode: number;
  basis: PlacementBasis;
  /** akuttplassering, whatever the basis (domain isEmergencyPlacement) */
  emergency: boolean;
  startDay: number;
  endDay: number | null;
  planned: boolean | null;
}

export interface ResolvedCase {
  caseId: string;
  municipality: string;
  /** from the first counting notification that gives one; null when none does */
  birthYear: number | null;
  notifications: ResolvedNotification[];
  investigations: ResolvedInvestigation[];
  measures: ResolvedMeasure[];
  placements: ResolvedPlacement[];
}

/** Cases whose municipality (as known at the view) is one of those asked for (null: all). */
export function* casesInScope(model: ProjectionModel, scope: readonly string[] | null, view: View): Generator<[CaseRecord, number]> {
  if (scope === null) {
    for (const record of model.cases.values()) {
      const m = municipalityOf(record, view);
      if (m !== null) yield [record, m];
    }
    return;
  }
  for (const name of new Set(scope)) {
    const symbol = model.symbols.lookup(name);
    if (symbol === undefined) continue;
    for (const record of model.byMunicipality.get(symbol) ?? []) {
      if (municipalityOf(record, view) === symbol) yield [record, symbol];
    }
  }
}

const NOTIFICATION = ItemKind.Notification;
const INVESTIGATION = ItemKind.Investigation;
const MEASURE = ItemKind.Measure;
const PLACEMENT = ItemKind.Placement;
const OPENED = FactKind.Opened;
const EXTENDED = FactKind.Extended;
const ASSESSED = FactKind.Assessed;
const CLOSED = FactKind.Closed;
const MEASURE_STARTED = FactKind.MeasureStarted;
const MEASURE_ENDED = FactKind.MeasureEnded;
const PLACEMENT_STARTED = FactKind.PlacementStarted;
const PLACEMENT_ENDED = FactKind.PlacementEnded;

/**
 * The case as the view sees it. A view that sees everything (the live board, any period figure
 * without knownAt) reuses the case's memo until the case changes, so repeated leader queries
 * cost a walk over small resolved objects, not a re-resolution of every fact.
 */
export function resolveCase(
  model: ProjectionModel,
  record: CaseRecord,
  municipality: number,
  view: View,
  calendar: DeadlineCalendar,
): ResolvedCase {
  if (!seesEverything(model, view)) return resolveFresh(model, record, municipality, view, calendar);
  const known = record.memo?.get(calendar);
  if (known !== undefined) return known as ResolvedCase;
  const resolved = resolveFresh(model, record, municipality, view, calendar);
  // a handful of calendars at most in practice; a caller minting rules per request must not grow it
  if (record.memo === null || record.memo.size >= 4) record.memo = new Map();
  record.memo.set(calendar, resolved);
  return resolved;
}

function resolveFresh(
  model: ProjectionModel,
  record: CaseRecord,
  municipality: number,
  view: View,
  calendar: DeadlineCalendar,
): ResolvedCase {
  const resolved: ResolvedCase = {
    caseId: record.caseId,
    municipality: model.symbols.name(municipality),
    birthYear: null,
    notifications: [],
    investigations: [],
    measures: [],
    placements: [],
  };
  for (const item of record.items) {
    switch (item.kind) {
      case NOTIFICATION: {
        const received = receivedOf(item, view);
        if (received === null) break;
        const conclusion = conclusionOf(item, view, received);
        resolved.birthYear ??= birthYearOfReceipt(received.detail);
        resolved.notifications.push({
          id: item.id,
          receivedDay: received.day,
          reporterMask: received.value,
          acute: (received.detail & 1) === 1,
          ruleSet: calendar.ruleSet(received.day).id,
          reviewDeadlineDay: calendar.reviewDeadline(received.day),
          concludedDay: conclusion === null ? null : conclusion.day,
          conclusion:
            conclusion === null ? null : conclusion.kind === OPENED ? 'investigation' : codeLists.clearingReasons[conclusion.value],
          conclusionCode: conclusion === null ? 0 : conclusion.kind === OPENED ? CONCLUDED_BY_INVESTIGATION : conclusion.value,
        });
        break;
      }
      case INVESTIGATION: {
        const opener = openerOf(item, view);
        if (opener === null || opener.ref === null) break;
        // openerOf guarantees the notification's receipt counts
        const received = receivedOf(opener.ref, view)!;
        const deadlines = calendar.investigationDeadlines(received.day, opener.day);
        const extended = firstCounting(item, EXTENDED, view, opener.position);
        let extension: ResolvedExtension | null = null;
        if (extended !== null) {
          const assessed = firstCounting(item, ASSESSED, view, extended.position);
          const assessment: ExtensionAssessment = assessed === null ? 'pending' : assessed.value === 1 ? 'approved' : 'rejected';
          const inForce = extensionInForce({
            decidedDate: fromEpochDay(extended.day),
            ordinaryDeadline: fromEpochDay(deadlines.ordinary),
            assessment,
          });
          extension = { decidedDay: extended.day, assessment, inForce };
        }
        const closed = firstCounting(item, CLOSED, view, opener.position);
        resolved.investigations.push({
          id: item.id,
          notificationId: opener.ref.id,
          receivedDay: received.day,
          openedDay: opener.day,
          ruleSet: calendar.ruleSet(received.day).id,
          ordinaryDeadlineDay: deadlines.ordinary,
          extension,
          deadlineDay: extension?.inForce ? deadlines.extended : deadlines.ordinary,
          closedDay: closed === null ? null : closed.day,
          outcome: closed === null ? null : codeLists.outcomes[closed.value],
          outcomeCode: closed === null ? 0 : closed.value,
        });
        break;
      }
      case MEASURE: {
        const started = firstCounting(item, MEASURE_STARTED, view, 0);
        if (started === null) break;
        const ended = firstCounting(item, MEASURE_ENDED, view, started.position);
        resolved.measures.push({
          id: item.id,
          category: model.symbols.name(started.value),
          categorySymbol: started.value,
          basisCode: started.detail,
          basis: started.detail < 0 ? null : codeLists.measureBases[started.detail],
          startDay: started.day,
          endDay: ended === null ? null : ended.day,
        });
        break;
      }
      case PLACEMENT: {
        const started = firstCounting(item, PLACEMENT_STARTED, view, 0);
        if (started === null) break;
        const ended = firstCounting(item, PLACEMENT_ENDED, view, started.position);
        resolved.placements.push({
          id: item.id,
          category: model.symbols.name(started.value),
          categorySymbol: started.value,
          basisCode: basisOfPlacement(started.detail),
          basis: codeLists.placementBases[basisOfPlacement(started.detail)],
          emergency: isEmergencyOfPlacement(started.detail),
          startDay: started.day,
          endDay: ended === null ? null : ended.day,
          planned: ended === null ? null : ended.value === 1,
        });
        break;
      }
    }
  }
  return resolved;
}
