import type { CaseRecord, ProjectionModel } from '../model/model';

/**
 * Every case's rank in the order of case ids, by ordinal: the board breaks ties between equal
 * deadlines by case id, and comparing numbers instead of tens of thousands of strings per query
 * is what keeps a large board's sort cheap. Cases only ever join: the new ones are sorted and
 * merged in on the next query, and the ranks renumbered in one pass.
 */
export class CaseOrder {
  private sorted: CaseRecord[] = [];
  rank: Int32Array = new Int32Array(0);

  /** cases ranked so far (ranks run from 0 to size − 1) */
  get size(): number {
    return this.sorted.length;
  }

  /** case ids by rank: a list of ranks becomes ids without a visit to each record */
  caseIds: string[] = [];

  refresh(model: ProjectionModel): void {
    const ranked = this.sorted.length;
    if (model.cases.size === ranked) return;
    const joined: CaseRecord[] = [];
    for (const record of model.cases.values()) if (record.ordinal >= ranked) joined.push(record);
    joined.sort(byCaseId);
    this.sorted = merged(this.sorted, joined);
    if (this.rank.length < model.cases.size) {
      const next = new Int32Array(Math.max(1024, 2 * model.cases.size));
      next.set(this.rank);
      this.rank = next;
    }
    for (let r = 0; r < this.sorted.length; r++) this.rank[this.sorted[r].ordinal] = r;
    this.caseIds = this.sorted.map((record) => record.caseId);
  }
}

function byCaseId(a: CaseRecord, b: CaseRecord): number {
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}

function merged(a: CaseRecord[], b: CaseRecord[]): CaseRecord[] {
  if (a.length === 0) return b;
  const out: CaseRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byCaseId(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
