import type { DayRange } from '@fristvakt/domain';
import type { FollowUpBounds } from '../../indexed/follow-up-bounds';
import type { FollowUpCuts } from '../../indexed/follow-up-cuts';
import { queryIndexOf } from '../../indexed/query-index';
import type { CaseRecord, ProjectionModel } from '../../model/model';
import { municipalityOf, type View } from '../../model/view';
import { queryEngine } from '../scan';

/** The case's municipality is one the query covers (null scope: every one). */
export function inScope(scope: readonly string[] | null, municipality: string): boolean {
  return scope === null || scope.includes(municipality);
}

/** The query index's follow-up cuts (query/follow-up/timeline-as-of.ts); null for the legacy engine, which resolves every case. */
export function followUpCutsOf(model: ProjectionModel): FollowUpCuts | null {
  return queryEngine() === 'indexed' ? queryIndexOf(model).followUpCuts : null;
}

/**
 * The cases the follow-up figures of a scope read, each with its own municipality as the view sees
 * it: the scope's cases with anything to follow up, and the cases of other municipalities whose
 * foster home the scope supervises (they contribute their supervision only). Each case once.
 *
 * `window`: the days the caller's rules look at (a measure, placement or plan must be in force on
 * one of them for the rules to count the child). The indexed engine skips cases that cannot be
 * active then (indexed/follow-up-bounds.ts) before resolving anything; the legacy engine, the
 * property tests' baseline, reads every case. `answered`: cases the caller has counted already
 * (the follow-up figures' precomputed rows), skipped by ordinal.
 */
export function forEachFollowUpCase(
  model: ProjectionModel,
  scope: readonly string[] | null,
  view: View,
  window: DayRange,
  visit: (record: CaseRecord, municipality: number) => void,
  answered: ((ordinal: number) => boolean) | null = null,
): void {
  const bounds = queryEngine() === 'indexed' ? queryIndexOf(model).followUp : null;
  const { knownAt } = view;
  const { startDay, endDay } = window;
  // the cases of a list that may be active in the window, found by ordinal without a visit to the others
  const eachActive = (list: CaseRecord[], each: (record: CaseRecord) => void): void => {
    if (bounds === null) {
      for (const record of list) each(record);
      return;
    }
    const ordinals = bounds.ordinalsOf(list);
    for (let i = 0; i < list.length; i++) {
      const ordinal = ordinals[i];
      if ((answered === null || !answered(ordinal)) && bounds.mayBeActive(ordinal, knownAt, startDay, endDay)) each(list[i]);
    }
  };
  const seen = (record: CaseRecord): number | null =>
    bounds === null ? municipalityOf(record, view) : municipalityKnown(bounds, record, view);
  if (scope === null) {
    for (const list of model.followUpCases.values()) {
      eachActive(list, (record) => {
        const m = seen(record);
        // a case listed under several municipalities is read under the one the view gives it
        if (m !== null && (record.municipalities.length === 1 || list === model.followUpCases.get(m))) visit(record, m);
      });
    }
    return;
  }
  const visited = VisitedCases.start(model.cases.size);
  for (const name of scope) {
    const symbol = model.symbols.lookup(name);
    if (symbol === undefined) continue;
    eachActive(model.followUpCases.get(symbol) ?? [], (record) => {
      if (visited.has(record.ordinal) || seen(record) !== symbol) return;
      visited.add(record.ordinal);
      visit(record, symbol);
    });
  }
  for (const name of scope) {
    const symbol = model.symbols.lookup(name);
    if (symbol === undefined) continue;
    eachActive(model.supervisedBy.get(symbol) ?? [], (record) => {
      if (visited.has(record.ordinal)) return;
      const m = seen(record);
      if (m === null) return;
      visited.add(record.ordinal);
      visit(record, m);
    });
  }
}

/**
 * The cases one scoped pass has visited, by ordinal: a stamp per case that the next pass
 * outdates by taking a new one, so a query builds no set of thousands of records. A pass never
 * starts another before it ends (the visits only ask the rules).
 */
class VisitedCases {
  private static shared: VisitedCases | null = null;
  private stamps = new Uint32Array(0);
  private stamp = 0;

  static start(cases: number): VisitedCases {
    const visited = (VisitedCases.shared ??= new VisitedCases());
    if (visited.stamps.length < cases || visited.stamp === 0xffffffff) {
      visited.stamps = new Uint32Array(Math.max(1024, 2 * cases));
      visited.stamp = 0;
    }
    visited.stamp++;
    return visited;
  }

  has(ordinal: number): boolean {
    return ordinal < this.stamps.length && this.stamps[ordinal] === this.stamp;
  }

  add(ordinal: number): void {
    if (ordinal >= this.stamps.length) {
      const grown = new Uint32Array(2 * (ordinal + 1));
      grown.set(this.stamps);
      this.stamps = grown;
    }
    this.stamps[ordinal] = this.stamp;
  }
}

/** `municipalityOf` without a walk over the receipts for a case that names one municipality: it is known once any receipt is. */
function municipalityKnown(bounds: FollowUpBounds, record: CaseRecord, view: View): number | null {
  if (record.municipalities.length !== 1) return municipalityOf(record, view);
  return bounds.knownFrom[record.ordinal] <= view.knownAt ? record.municipalities[0] : null;
}
