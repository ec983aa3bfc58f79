import * as domain from '@fristvakt/domain';
import { type DeadlineStatus, type FollowUpItem, type FollowUpItemKind, type FollowUpRules } from '@fristvakt/domain';
import { fromEpochDay } from '../../model/epoch-day';
import type { ProjectionModel } from '../../model/model';
import type { View } from '../../model/view';
import type { FollowUpBounds } from '../../indexed/follow-up-bounds';
import { queryIndexOf } from '../../indexed/query-index';
import type { DeadlineItem } from '../deadlines';
import { followUpCutsOf, forEachFollowUpCase, inScope } from './follow-up-scope';
import { boardLayoutOf, type BoardLayout, type MunicipalityLayout } from './board-layout';
import { boardSpansOf, spanHorizonOf, type SpanItem } from './board-spans';
import { followUpTimelineFor } from './timeline-as-of';

// Module-local copies: the per-child loop should not go through the package's export bindings (as in model/view.ts).
const { deadlineStatusOnDays, followUpOpenItems, mayOweFollowUpOn } = domain;
const MS_PER_DAY = 86_400_000;

export const FOLLOW_UP_ITEM_KINDS: readonly FollowUpItemKind[] = [
  'plan',
  'care_plan',
  'evaluation',
  'follow_up_visit',
  'supervision_visit',
];

/** Where the board's follow-up items go: `ordinal` is the case's (the board orders by case id through it). */
export interface FollowUpBoard {
  add(item: DeadlineItem, dueDay: number, ordinal: number): void;
}

/**
 * Follow-up items open on the view's asOf day (DOMAIN.md §7.6) for the scope's children, and the
 * supervision items of children of other municipalities placed in foster homes the scope
 * supervises (nothing else of those cases). Each becomes a board item of one fixed shape.
 */
export function followUpDeadlines(
  model: ProjectionModel,
  scope: readonly string[] | null,
  view: View,
  kind: FollowUpItemKind | undefined,
  status: DeadlineStatus | undefined,
  rules: FollowUpRules | undefined,
  board: FollowUpBoard,
): void {
  const cuts = followUpCutsOf(model);
  const day = view.asOfDay;
  // the stretches serve a case whose timeline for the view is the latest one cut at asOf (board-spans.ts)
  const spans = cuts === null ? null : boardSpansOf(model, rules);
  const horizon = spans === null ? 0 : spanHorizonOf(model);
  // their layout, for a view knowing at least what was recorded by the start of asOf (board-layout.ts)
  const layout = spans === null || view.knownAt < day * MS_PER_DAY ? null : boardLayoutOf(model, spans);
  let handled: ((ordinal: number) => boolean) | null = null;
  if (layout !== null) {
    const symbols = scopeSymbols(model, scope);
    const read = layout.start(model, symbols, view.knownAt, day, horizon);
    for (const municipality of read) layoutItems(layout, municipality, view, kind, status, board, queryIndexOf(model).followUp);
    handled = (ordinal) => layout.handles(ordinal, day);
  }
  forEachFollowUpCase(
    model,
    scope,
    view,
    { startDay: day, endDay: day },
    (record, symbol) => {
      const known = spans === null ? null : spans.of(model, record, symbol, day, horizon);
      const stretch = known === null ? -1 : known.stretchFor(view.knownAt, day);
      if (stretch >= 0) {
        const own = inScope(scope, model.symbols.name(symbol));
        for (let i = known!.first(stretch), end = known!.first(stretch + 1); i < end; i++)
          addItem(known!.items[i], record.caseId, record.ordinal, model.symbols.name(symbol), own, scope, day, kind, status, board);
        return;
      }
      const child = followUpTimelineFor(model, record, symbol, view, cuts);
      if (!mayOweFollowUpOn(child, day)) return;
      const own = inScope(scope, child.municipality);
      for (const item of followUpOpenItems(child, day, rules)) {
        if ((kind !== undefined && item.kind !== kind) || (status !== undefined && item.status !== status)) continue;
        const supervisedBy = item.municipality;
        // of another municipality's child, only the supervision this scope owes
        if (!own && (item.kind !== 'supervision_visit' || supervisedBy === undefined || !inScope(scope, supervisedBy))) continue;
        board.add(boardItem(item, child.caseId, child.municipality), item.dueDay, record.ordinal);
      }
    },
    handled,
  );
}

/** The municipalities a scope names that the model knows (null: every one with follow-up cases). */
function scopeSymbols(model: ProjectionModel, scope: readonly string[] | null): number[] {
  if (scope === null) return [...model.followUpCases.keys()];
  const symbols: number[] = [];
  for (const name of scope) {
    const symbol = model.symbols.lookup(name);
    if (symbol !== undefined && !symbols.includes(symbol)) symbols.push(symbol);
  }
  return symbols;
}

/**
 * The items of one municipality's layout open on asOf, for the cases the layout answers and the
 * view sees as the per-case walk would (the municipality known, possibly active on asOf).
 */
function layoutItems(
  layout: BoardLayout,
  municipality: MunicipalityLayout,
  view: View,
  kind: FollowUpItemKind | undefined,
  status: DeadlineStatus | undefined,
  board: FollowUpBoard,
  bounds: FollowUpBounds,
): void {
  const day = view.asOfDay;
  const { knownAt } = view;
  const { symbol, name, itemOf } = municipality;
  const { ordinals, from, to } = municipality.items;
  const knownFrom = bounds.knownFrom;
  for (let [k, end] = municipality.items.range(day); k < end; k++) {
    if (from[k] > day || to[k] < day) continue;
    const ordinal = ordinals[k];
    if (!layout.current(ordinal, symbol) || knownFrom[ordinal] > knownAt || !bounds.mayBeActive(ordinal, knownAt, day, day)) continue;
    layout.emitted++;
    addItem(itemOf[k], layout.caseId(ordinal), ordinal, name, true, null, day, kind, status, board);
  }
}

/** A stretch's item as the rules' items above become board items: the same filters and fields, its status measured on `day`. */
function addItem(
  item: SpanItem,
  caseId: string,
  ordinal: number,
  municipality: string,
  own: boolean,
  scope: readonly string[] | null,
  day: number,
  kind: FollowUpItemKind | undefined,
  status: DeadlineStatus | undefined,
  board: FollowUpBoard,
): void {
  if (kind !== undefined && item.kind !== kind) return;
  const measured = deadlineStatusOnDays(item.dueDay, day, item.dueSoonDays);
  if (status !== undefined && measured.status !== status) return;
  const supervisedBy = item.supervisedBy;
  if (!own && (item.kind !== 'supervision_visit' || supervisedBy === undefined || !inScope(scope, supervisedBy))) return;
  // one literal per shape, keys in boardItem's order
  const { kind: itemKind, id, ruleSet, owed, deadline } = item;
  const { status: itemStatus, daysLeft } = measured;
  const entry: DeadlineItem =
    owed === undefined && supervisedBy === undefined
      ? { kind: itemKind, id, status: itemStatus, daysLeft, ruleSet, caseId, municipality, deadline }
      : supervisedBy === undefined
        ? { kind: itemKind, id, status: itemStatus, daysLeft, ruleSet, owed, caseId, municipality, deadline }
        : owed !== undefined
          ? { kind: itemKind, id, status: itemStatus, daysLeft, ruleSet, owed, caseId, municipality, supervisedBy, deadline }
          : { kind: itemKind, id, status: itemStatus, daysLeft, ruleSet, caseId, municipality, supervisedBy, deadline };
  board.add(entry, item.dueDay, ordinal);
}

/** The item as the board lists it, keys in the order the answers have always had. */
function boardItem(item: FollowUpItem, caseId: string, municipality: string): DeadlineItem {
  const entry: DeadlineItem = {
    kind: item.kind,
    id: item.id,
    status: item.status,
    daysLeft: item.daysLeft,
    ruleSet: item.ruleSet,
  } as DeadlineItem;
  if (item.owed !== undefined) entry.owed = item.owed;
  entry.caseId = caseId;
  entry.municipality = municipality;
  if (item.municipality !== undefined) entry.supervisedBy = item.municipality;
  entry.deadline = fromEpochDay(item.dueDay);
  return entry;
}
