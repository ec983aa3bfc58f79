import type { CaseRecord, ProjectionModel } from '../model/model';
import { CaseOrder } from './case-order';
import { caseIsSimple, clearRows, writeRows } from './case-rows';
import { FollowUpBounds } from './follow-up-bounds';
import { FollowUpCuts } from './follow-up-cuts';
import { FollowUpFigureRows } from './follow-up-figure-rows';
import { MunicipalityTables } from './tables';

/**
 * The flat tables behind the queries, derived from the model and kept next to it (not in the
 * snapshot: rebuilding them from the model is one pass). `apply` only marks changed cases
 * (`touch`); the next query rewrites their rows first, so apply stays as cheap as filing a fact.
 */
export class QueryIndex {
  readonly tables = new Map<number, MunicipalityTables>();
  /** complex cases, in order of becoming complex; resolved per query */
  readonly complex: CaseRecord[] = [];
  pending: CaseRecord[];
  /** when each case with follow-up facts may be active (follow-up-bounds.ts), simple or complex */
  readonly followUp = new FollowUpBounds();
  /** where a view's follow-up timeline is the latest one cut at asOf (follow-up-cuts.ts) */
  readonly followUpCuts = new FollowUpCuts();
  /** the follow-up figures' answers per child and period (follow-up-figure-rows.ts) */
  readonly followUpFigures = new FollowUpFigureRows();
  /** each case's rank by case id (the board's order) */
  readonly caseOrder = new CaseOrder();
  /** told of every case rewritten here (the board's layouts forget it, query/follow-up/board-layout.ts) */
  readonly watchers: ((record: CaseRecord) => void)[] = [];

  constructor(model: ProjectionModel) {
    this.pending = [...model.cases.values()];
    for (const record of this.pending) record.dirty = true;
  }

  /** Brings every changed case's rows up to date. */
  refresh(model: ProjectionModel): void {
    this.caseOrder.refresh(model);
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const record of pending) this.reindex(record);
  }

  tablesOf(symbol: number): MunicipalityTables | undefined {
    return this.tables.get(symbol);
  }

  private reindex(record: CaseRecord): void {
    record.dirty = false;
    for (const watcher of this.watchers) watcher(record);
    if (record.followUp) {
      this.followUp.write(record);
      this.followUpCuts.write(record);
      this.followUpFigures.touch(record);
    }
    // complex never reverts; a case without a receipt is in no view at all
    if (record.complex || record.municipalities.length === 0) return;
    const symbol = record.municipalities[0];
    let tables = this.tables.get(symbol);
    if (tables === undefined) {
      tables = new MunicipalityTables(symbol);
      this.tables.set(symbol, tables);
    }
    if (caseIsSimple(record)) {
      writeRows(tables, record);
      return;
    }
    clearRows(tables, record);
    record.complex = true;
    this.complex.push(record);
  }
}

const indexes = new WeakMap<ProjectionModel, QueryIndex>();

/** The model's query index, up to date with every applied event. */
export function queryIndexOf(model: ProjectionModel): QueryIndex {
  let index = indexes.get(model);
  if (index === undefined) {
    index = new QueryIndex(model);
    indexes.set(model, index);
  }
  index.refresh(model);
  return index;
}

/** Called by `apply` for every case it changes. Before the first query there is no index to tell. */
export function touch(model: ProjectionModel, record: CaseRecord): void {
  if (record.dirty) return;
  record.dirty = true;
  indexes.get(model)?.pending.push(record);
}
