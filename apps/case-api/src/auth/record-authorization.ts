import type { LoadedCase } from '@fristvakt/case-recording';
import type { CaseEvent } from '@fristvakt/domain';
import { caseMunicipalities, type AccessPolicy } from './access-policy';
import type { Principal } from './principal';

/**
 * The recorder's `authorize` step for an HTTP caller: an existing case of another municipality is
 * "not found" (resends included); new events may only name municipalities the caller holds.
 */
export function recordingAuthorization(
  access: AccessPolicy,
  principal: Principal,
  events: readonly CaseEvent[],
): (existing: LoadedCase) => void {
  const named = caseMunicipalities(events);
  return (existing) => {
    if (existing.version > 0) access.assertCaseVisible(principal, existing.caseId, existing.municipalities);
    access.assertMayRecordIn(principal, named);
  };
}
