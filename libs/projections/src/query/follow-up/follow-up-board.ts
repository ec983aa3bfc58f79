import { followUpBoardItems, followUpRuleSetFor, type DeadlineStatus, type FollowUpItemKind, type FollowUpRules } from '@fristvakt/domain';
import { fromEpochDay } from '../../model/epoch-day';
import type { ProjectionModel } from '../../model/model';
import type { View } from '../../model/view';
import { followUpCasesInScope, inScope } from './follow-up-scope';
import { resolveFollowUp } from './resolve-follow-up';

export const FOLLOW_UP_ITEM_KINDS: readonly FollowUpItemKind[] = ['plan', 'care_plan', 'evaluation', 'follow_up_visit', 'supervision_visit'];

export interface FollowUpDeadline {
  kind: FollowUpItemKind;
  caseId: string;
  /** the case's (care) municipality */
  municipality: string;
  id: string;
  dueDay: number;
  status: DeadlineStatus;
  daysLeft: number;
  ruleSet: string;
  sinceDay: number;
  owed?: number;
  supervisedBy?: string | null;
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
  const day = view.asOfDay;
  const ruleSet = followUpRuleSetFor(fromEpochDay(day), rules);
  const ours = scope === null ? undefined : (m: string) => scope.includes(m);
  for (const [record, symbol] of followUpCasesInScope(model, scope, view)) {
    const child = resolveFollowUp(model, record, symbol, view);
    const own = inScope(scope, child.municipality);
    for (const item of followUpBoardItems(child, day, ruleSet, own ? undefined : ours)) {
      if ((kind !== undefined && item.kind !== kind) || (!own && item.kind !== 'supervision_visit')) continue;
      yield { ...item, caseId: child.caseId, municipality: child.municipality, ruleSet: ruleSet.id };
    }
  }
}
