import {
  followUpOpenItems,
  mayOweFollowUpOn,
  type DeadlineStatus,
  type FollowUpItemKind,
  type FollowUpRules,
  type FollowUpRuleSetId,
} from '@fristvakt/domain';
import type { ProjectionModel } from '../../model/model';
import type { View } from '../../model/view';
import { followUpCasesInScope, followUpCutsOf, inScope } from './follow-up-scope';
import { followUpTimelineFor } from './timeline-as-of';

export const FOLLOW_UP_ITEM_KINDS: readonly FollowUpItemKind[] = [
  'plan',
  'care_plan',
  'evaluation',
  'follow_up_visit',
  'supervision_visit',
];

export interface FollowUpDeadline {
  kind: FollowUpItemKind;
  caseId: string;
  /** the case's (care) municipality */
  municipality: string;
  id: string;
  dueDay: number;
  status: DeadlineStatus;
  daysLeft: number;
  ruleSet: FollowUpRuleSetId;
  owed?: number;
  /** supervision visits: the municipality responsible on asOf */
  supervisedBy?: string;
}

/**
 * Follow-up items open on the view's asOf day (DOMAIN.md §7.6) for the scope's children, and the
 * supervision items of children of other municipalities placed in foster homes the scope
 * supervises (nothing else of those cases).
 */
export function* followUpDeadlines(
  model: ProjectionModel,
  scope: readonly string[] | null,
  view: View,
  kind: FollowUpItemKind | undefined,
  rules?: FollowUpRules,
): Generator<FollowUpDeadline> {
  const cuts = followUpCutsOf(model);
  for (const [record, symbol] of followUpCasesInScope(model, scope, view, { startDay: view.asOfDay, endDay: view.asOfDay })) {
    const child = followUpTimelineFor(model, record, symbol, view, cuts);
    if (!mayOweFollowUpOn(child, view.asOfDay)) continue;
    const own = inScope(scope, child.municipality);
    for (const { municipality: supervisedBy, ...item } of followUpOpenItems(child, view.asOfDay, rules)) {
      if (kind !== undefined && item.kind !== kind) continue;
      // of another municipality's child, only the supervision this scope owes
      if (!own && (item.kind !== 'supervision_visit' || supervisedBy === undefined || !inScope(scope, supervisedBy))) continue;
      yield { ...item, caseId: child.caseId, municipality: child.municipality, ...(supervisedBy === undefined ? {} : { supervisedBy }) };
    }
  }
}
