import { FactKind, ItemKind, type CaseRecord, type Fact } from '../model/model';

/*
 * Where a view's follow-up timeline of a case is the latest timeline cut at the view's asOf day
 * (query/follow-up/timeline-as-of.ts), so the board and figures need not resolve the case again
 * for every asOf.
 *
 * A view counts the facts recorded by its knownAt, not retracted by then, that occurred by its
 * asOf. The cut keeps the latest timeline's entries that occurred by asOf. The two agree when:
 *   - the case names one municipality and no fact of it was ever retracted;
 *   - every role the resolution picks one fact for (a start, an end, a plan's creation and end, a
 *     visit, an offer and its conclusion, a notification's receipt) has at most one candidate, so
 *     the view picks the latest's fact exactly when that occurred by asOf (lists of facts that all
 *     count, such as evaluations and visit frequencies, are cut fact by fact);
 *   - the receipt the latest timeline takes the birth year from (the first one giving one)
 *     occurred by asOf, so the view takes it too;
 *   - knownAt is at or after the recording of every fact that occurred by asOf (`exact`); else
 *     each entry is kept only if its own fact was recorded by knownAt (`cuttable`: the cut then
 *     reads when each entry was recorded, query/follow-up/recorded-entries.ts), and the birth
 *     year's receipt must be recorded by knownAt.
 * The first three are properties of the case (`recordedBy` not null, `birthDay`); the fourth is
 * looked up in the case's facts ordered by day, with the latest recordedAt up to each day.
 */

/** Facts of which the resolution picks one per item (follow-up-bounds.ts reads the spells' ends the same way). */
const PICKED: ReadonlySet<FactKind> = new Set<FactKind>([
  FactKind.Received,
  FactKind.MeasureStarted,
  FactKind.MeasureEnded,
  FactKind.PlacementStarted,
  FactKind.PlacementEnded,
  FactKind.PlanCreated,
  FactKind.PlanEnded,
  FactKind.VisitHeld,
  FactKind.AftercareOffered,
  FactKind.AftercareConcluded,
]);

/** Per case ordinal; `recordedBy` null where the cut is not exact. */
export class FollowUpCuts {
  /** pairs (day, latest recordedAt of any fact of the case on or before that day), days ascending */
  readonly recordedBy: (Float64Array | null)[] = [];
  /** the day the receipt giving the birth year occurred (-Infinity when none gives one) */
  readonly birthDay: number[] = [];
  /** and when it was recorded */
  readonly birthRecordedAt: number[] = [];
  /** the latest day any fact of the case occurred: an asOf on or after it cuts nothing */
  readonly lastDay: number[] = [];

  write(record: CaseRecord): void {
    const i = record.ordinal;
    while (this.recordedBy.length <= i) {
      this.recordedBy.push(null);
      this.birthDay.push(Infinity);
      this.birthRecordedAt.push(Infinity);
      this.lastDay.push(Infinity);
    }
    this.recordedBy[i] = null;
    if (record.municipalities.length !== 1) return;
    const facts: Fact[] = [];
    let birth: Fact | null = null;
    for (const item of record.items) {
      if (item.kind === ItemKind.Investigation) continue; // no follow-up role; its facts still bound knownAt below
      const seen = new Set<FactKind>();
      for (const fact of item.facts) {
        if (fact.retraction !== null) return;
        if (!PICKED.has(fact.kind)) continue;
        if (seen.has(fact.kind)) return;
        seen.add(fact.kind);
        if (fact.kind === FactKind.Received && fact.extra >= 0 && (birth === null || fact.position < birth.position)) birth = fact;
      }
    }
    for (const item of record.items) for (const fact of item.facts) if (fact.owner === item) facts.push(fact);
    facts.sort((a, b) => a.day - b.day);
    const pairs = new Float64Array(2 * facts.length);
    let latest = -Infinity;
    for (let f = 0; f < facts.length; f++) {
      latest = Math.max(latest, facts[f].recordedAt);
      pairs[2 * f] = facts[f].day;
      pairs[2 * f + 1] = latest;
    }
    this.recordedBy[i] = pairs;
    this.birthDay[i] = birth === null ? -Infinity : birth.day;
    this.birthRecordedAt[i] = birth === null ? -Infinity : birth.recordedAt;
    this.lastDay[i] = facts.length === 0 ? -Infinity : facts[facts.length - 1].day;
  }

  /**
   * Whether the view's timeline is the latest one cut at asOf and, for the entries recorded after
   * knownAt, at knownAt too: one candidate per role, nothing retracted, and the birth year's
   * receipt counts for the view.
   */
  cuttable(ordinal: number, knownAt: number, asOfDay: number): boolean {
    if (ordinal >= this.recordedBy.length || this.recordedBy[ordinal] === null) return false;
    return asOfDay >= this.birthDay[ordinal] && knownAt >= this.birthRecordedAt[ordinal];
  }

  /** Whether the latest timeline cut at `asOfDay` alone is exactly the case's timeline for the view (every fact up to asOf known). */
  exact(ordinal: number, knownAt: number, asOfDay: number): boolean {
    return knownAt >= this.exactFrom(ordinal, asOfDay);
  }

  /** The knownAt from which `exact(ordinal, knownAt, asOfDay)` holds: when the last fact up to asOf was recorded (+Infinity: never). */
  exactFrom(ordinal: number, asOfDay: number): number {
    const pairs = ordinal < this.recordedBy.length ? this.recordedBy[ordinal] : null;
    if (pairs === null || asOfDay < this.birthDay[ordinal]) return Infinity;
    return recordedUpTo(pairs, asOfDay);
  }
}

/**
 * In pairs (day, the latest recording of any fact on or before that day), days ascending: the
 * latest recording of a fact dated on or before `day` (−Infinity: none is).
 */
export function recordedUpTo(pairs: Float64Array, day: number): number {
  let lo = 0;
  let hi = pairs.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pairs[2 * mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -Infinity : pairs[2 * lo - 1];
}
