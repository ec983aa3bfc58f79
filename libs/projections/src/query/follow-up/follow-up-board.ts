import * as domain from '@fristvakt/domain';
import { type DeadlineStatus, type FollowUpItem, type FollowUpItemKind, type FollowUpRules } from '@fristvakt/domain';
import { fromEpochDay } from '../../model/epoch-day';
import type { CaseRecord, ProjectionModel } from '../../model/model';
import type { View } from '../../model/view';
import type { DeadlineItem } from '../deadlines';
import { followUpCutsOf, forEachFollowUpCase, inScope } from './follow-up-scope';
import { boardSpansOf, spanHorizonOf, type CaseSpans } from './board-spans';
import { followUpTimelineFor } from './timeline-as-of';

// Module-local copies: the per-child loop should not go through the package's export bindings (as in model/view.ts).
const { deadlineStatusOnDays, followUpOpenItems, mayOweFollowUpOn } = domain;

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
  forEachFollowUpCase(model, scope, view, { startDay: day, endDay: day }, (record, symbol) => {
    const known = spans === null ? null : spans.of(model, record, symbol, day, horizon);
    const stretch = known === null ? -1 : known.stretchFor(view.knownAt, day);
    if (stretch >= 0) {
      if (known!.first(stretch) < known!.first(stretch + 1))
        stretchItems(known!, stretch, record, model.symbols.name(symbol), scope, day, kind, status, board);
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
  });
}

/** The items of a case's stretch, with the same filters and fields as the rules' items above; their status measured on `day`. */
function stretchItems(
  known: CaseSpans,
  stretch: number,
  record: CaseRecord,
  municipality: string,
  scope: readonly string[] | null,
  day: number,
  kind: FollowUpItemKind | undefined,
  status: DeadlineStatus | undefined,
  board: FollowUpBoard,
): void {
  const own = inScope(scope, municipality);
  const items = known.items;
  for (let i = known.first(stretch), end = known.first(stretch + 1); i < end; i++) {
    const item = items[i];
    if (kind !== undefined && item.kind !== kind) continue;
    const measured = deadlineStatusOnDays(item.dueDay, day, item.dueSoonDays);
    if (status !== undefined && measured.status !== status) continue;
    const supervisedBy = item.supervisedBy;
    if (!own && (item.kind !== 'supervision_visit' || supervisedBy === undefined || !inScope(scope, supervisedBy))) continue;
    // one literal per shape, keys in boardItem's order
    const { kind: itemKind, id, ruleSet, owed, deadline } = item;
    const { status: itemStatus, daysLeft } = measured;
    const caseId = record.caseId;
    const entry: DeadlineItem =
      owed === undefined && supervisedBy === undefined
        ? { kind: itemKind, id, status: itemStatus, daysLeft, ruleSet, caseId, municipality, deadline }
        : supervisedBy === undefined
          ? { kind: itemKind, id, status: itemStatus, daysLeft, ruleSet, owed, caseId, municipality, deadline }
          : owed !== undefined
            ? { kind: itemKind, id, status: itemStatus, daysLeft, ruleSet, owed, caseId, municipality, supervisedBy, deadline }
            : { kind: itemKind, id, status: itemStatus, daysLeft, ruleSet, caseId, municipality, supervisedBy, deadline };
    board.add(entry, item.dueDay, record.ordinal);
  }
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
