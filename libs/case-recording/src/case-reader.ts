import { evolveAll } from '@fristvakt/domain';
import type { CaseCache, LoadedCase } from './case-cache';

/** A read of a case that has no events. */
export class CaseNotFound extends Error {
  override readonly name = 'CaseNotFound';
  constructor(readonly caseId: string) {
    super(`case ${caseId} does not exist`);
  }
}

/** Reads one case for the queries, through the cache the recorder keeps up to date. */
export class CaseReader {
  constructor(private readonly cases: CaseCache) {}

  async load(caseId: string): Promise<LoadedCase> {
    const kept = await this.cases.read(caseId);
    if (kept.version === 0) throw new CaseNotFound(caseId);
    // The caller's own copy: the kept case moves on with the next append.
    return {
      caseId,
      version: kept.version,
      events: [...kept.events],
      state: evolveAll(kept.state, []),
      municipalities: new Set(kept.municipalities),
    };
  }
}
