import { basisOfPlacement, FactKind, ItemKind, type CaseRecord, type Fact, type Item } from '../model/model';
import { CONCLUDED_BY_INVESTIGATION, type MunicipalityTables, type SpellTable } from './tables';

/*
 * Which cases the flat tables can answer exactly, and their rows.
 *
 * The resolution rules (model/view.ts) pick, per item and role, the first counting fact after the
 * item's creation. When every role has at most one candidate fact in the whole model (retracted or
 * not), the role's fact under any view is that candidate if it counts and nothing otherwise, so a
 * row with the candidate's day/recordedAt/retractedAt answers every knownAt/asOf by comparison.
 * Cases where some role has competing candidates (a second receipt, two openings of one
 * notification, a re-close after a retraction …) or that name several municipalities are "complex"
 * and resolved per query as before; in a valid log they are rare.
 */

const RECEIVED = FactKind.Received;
const CLEARED = FactKind.Cleared;
const OPENED = FactKind.Opened;
const EXTENDED = FactKind.Extended;
const ASSESSED = FactKind.Assessed;
const CLOSED = FactKind.Closed;

/** The only fact of `kind` after `afterPosition`; null if none; undefined if several compete. */
function sole(item: Item, kind: FactKind, afterPosition: number): Fact | null | undefined {
  let found: Fact | null = null;
  for (const fact of item.facts) {
    if (fact.kind !== kind || fact.position <= afterPosition) continue;
    if (found !== null) return undefined;
    found = fact;
  }
  return found;
}

const startKind = (kind: ItemKind) => (kind === ItemKind.Measure ? FactKind.MeasureStarted : FactKind.PlacementStarted);
const endKind = (kind: ItemKind) => (kind === ItemKind.Measure ? FactKind.MeasureEnded : FactKind.PlacementEnded);

function notificationIsSimple(item: Item): boolean {
  const received = sole(item, RECEIVED, 0);
  if (received === undefined) return false;
  if (received === null) return true;
  let candidates = 0;
  for (const fact of item.facts) {
    if ((fact.kind === CLEARED || fact.kind === OPENED) && fact.position > received.position) candidates++;
  }
  return candidates <= 1;
}

/** The opening and the notification's receipt, if the investigation can exist at all. */
function openingOf(item: Item): { opened: Fact; received: Fact } | null | undefined {
  const opened = sole(item, OPENED, 0);
  if (opened === undefined) return undefined;
  if (opened === null || opened.ref === null) return null;
  const received = sole(opened.ref, RECEIVED, 0);
  if (received === undefined) return undefined;
  if (received === null || received.position > opened.position) return null;
  return { opened, received };
}

function investigationIsSimple(item: Item): boolean {
  const opening = openingOf(item);
  if (opening === undefined) return false;
  if (opening === null) return true;
  const extended = sole(item, EXTENDED, opening.opened.position);
  if (extended === undefined || sole(item, CLOSED, opening.opened.position) === undefined) return false;
  return extended === null || sole(item, ASSESSED, extended.position) !== undefined;
}

function spellIsSimple(item: Item): boolean {
  const started = sole(item, startKind(item.kind), 0);
  if (started === undefined) return false;
  return started === null || sole(item, endKind(item.kind), started.position) !== undefined;
}

export function caseIsSimple(record: CaseRecord): boolean {
  if (record.municipalities.length !== 1) return false;
  for (const item of record.items) {
    switch (item.kind) {
      case ItemKind.Notification:
        if (!notificationIsSimple(item)) return false;
        break;
      case ItemKind.Investigation:
        if (!investigationIsSimple(item)) return false;
        break;
      case ItemKind.Measure:
      case ItemKind.Placement:
        if (!spellIsSimple(item)) return false;
        break;
      // plans, visits and aftercare have no rows: the follow-up figures resolve them per case
    }
  }
  return true;
}

/** Items with a row in the flat tables. */
function hasRow(item: Item): boolean {
  return item.kind <= ItemKind.Placement;
}

/** The case is in a view iff a receipt is known by then (its municipality comes from one). */
export function knownFromOf(record: CaseRecord): number {
  let earliest = Infinity;
  for (const item of record.items) {
    if (item.kind !== ItemKind.Notification) continue;
    for (const fact of item.facts) if (fact.kind === RECEIVED && fact.recordedAt < earliest) earliest = fact.recordedAt;
  }
  return earliest;
}

function tableOf(tables: MunicipalityTables, kind: ItemKind) {
  switch (kind) {
    case ItemKind.Notification:
      return tables.notifications;
    case ItemKind.Investigation:
      return tables.investigations;
    case ItemKind.Measure:
      return tables.measures;
    default:
      return tables.placements;
  }
}

/** Writes every item of a simple case into its municipality's tables (rows are reused across rewrites). */
export function writeRows(tables: MunicipalityTables, record: CaseRecord): void {
  const knownFrom = knownFromOf(record);
  for (const item of record.items) {
    if (!hasRow(item)) continue;
    const table = tableOf(tables, item.kind);
    if (item.slot < 0) item.slot = table.allocate(record, item);
    const slot = item.slot;
    table.knownFrom[slot] = knownFrom;
    switch (item.kind) {
      case ItemKind.Notification: {
        const t = tables.notifications;
        const received = sole(item, RECEIVED, 0) ?? null;
        t.receipt.set(slot, received, received?.value, received === null ? 0 : received.detail & 1);
        let conclusion: Fact | null = null;
        if (received !== null) {
          for (const fact of item.facts)
            if ((fact.kind === CLEARED || fact.kind === OPENED) && fact.position > received.position) conclusion = fact;
        }
        t.conclusion.set(
          slot,
          conclusion,
          conclusion === null ? 0 : conclusion.kind === OPENED ? CONCLUDED_BY_INVESTIGATION : conclusion.value,
        );
        break;
      }
      case ItemKind.Investigation: {
        const t = tables.investigations;
        const opening = openingOf(item) ?? null;
        t.receipt.set(slot, opening?.received ?? null);
        t.opening.set(slot, opening?.opened ?? null);
        const after = opening === null ? Infinity : opening.opened.position;
        const extended = opening === null ? null : (sole(item, EXTENDED, after) ?? null);
        t.extension.set(slot, extended);
        const assessed = extended === null ? null : (sole(item, ASSESSED, extended.position) ?? null);
        t.assessment.set(slot, assessed, assessed?.value);
        const closed = opening === null ? null : (sole(item, CLOSED, after) ?? null);
        t.close.set(slot, closed, closed?.value);
        break;
      }
      default: {
        const t = table as SpellTable;
        const started = sole(item, startKind(item.kind), 0) ?? null;
        // the tables carry a placement's basis only; the emergency flag is read per case (query/children.ts)
        const detail = started === null ? undefined : item.kind === ItemKind.Placement ? basisOfPlacement(started.detail) : started.detail;
        t.start.set(slot, started, started?.value, detail);
        const ended = started === null ? null : (sole(item, endKind(item.kind), started.position) ?? null);
        t.end.set(slot, ended, ended?.value);
      }
    }
  }
}

/** Takes the case's rows out of every view (it became complex). */
export function clearRows(tables: MunicipalityTables, record: CaseRecord): void {
  for (const item of record.items) if (item.slot >= 0) tableOf(tables, item.kind).clear(item.slot);
}
