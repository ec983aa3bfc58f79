import type { CaseRecord, ProjectionModel } from '../../model/model';
import { municipalityOf, type View } from '../../model/view';

/** The case's municipality is one the query covers (null scope: every one). */
export function inScope(scope: readonly string[] | null, municipality: string): boolean {
  return scope === null || scope.includes(municipality);
}

/**
 * The cases the follow-up figures of a scope read, each with its own municipality as the view sees
 * it: the scope's cases with anything to follow up, and the cases of other municipalities whose
 * foster home the scope supervises (they contribute their supervision only). Each case once.
 */
export function* followUpCasesInScope(
  model: ProjectionModel,
  scope: readonly string[] | null,
  view: View,
): Generator<[CaseRecord, number]> {
  if (scope === null) {
    for (const list of model.followUpCases.values()) {
      for (const record of list) {
        const m = municipalityOf(record, view);
        // a case listed under several municipalities is read under the one the view gives it
        if (m !== null && (record.municipalities.length === 1 || list === model.followUpCases.get(m))) yield [record, m];
      }
    }
    return;
  }
  const seen = new Set<CaseRecord>();
  for (const name of scope) {
    const symbol = model.symbols.lookup(name);
    if (symbol === undefined) continue;
    for (const record of model.followUpCases.get(symbol) ?? []) {
      if (municipalityOf(record, view) !== symbol || seen.has(record)) continue;
      seen.add(record);
      yield [record, symbol];
    }
  }
  for (const name of scope) {
    const symbol = model.symbols.lookup(name);
    if (symbol === undefined) continue;
    for (const record of model.supervisedBy.get(symbol) ?? []) {
      if (seen.has(record)) continue;
      const m = municipalityOf(record, view);
      if (m === null) continue;
      seen.add(record);
      yield [record, m];
    }
  }
}
