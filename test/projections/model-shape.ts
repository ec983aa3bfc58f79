import type { ProjectionModel } from '@fristvakt/projections';
import type { CaseRecord } from '../../libs/projections/src/model/model';
import { encodeCases, encodeHeader } from '../../libs/projections/src/runner/model-codec';

/**
 * Everything a rebuild fills in, in the order it filled it: facts (as the snapshot writes them, and
 * every item's list with the openings its notification also lists), retractions, the case flags,
 * the municipality, follow-up and supervision lists, the bounds.
 */
export function modelShape(model: ProjectionModel) {
  const ids = (records: CaseRecord[]) => records.map((r) => r.caseId);
  const lists = (index: Map<number, CaseRecord[]>) => [...index].map(([symbol, records]) => [model.symbols.name(symbol), ids(records)]);
  return {
    header: encodeHeader(model, 0),
    cases: [...encodeCases(model)],
    ordinals: [...model.cases.values()].map((r) => r.ordinal),
    factLists: [...model.cases.values()].map((r) => r.items.map((item) => item.facts.map((f) => [f.kind, f.position, f.ref?.id ?? null]))),
    flags: [...model.cases.values()].map((r) => [r.followUp, r.supervisors.map((s) => model.symbols.name(s))]),
    byMunicipality: lists(model.byMunicipality),
    followUpCases: lists(model.followUpCases),
    supervisedBy: lists(model.supervisedBy),
    ids: model.ids.size,
    factCount: model.factCount,
    maxRecordedAt: model.maxRecordedAt,
    maxDay: model.maxDay,
  };
}
