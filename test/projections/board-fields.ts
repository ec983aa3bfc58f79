interface BoardItem {
  kind: string;
  caseId: string;
  municipality: string;
  id: string;
  deadline: string;
  status: string;
  daysLeft: number;
  ruleSet: string;
  /** follow-up visits: how many are owed, and for supervision who owes them */
  owed?: number;
  supervisedBy?: string;
}
type Keyed = Pick<BoardItem, 'kind' | 'caseId' | 'id'>;

/** The fields of a board item the reference recomputation also produces (model answer or the API's JSON alike). */
export function boardFields(items: readonly BoardItem[]) {
  return items.map(({ kind, caseId, municipality, id, deadline, status, daysLeft, ruleSet, owed, supervisedBy }) => ({
    kind,
    caseId,
    municipality,
    id,
    deadline,
    status,
    daysLeft,
    ruleSet,
    owed: owed ?? null,
    supervisedBy: supervisedBy ?? null,
  }));
}

/** an order both sides can be sorted into: case, kind, id */
export const byKey = (a: Keyed, b: Keyed) => (`${a.caseId}/${a.kind}/${a.id}` < `${b.caseId}/${b.kind}/${b.id}` ? -1 : 1);
