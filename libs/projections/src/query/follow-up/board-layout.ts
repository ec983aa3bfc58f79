import type { CaseRecord, ProjectionModel } from '../../model/model';
import { queryIndexOf } from '../../indexed/query-index';
import { boardSpansOf, spanHorizonOf, type BoardSpans, type CaseSpans, type SpanItem } from './board-spans';

/*
 * The stretches of board-spans.ts laid out per municipality as flat item intervals (case ordinal,
 * first and last day, item) in buckets of 32 days, so a board reads the one bucket holding its
 * asOf in order instead of visiting every active case and binary-searching its stretches. Nothing
 * new is answered here: each interval is one item of one stretch, as the rules gave it.
 *
 * A case is answered from the layout (`handles`) when a board would take its stretch: it names one
 * municipality, has not changed since the layout was built (the query index tells of every change),
 * asOf lies within its stretches, and the view knows every fact up to asOf. The last is found from
 * the other side: each case's "late" intervals [day of a fact, day it was recorded or retracted],
 * kept only where the latest recording up to that day grows (the stretches' `knownBy` pairs), so
 * the cases a view with `knownAt` ≥ asOf does not fully know are those of the intervals holding asOf
 * recorded after knownAt. The per-case path answers every other case, as before.
 */

const BUCKET_SHIFT = 5;
const MS_PER_DAY = 86_400_000;

/** Intervals [from, to] of case ordinals, listed in every bucket of 32 days they touch. */
class Buckets {
  private constructor(
    private readonly firstBucket: number,
    /** bucket b's intervals are [starts[b], starts[b + 1]) */
    private readonly starts: Int32Array,
    readonly ordinals: Int32Array,
    readonly from: Int32Array,
    readonly to: Int32Array,
  ) {}

  /** The intervals bucketed, and per bucketed interval its index in the arguments (what it carries). */
  static of(ordinals: readonly number[], from: readonly number[], to: readonly number[]): [Buckets, Int32Array] {
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < from.length; i++) {
      first = Math.min(first, from[i] >> BUCKET_SHIFT);
      last = Math.max(last, to[i] >> BUCKET_SHIFT);
    }
    if (from.length === 0) [first, last] = [0, -1];
    const starts = new Int32Array(last - first + 2);
    for (let i = 0; i < from.length; i++) for (let b = from[i] >> BUCKET_SHIFT; b <= to[i] >> BUCKET_SHIFT; b++) starts[b - first + 1]++;
    for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
    const n = starts[starts.length - 1];
    const buckets = new Buckets(first, starts, new Int32Array(n), new Int32Array(n), new Int32Array(n));
    const carried = new Int32Array(n);
    const next = starts.slice(0, starts.length - 1);
    for (let i = 0; i < from.length; i++) {
      for (let b = from[i] >> BUCKET_SHIFT; b <= to[i] >> BUCKET_SHIFT; b++) {
        const k = next[b - first]++;
        buckets.ordinals[k] = ordinals[i];
        buckets.from[k] = from[i];
        buckets.to[k] = to[i];
        carried[k] = i;
      }
    }
    return [buckets, carried];
  }

  /** The intervals of the bucket holding `day` are [first, end) of the returned pair (empty when none). */
  range(day: number): [number, number] {
    const b = (day >> BUCKET_SHIFT) - this.firstBucket;
    return b < 0 || b + 1 >= this.starts.length ? [0, 0] : [this.starts[b], this.starts[b + 1]];
  }
}

/** One municipality's layout. */
class MunicipalityLayout {
  /** cases of the layout changed since it was built */
  stale = 0;

  constructor(
    readonly symbol: number,
    readonly name: string,
    /** how many cases it holds */
    readonly cases: number,
    readonly items: Buckets,
    /** per item interval, the item */
    readonly itemOf: readonly SpanItem[],
    readonly late: Buckets,
    /** per late interval, the latest recording or retraction up to its first day */
    readonly lateAt: Float64Array,
  ) {}
}

/** The layouts of one `BoardSpans` (one follow-up rules object), with what they need per case ordinal. */
export class BoardLayout {
  private readonly byMunicipality = new Map<number, MunicipalityLayout>();
  /** per ordinal: the symbol of the layout holding the case, −1 for none (several municipalities, changed since) */
  private symbolOf = new Int32Array(0).fill(-1);
  /** per ordinal: the first and last day the case's stretches answer */
  private servesFrom = new Float64Array(0);
  private servesTo = new Float64Array(0);
  private caseIds: string[] = [];
  /** per ordinal: a view of this pass does not know every fact of the case up to asOf (stamped) */
  private unknown = new Uint32Array(0);
  /** per municipality symbol (small integers): its layout is read by the pass of this stamp */
  private read = new Uint32Array(0);
  private pass = 0;
  /** item intervals a board took so far (the tests check both ways are taken) */
  emitted = 0;

  constructor(private readonly spans: BoardSpans) {}
  /** the day the stretches reach (`spanHorizonOf`); when it moves, every layout is built again */
  private horizon = -Infinity;

  /** Forgets the case: changed, it takes the per-case path until its municipality's layout is built again. */
  changed(record: CaseRecord): void {
    const ordinal = record.ordinal;
    if (ordinal >= this.symbolOf.length || this.symbolOf[ordinal] < 0) return;
    const layout = this.byMunicipality.get(this.symbolOf[ordinal]);
    if (layout !== undefined) layout.stale++;
    this.symbolOf[ordinal] = -1;
  }

  /**
   * Starts a board over the municipalities `symbols` for a view of `asOfDay` knowing up to
   * `knownAt` (≥ the start of asOf), building layouts missing or grown stale; returns them.
   */
  start(model: ProjectionModel, symbols: readonly number[], knownAt: number, asOfDay: number, horizon: number): MunicipalityLayout[] {
    if (horizon !== this.horizon) {
      this.byMunicipality.clear();
      this.symbolOf.fill(-1);
      this.horizon = horizon;
    }
    const layouts: MunicipalityLayout[] = [];
    for (const symbol of symbols) {
      let layout = this.byMunicipality.get(symbol);
      if (layout === undefined || layout.stale > Math.max(16, layout.cases >> 6)) layout = this.build(model, symbol);
      layouts.push(layout);
    }
    if (++this.pass === 0xffffffff) {
      this.unknown.fill(0);
      this.read.fill(0);
      this.pass = 1;
    }
    for (const symbol of symbols) {
      if (symbol >= this.read.length) {
        const read = new Uint32Array(2 * (symbol + 1));
        read.set(this.read);
        this.read = read;
      }
      this.read[symbol] = this.pass;
    }
    if (knownAt !== Number.MAX_VALUE) {
      for (const layout of layouts) {
        const { ordinals, from, to } = layout.late;
        for (let [k, end] = layout.late.range(asOfDay); k < end; k++)
          if (from[k] <= asOfDay && asOfDay <= to[k] && layout.lateAt[k] > knownAt) this.unknown[ordinals[k]] = this.pass;
      }
    }
    return layouts;
  }

  /** Whether the board of the last `start` takes the case's items from a layout it read. */
  handles(ordinal: number, asOfDay: number): boolean {
    if (ordinal >= this.symbolOf.length) return false;
    const symbol = this.symbolOf[ordinal];
    return (
      symbol >= 0 &&
      this.read[symbol] === this.pass &&
      this.unknown[ordinal] !== this.pass &&
      asOfDay >= this.servesFrom[ordinal] &&
      asOfDay <= this.servesTo[ordinal]
    );
  }

  /** `handles` for a day within the case's stretches (an interval of the layout holding it). */
  current(ordinal: number, symbol: number): boolean {
    return this.symbolOf[ordinal] === symbol && this.unknown[ordinal] !== this.pass;
  }

  caseId(ordinal: number): string {
    return this.caseIds[ordinal];
  }

  private build(model: ProjectionModel, symbol: number): MunicipalityLayout {
    const list = model.followUpCases.get(symbol) ?? [];
    this.grow(model.cases.size);
    const ordinals: number[] = [];
    const from: number[] = [];
    const to: number[] = [];
    const itemOf: SpanItem[] = [];
    const lateOrdinals: number[] = [];
    const lateFrom: number[] = [];
    const lateTo: number[] = [];
    const lateAt: number[] = [];
    let cases = 0;
    for (const record of list) {
      if (record.municipalities.length !== 1 || record.municipalities[0] !== symbol) continue;
      const known: CaseSpans | null = this.spans.of(model, record, symbol, -Infinity, this.horizon);
      if (known === null) continue;
      const ordinal = record.ordinal;
      const { stretches, items, knownBy } = known;
      const count = (stretches.length >> 1) - 1;
      const servesFrom = count === 0 ? Infinity : Math.max(known.servesFrom, stretches[0]);
      for (let s = 0; s < count; s++) {
        // the days the case's stretches answer, from the day its cut may be taken
        const first = Math.max(stretches[2 * s], servesFrom);
        const last = s + 1 < count ? stretches[2 * s + 2] - 1 : known.toDay;
        if (first > last) continue;
        for (let i = stretches[2 * s + 1]; i < stretches[2 * s + 3]; i++) {
          ordinals.push(ordinal);
          from.push(first);
          to.push(last);
          itemOf.push(items[i]);
        }
      }
      let before = -Infinity;
      for (let p = 0; p < knownBy.length; p += 2) {
        const at = knownBy[p + 1];
        if (at <= before) continue;
        before = at;
        const recordedDay = Math.floor(at / MS_PER_DAY);
        if (knownBy[p] > recordedDay) continue; // a view of a day it holds knows it from that day's start
        lateOrdinals.push(ordinal);
        lateFrom.push(knownBy[p]);
        lateTo.push(recordedDay);
        lateAt.push(at);
      }
      this.symbolOf[ordinal] = symbol;
      this.servesFrom[ordinal] = servesFrom;
      this.servesTo[ordinal] = known.toDay;
      this.caseIds[ordinal] = record.caseId;
      cases++;
    }
    const [late, lateCarried] = Buckets.of(lateOrdinals, lateFrom, lateTo);
    const lateAtOf = Float64Array.from(lateCarried, (i) => lateAt[i]);
    const [items, itemsCarried] = Buckets.of(ordinals, from, to);
    const itemOfInterval = Array.from(itemsCarried, (i) => itemOf[i]);
    const layout = new MunicipalityLayout(symbol, model.symbols.name(symbol), cases, items, itemOfInterval, late, lateAtOf);
    this.byMunicipality.set(symbol, layout);
    return layout;
  }

  private grow(size: number): void {
    if (this.symbolOf.length >= size) return;
    const capacity = Math.max(1024, 2 * size);
    const symbolOf = new Int32Array(capacity).fill(-1);
    symbolOf.set(this.symbolOf);
    this.symbolOf = symbolOf;
    const servesFrom = new Float64Array(capacity);
    servesFrom.set(this.servesFrom);
    this.servesFrom = servesFrom;
    const servesTo = new Float64Array(capacity);
    servesTo.set(this.servesTo);
    this.servesTo = servesTo;
    const unknown = new Uint32Array(capacity);
    unknown.set(this.unknown);
    this.unknown = unknown;
  }
}

const layouts = new WeakMap<BoardSpans, BoardLayout>();

/** The layouts of `spans`, told of every case the query index rewrites. */
export function boardLayoutOf(model: ProjectionModel, spans: BoardSpans): BoardLayout {
  let layout = layouts.get(spans);
  if (layout === undefined) {
    const made = new BoardLayout(spans);
    queryIndexOf(model).watchers.push((record) => made.changed(record));
    layouts.set(spans, made);
    layout = made;
  }
  return layout;
}

export type { MunicipalityLayout };

/** Lays out the default rules' stretches of every municipality ahead of the first board (after `warmFollowUpBoard`). */
export function warmBoardLayout(model: ProjectionModel): void {
  boardLayoutOf(model, boardSpansOf(model)).start(model, [...model.followUpCases.keys()], Number.MAX_VALUE, 0, spanHorizonOf(model));
}
