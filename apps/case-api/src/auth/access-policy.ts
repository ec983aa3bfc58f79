import { Injectable } from '@nestjs/common';
import { CaseNotFound, canSeeCase } from '@fristvakt/case-recording';
import { municipalityNotAllowed } from './auth-problems';
import { ALL_MUNICIPALITIES, holdsMunicipality, type Principal } from './principal';

/** The municipalities a query may cover: every one, or exactly these (possibly none). */
export type MunicipalityScope = { all: true } | { all: false; municipalities: readonly string[] };

/**
 * Municipality scope (CONTRACT.md §2): what a caller may see beyond the role check that
 * `@Allow` and the global guard already did. A case's municipality is known only once it is
 * loaded, so each endpoint calls this where it has the data.
 *
 * - A case of a municipality the caller does not hold answers 404 exactly like a case that does
 *   not exist, so nobody learns which case ids are taken elsewhere.
 * - A query filtered by a municipality the caller does not hold answers 403 (the number is the
 *   caller's own input; nothing leaks); without a filter it covers the caller's municipalities.
 *
 * @example
 *   // a query endpoint with an optional `municipality` parameter
 *   @Get('deadlines')
 *   @Allow('intake', 'leader', 'auditor')
 *   deadlines(@CurrentPrincipal() principal: Principal, @Query('municipality') municipality?: string) {
 *     const scope = this.access.queryScope(principal, municipality); // throws 403 for another one
 *     return items.filter((item) => this.access.inScope(scope, item.municipality));
 *   }
 *
 *   // an endpoint that loads one case
 *   const loaded = await this.reader.load(caseId);
 *   this.access.assertCaseVisible(principal, caseId, caseMunicipalities(loaded.events)); // 404 otherwise
 */
@Injectable()
export class AccessPolicy {
  /**
   * Throws `CaseNotFound` (404) unless the caller holds every municipality the case names. Every
   * one, retracted notifications included: a notification recorded in the wrong case and then
   * retracted still sits in that case's history.
   */
  assertCaseVisible(principal: Principal, caseId: string, municipalities: ReadonlySet<string>): void {
    if (!this.canSeeCase(principal, municipalities)) throw new CaseNotFound(caseId);
  }

  canSeeCase(principal: Principal, municipalities: ReadonlySet<string>): boolean {
    return canSeeCase(principal, municipalities);
  }

  /** The scope of a query: the requested municipality (403 unless held) or all the caller holds. */
  queryScope(principal: Principal, requested: string | undefined): MunicipalityScope {
    if (requested !== undefined) {
      if (!holdsMunicipality(principal, requested)) throw municipalityNotAllowed(requested);
      return { all: false, municipalities: [requested] };
    }
    if (principal.municipalities === ALL_MUNICIPALITIES) return { all: true };
    return { all: false, municipalities: [...principal.municipalities].sort() };
  }

  inScope(scope: MunicipalityScope, municipality: string | null | undefined): boolean {
    if (scope.all) return true;
    return typeof municipality === 'string' && scope.municipalities.includes(municipality);
  }
}

export { caseMunicipalities } from '@fristvakt/case-recording';
