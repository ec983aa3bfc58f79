import type { AccessPolicy, Principal } from '../auth';

/**
 * The municipalities a leader query covers: those requested (403 for one the token does not
 * hold), else every one the caller may see. `null` means every municipality (a `*` token and no
 * filter), which the projections answer without a filter.
 */
export function queryMunicipalities(access: AccessPolicy, principal: Principal, requested: readonly string[] | undefined): string[] | null {
  if (requested === undefined) {
    const scope = access.queryScope(principal, undefined);
    return scope.all ? null : [...scope.municipalities];
  }
  for (const municipality of requested) access.queryScope(principal, municipality);
  return [...requested];
}
