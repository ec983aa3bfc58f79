import {
  addFact,
  appended,
  CaseRecord,
  createModel,
  Fact,
  FactKind,
  indexMunicipality,
  indexSupervision,
  internId,
  Item,
  markFollowUp,
  ItemKind,
  NOT_RETRACTED,
  type ProjectionModel,
} from '../model/model';

/*
 * The model as newline-delimited JSON: one header line, then one line per case. Line by line so a
 * million-event model is never one giant string, and object references (an opening's notification)
 * become ids within the case.
 */

export interface SnapshotHeader {
  projectionVersion: number;
  position: number;
  symbols: string[];
  skipped: number;
  unresolvedRetractions: number;
  cases: number;
}

/**
 * [kind, eventId, position, recordedAt, day, value, detail, ref id | null, retractedAt | null, retractedBy | null, extra, ref kind | null]
 * (the ref is an opening's notification, a plan's measure or placement, a visit's placement)
 */
type FactRow = [
  FactKind,
  string,
  number,
  number,
  number,
  number,
  number,
  string | null,
  number | null,
  string | null,
  number,
  ItemKind | null,
];
/** [kind, id, facts]; an opening is listed under its investigation only */
type ItemRow = [ItemKind, string, FactRow[]];
/** [caseId, municipality symbols, items] */
type CaseRow = [string, number[], ItemRow[]];

export function encodeHeader(model: ProjectionModel, projectionVersion: number): string {
  const header: SnapshotHeader = {
    projectionVersion,
    position: model.checkpoint,
    symbols: model.symbols.names,
    skipped: model.skipped,
    unresolvedRetractions: model.unresolvedRetractions,
    cases: model.cases.size,
  };
  return JSON.stringify(header);
}

export function* encodeCases(model: ProjectionModel): Generator<string> {
  for (const record of model.cases.values()) {
    const items: ItemRow[] = record.items.map((item) => [
      item.kind,
      item.id,
      item.facts
        .filter((f) => f.owner === item)
        .map((f): FactRow => [
          f.kind,
          f.eventId,
          f.position,
          f.recordedAt,
          f.day,
          f.value,
          f.detail,
          f.ref === null ? null : f.ref.id,
          f.retractedAt === NOT_RETRACTED ? null : f.retractedAt,
          f.retractedBy,
          f.extra,
          f.ref === null ? null : f.ref.kind,
        ]),
    ]);
    const row: CaseRow = [record.caseId, record.municipalities, items];
    yield JSON.stringify(row);
  }
}

/** Rebuilds a model from a header and its case lines; throws on anything malformed. */
export class ModelDecoder {
  readonly model = createModel();
  private decodedCases = 0;

  constructor(readonly header: SnapshotHeader) {
    for (const name of header.symbols) this.model.symbols.symbol(name);
    this.model.checkpoint = header.position;
    this.model.skipped = header.skipped;
    this.model.unresolvedRetractions = header.unresolvedRetractions;
  }

  static parseHeader(line: string): SnapshotHeader {
    const h = JSON.parse(line) as SnapshotHeader;
    if (
      typeof h?.projectionVersion !== 'number' ||
      typeof h.position !== 'number' ||
      !Array.isArray(h.symbols) ||
      typeof h.cases !== 'number'
    ) {
      throw new Error('snapshot header is malformed');
    }
    return h;
  }

  addCase(line: string): void {
    const [caseId, municipalities, itemRows] = JSON.parse(line) as CaseRow;
    const model = this.model;
    const record = new CaseRecord(caseId, model.cases.size);
    model.cases.set(caseId, record);
    for (const m of municipalities) indexMunicipality(model, record, m);
    for (const [kind, id] of itemRows) {
      record.items = appended(record.items, new Item(kind, internId(model, id)));
      if (kind >= ItemKind.Measure) markFollowUp(model, record);
    }
    const touched = new Set<Item>();
    itemRows.forEach(([, , factRows], i) => {
      const owner = record.items[i];
      for (const [kind, eventId, position, recordedAt, day, value, detail, refId, retractedAt, retractedBy, extra, refKind] of factRows) {
        const ref = refId === null || refKind === null ? null : (record.find(refKind, refId) ?? null);
        const fact = Fact.of(kind, eventId, position, recordedAt, day, value, detail, owner, ref, extra);
        if (retractedAt !== null) fact.retract(retractedAt, retractedBy ?? '');
        addFact(owner, fact);
        model.factCount++;
        if (recordedAt > model.maxRecordedAt) model.maxRecordedAt = recordedAt;
        if (retractedAt !== null && retractedAt > model.maxRecordedAt) model.maxRecordedAt = retractedAt;
        if (day > model.maxDay) model.maxDay = day;
        // only an opening is listed on its ref too (it concludes the notification's review)
        if (ref !== null && kind === FactKind.Opened) {
          addFact(ref, fact);
          touched.add(ref);
        }
        if (kind === FactKind.ResponsibilitySet) indexSupervision(model, record, value);
      }
    });
    // openings were appended after the notification's own facts; restore log order
    for (const item of touched) item.facts.sort((a, b) => a.position - b.position);
    this.decodedCases++;
  }

  finish(): ProjectionModel {
    if (this.decodedCases !== this.header.cases) {
      throw new Error(`snapshot is truncated: ${this.decodedCases} of ${this.header.cases} cases`);
    }
    return this.model;
  }
}
