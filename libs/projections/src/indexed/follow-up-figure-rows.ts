import type { FollowUpRuleSet } from '@fristvakt/domain';
import type { CaseRecord } from '../model/model';

/*
 * What the follow-up rules answered for each child and calendar period, on the child's latest
 * timeline, kept flat so the `followUp` section of /v1/compliance adds up bits and small counts
 * instead of asking the rules about every child again on every query
 * (query/follow-up/follow-up-figures.ts computes and reads the rows; nothing here knows a rule).
 *
 * A row answers a view only when the view's timeline agrees with the latest one on every entry
 * dated on or before the period end, which is all the rules read for the period (the domain's
 * "count date" property, libs/domain/src/follow-up/activity.ts). For a case whose cut is exact
 * (indexed/follow-up-cuts.ts: one municipality, nothing retracted, one candidate per role) that
 * holds from `validFrom` on: once the case's municipality is known and every fact dated on or
 * before the period end has been recorded. A case whose cut is not exact answers only a view that
 * sees everything (no knownAt or asOf before the model's last fact), which reads the latest
 * timeline itself. A knownAt before `validFrom` is answered by the slot's row for that knownAt
 * range where it has one (`CutRows`, from the period's end on), else per query, as is a case of
 * several municipalities (`validFrom` = +Infinity). A child with several
 * supervising municipalities in the period has a row only for a query over every municipality
 * (`RowFlag.EveryMunicipality`): which of them a narrower query covers decides what counts.
 *
 * Rows are per slot (a dense number per case with follow-up facts). A case rewritten by the
 * query index (`touch`) is recomputed in each period the next time that period is read.
 */

/** Bits of a row: membership and "met" per indicator, as the rules answered them. */
export const RowFlag = {
  Plans: 1 << 0,
  PlansMet: 1 << 1,
  Evaluated: 1 << 2,
  EvaluatedMet: 1 << 3,
  CarePlans: 1 << 4,
  CarePlansMet: 1 << 5,
  Visits: 1 << 6,
  VisitsMet: 1 << 7,
  Supervision: 1 << 8,
  SupervisionMet: 1 << 9,
  Aftercare: 1 << 10,
  AftercareMet: 1 << 11,
  OnCountDate: 1 << 12,
  Offered: 1 << 13,
  /** the child had several supervising municipalities in the period: the row answers only a query over every municipality */
  EveryMunicipality: 1 << 14,
} as const;

/** The counts a row stores as Uint16: a larger one leaves the child to the per-query path. */
export const MAX_ROW_COUNT = 0xffff;

/** Periods kept at most: one more is answered per query (a month, quarter, half-year and year of 10 years). */
const MAX_PERIODS = 190;

/** Rows as columns, by row index: what the rules answered for one child in one period. */
export class RowColumns {
  flags: Uint16Array;
  visitsRequired: Uint16Array;
  visitsHeld: Uint16Array;
  supervisionRequired: Uint16Array;
  supervisionHeld: Uint16Array;
  /** the one municipality supervising the child in the period, where it is not the case's own; else −1 */
  supervisor: Int32Array;

  constructor(capacity: number) {
    this.flags = new Uint16Array(capacity);
    this.visitsRequired = new Uint16Array(capacity);
    this.visitsHeld = new Uint16Array(capacity);
    this.supervisionRequired = new Uint16Array(capacity);
    this.supervisionHeld = new Uint16Array(capacity);
    this.supervisor = new Int32Array(capacity).fill(-1);
  }

  protected growColumns(capacity: number): void {
    this.flags = grown(this.flags, new Uint16Array(capacity));
    this.visitsRequired = grown(this.visitsRequired, new Uint16Array(capacity));
    this.visitsHeld = grown(this.visitsHeld, new Uint16Array(capacity));
    this.supervisionRequired = grown(this.supervisionRequired, new Uint16Array(capacity));
    this.supervisionHeld = grown(this.supervisionHeld, new Uint16Array(capacity));
    this.supervisor = grown(this.supervisor, new Int32Array(capacity).fill(-1));
  }
}

function grown<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(from: T, into: T): T {
  into.set(from as never);
  return into;
}

/**
 * Rows of a period for the knownAt ranges below a slot's `validFrom` (query/follow-up/figure-rows.ts
 * `writeCutRows`): each answers the views with knownAt in [from, to), over which the child's view
 * of the facts the rules read does not change. Sparse: only children whose facts up to the period
 * end were recorded after it (or whose cut is not exact) have any; a slot's rows are contiguous.
 */
export class CutRows extends RowColumns {
  from = new Float64Array(64);
  to = new Float64Array(64);
  /** the row answers views with asOf from this day on */
  asOfFrom = new Float64Array(64);
  /** slot by row */
  slotOf = new Int32Array(64);
  length = 0;
  /** rows whose `supervisor` is set */
  readonly crossing = new Set<number>();
  private readonly firstOf = new Map<number, number>();
  private forgotten = 0;

  constructor() {
    super(64);
  }

  get slots(): number {
    return this.firstOf.size;
  }

  /** The slot's row answering the view (knownAt, asOfDay), or −1. */
  rowAt(slot: number, knownAt: number, asOfDay: number): number {
    const first = this.firstOf.get(slot);
    if (first === undefined) return -1;
    for (let row = first; row < this.length && this.slotOf[row] === slot; row++) if (this.answers(row, knownAt, asOfDay)) return row;
    return -1;
  }

  answers(row: number, knownAt: number, asOfDay: number): boolean {
    return this.from[row] <= knownAt && knownAt < this.to[row] && asOfDay >= this.asOfFrom[row];
  }

  /**
   * A new row of `slot` (after any of its rows added since its last `forget`); its answers are
   * written by the caller. Only for a slot whose `validFrom` is set: `FigurePeriod.clear` forgets
   * the rows of no other.
   */
  add(slot: number, from: number, to: number, asOfFrom: number): number {
    if (this.length === this.from.length) this.grow(2 * this.length);
    const row = this.length++;
    if (!this.firstOf.has(slot)) this.firstOf.set(slot, row);
    this.from[row] = from;
    this.to[row] = to;
    this.asOfFrom[row] = asOfFrom;
    this.slotOf[row] = slot;
    this.flags[row] = 0;
    this.supervisor[row] = -1;
    return row;
  }

  /** Drops the slot's rows (before it is recomputed); the space is reclaimed once half the rows are dropped ones. */
  forget(slot: number): void {
    const first = this.firstOf.get(slot);
    if (first === undefined) return;
    this.firstOf.delete(slot);
    for (let row = first; row < this.length && this.slotOf[row] === slot; row++) {
      this.slotOf[row] = -1;
      this.crossing.delete(row);
      this.forgotten++;
    }
    if (this.forgotten > 1024 && 2 * this.forgotten > this.length) this.compact();
  }

  private compact(): void {
    let kept = 0;
    this.firstOf.clear();
    this.crossing.clear();
    const columns = [this.flags, this.visitsRequired, this.visitsHeld, this.supervisionRequired, this.supervisionHeld];
    for (let row = 0; row < this.length; row++) {
      const slot = this.slotOf[row];
      if (slot < 0) continue;
      if (!this.firstOf.has(slot)) this.firstOf.set(slot, kept);
      this.from[kept] = this.from[row];
      this.to[kept] = this.to[row];
      this.asOfFrom[kept] = this.asOfFrom[row];
      this.slotOf[kept] = slot;
      for (const column of columns) column[kept] = column[row];
      this.supervisor[kept] = this.supervisor[row];
      if (this.supervisor[kept] >= 0) this.crossing.add(kept);
      kept++;
    }
    this.length = kept;
    this.forgotten = 0;
  }

  private grow(capacity: number): void {
    this.growColumns(capacity);
    this.from = grown(this.from, new Float64Array(capacity));
    this.to = grown(this.to, new Float64Array(capacity));
    this.asOfFrom = grown(this.asOfFrom, new Float64Array(capacity));
    this.slotOf = grown(this.slotOf, new Int32Array(capacity));
  }
}

export class FigurePeriod extends RowColumns {
  /** the knownAt from which the row answers (+Infinity: never, the query asks the rules) */
  validFrom: Float64Array;
  /** slots with a `supervisor`: their supervision counts for another municipality than the rest of the row */
  readonly crossing = new Set<number>();
  /** rows for the knownAt ranges below `validFrom` */
  readonly cuts = new CutRows();
  /** slots to recompute before the next read (besides the `fresh` ones) */
  pending: number[] = [];
  private dirty: Uint8Array;

  constructor(
    readonly fromDay: number,
    readonly endDay: number,
    readonly ruleSet: FollowUpRuleSet,
    slots: number,
  ) {
    const capacity = Math.max(1024, slots);
    super(capacity);
    this.validFrom = new Float64Array(capacity).fill(Infinity);
    this.dirty = new Uint8Array(capacity).fill(1, 0, slots);
    this.fresh = slots;
  }

  /** slots below this one have never been computed (pending too, without a place in `pending`) */
  fresh: number;

  /** Every pending slot, once (`pending` holds only slots from `fresh` on); none is pending after. */
  takePending(): number[] {
    const taken = this.pending;
    for (let slot = 0; slot < this.fresh; slot++) if (this.dirty[slot] === 1) taken.push(slot);
    this.settled();
    return taken;
  }

  /** The caller has computed every dirty slot. */
  settled(): void {
    this.pending = [];
    this.fresh = 0;
  }

  isDirty(slot: number): boolean {
    return this.dirty[slot] === 1;
  }

  markDirty(slot: number): void {
    if (slot >= this.validFrom.length) this.grow(2 * (slot + 1));
    if (this.dirty[slot] === 1) return;
    this.dirty[slot] = 1;
    if (slot >= this.fresh) this.pending.push(slot);
  }

  /** Forgets the slot's row and cut rows (before they are recomputed). */
  clear(slot: number): void {
    // a slot gets cut rows only once its validFrom is set (figure-rows.ts `writeRow`), and only this
    // sets it back: one still at +Infinity (every slot of a new period) has none, and skipping the
    // lookup saved a Map miss per slot and period in the build at startup
    const mayHaveCuts = this.validFrom[slot] !== Infinity;
    this.dirty[slot] = 0;
    this.validFrom[slot] = Infinity;
    this.flags[slot] = 0;
    if (this.supervisor[slot] >= 0) {
      this.supervisor[slot] = -1;
      this.crossing.delete(slot);
    }
    if (mayHaveCuts) this.cuts.forget(slot);
  }

  private grow(capacity: number): void {
    this.growColumns(capacity);
    this.validFrom = grown(this.validFrom, new Float64Array(capacity).fill(Infinity));
    this.dirty = grown(this.dirty, new Uint8Array(capacity));
  }
}

/** The rows of every period asked for so far, by slot, kept up to date by the query index. */
export class FollowUpFigureRows {
  /** slot by case ordinal (−1: no follow-up facts) */
  slotOf: Int32Array = new Int32Array(0).fill(-1);
  readonly records: CaseRecord[] = [];
  /** case ordinal by slot */
  ordinalOf: Int32Array = new Int32Array(1024);
  private readonly periods = new Map<string, FigurePeriod>();

  /** The case changed (or has follow-up facts for the first time): its rows are recomputed on the next read. */
  touch(record: CaseRecord): void {
    const ordinal = record.ordinal;
    if (ordinal >= this.slotOf.length) {
      const next = new Int32Array(Math.max(1024, 2 * (ordinal + 1))).fill(-1);
      next.set(this.slotOf);
      this.slotOf = next;
    }
    let slot = this.slotOf[ordinal];
    if (slot < 0) {
      slot = this.records.length;
      this.records.push(record);
      this.slotOf[ordinal] = slot;
      if (slot >= this.ordinalOf.length) {
        const next = new Int32Array(2 * (slot + 1));
        next.set(this.ordinalOf);
        this.ordinalOf = next;
      }
      this.ordinalOf[slot] = ordinal;
    }
    for (const period of this.periods.values()) period.markDirty(slot);
  }

  /** Every period kept. */
  all(): IterableIterator<FigurePeriod> {
    return this.periods.values();
  }

  /** The period's rows (every slot pending when it is new); null once MAX_PERIODS are kept. */
  period(fromDay: number, endDay: number, ruleSet: FollowUpRuleSet): FigurePeriod | null {
    const key = `${fromDay}:${endDay}`;
    let period = this.periods.get(key);
    if (period === undefined) {
      if (this.periods.size >= MAX_PERIODS) return null;
      period = new FigurePeriod(fromDay, endDay, ruleSet, this.records.length);
      this.periods.set(key, period);
    }
    return period.ruleSet === ruleSet ? period : null;
  }
}
