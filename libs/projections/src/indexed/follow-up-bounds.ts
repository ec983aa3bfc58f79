import { FactKind, ItemKind, type CaseRecord, type Item } from '../model/model';
import { knownFromOf } from './case-rows';

/*
 * When each child could have a measure, placement or plan in force, under ANY view, so the
 * follow-up figures and board items ask the rules only about children active in the days a query
 * looks at (the domain's `followUpCountWindow`, or the board's asOf day).
 *
 * Per case, over every fact the model holds (retracted or not, whenever recorded):
 *   from        the earliest start (or decision) day of any measure, placement or plan;
 *   until       the latest end day, if every such spell has an end that any view seeing it picks;
 *               otherwise +Infinity (a spell may be open);
 *   untilKnown  when the last of those ends was recorded: a view knowing less may still see a
 *               spell open, so `until` holds only from then on.
 * A view only ever sees a subset of these facts, so its spells start on or after `from` and,
 * once it knows every end, end on or before `until`: the interval can only be wider than the
 * truth, never drop a child. (An asOf before an end day leaves that spell open, but the queries
 * look at no day after asOf, where the spell is active anyway.)
 */

const SPELL_START: Partial<Record<ItemKind, FactKind>> = {
  [ItemKind.Measure]: FactKind.MeasureStarted,
  [ItemKind.Placement]: FactKind.PlacementStarted,
  [ItemKind.Plan]: FactKind.PlanCreated,
};
const SPELL_END: Partial<Record<ItemKind, FactKind>> = {
  [ItemKind.Measure]: FactKind.MeasureEnded,
  [ItemKind.Placement]: FactKind.PlacementEnded,
  [ItemKind.Plan]: FactKind.PlanEnded,
};

function grown(array: Float64Array, capacity: number, fill: number): Float64Array {
  const next = new Float64Array(capacity).fill(fill);
  next.set(array);
  return next;
}

/** Activity bounds per case ordinal, kept up to date by the query index like the flat tables. */
export class FollowUpBounds {
  from: Float64Array = new Float64Array(0);
  until: Float64Array = new Float64Array(0);
  untilKnown: Float64Array = new Float64Array(0);
  /** earliest recordedAt of any receipt: a view knowing less does not see the case at all */
  knownFrom: Float64Array = new Float64Array(0);

  write(record: CaseRecord): void {
    const i = record.ordinal;
    if (i >= this.from.length) this.grow(Math.max(1024, 2 * (i + 1)));
    let from = Infinity;
    let until = -Infinity;
    let untilKnown = -Infinity;
    for (const item of record.items) {
      const spell = spellBounds(item);
      if (spell === null) continue;
      from = Math.min(from, spell.from);
      until = Math.max(until, spell.until);
      untilKnown = Math.max(untilKnown, spell.untilKnown);
    }
    this.from[i] = from;
    this.until[i] = until;
    this.untilKnown[i] = untilKnown;
    this.knownFrom[i] = knownFromOf(record);
  }

  private readonly listed = new WeakMap<CaseRecord[], { ordinals: Int32Array; length: number }>();

  /**
   * The ordinals of a list of the model (followUpCases, supervisedBy: lists that only grow), in
   * its order, so a query tests the bounds without reading the records it skips.
   */
  ordinalsOf(list: readonly CaseRecord[]): Int32Array {
    let mirror = this.listed.get(list as CaseRecord[]);
    if (mirror === undefined) {
      mirror = { ordinals: new Int32Array(Math.max(16, list.length)), length: 0 };
      this.listed.set(list as CaseRecord[], mirror);
    }
    if (mirror.length < list.length) {
      if (mirror.ordinals.length < list.length) {
        const next = new Int32Array(2 * list.length);
        next.set(mirror.ordinals);
        mirror.ordinals = next;
      }
      for (let i = mirror.length; i < list.length; i++) mirror.ordinals[i] = list[i].ordinal;
      mirror.length = list.length;
    }
    return mirror.ordinals;
  }

  /** Whether the case may have a spell in force on some day of [fromDay, toDay] for a view knowing up to `knownAt`. */
  mayBeActive(ordinal: number, knownAt: number, fromDay: number, toDay: number): boolean {
    if (ordinal >= this.from.length || this.from[ordinal] > toDay) return false;
    return knownAt < this.untilKnown[ordinal] || this.until[ordinal] > fromDay;
  }

  private grow(capacity: number): void {
    this.from = grown(this.from, capacity, Infinity);
    this.until = grown(this.until, capacity, -Infinity);
    this.untilKnown = grown(this.untilKnown, capacity, -Infinity);
    this.knownFrom = grown(this.knownFrom, capacity, Infinity);
  }
}

function spellBounds(item: Item): { from: number; until: number; untilKnown: number } | null {
  const startKind = SPELL_START[item.kind];
  if (startKind === undefined) return null;
  const endKind = SPELL_END[item.kind];
  let from = Infinity;
  let lastStart = -1;
  for (const fact of item.facts) {
    if (fact.kind !== startKind) continue;
    from = Math.min(from, fact.day);
    // a measure is owed a plan from its decision (decidedOn), which may precede its start
    if (item.kind === ItemKind.Measure && fact.extra >= 0) from = Math.min(from, fact.extra);
    lastStart = Math.max(lastStart, fact.position);
  }
  if (lastStart < 0) return null; // no view sees this spell
  let until = -Infinity;
  let untilKnown = -Infinity;
  let ends = 0;
  for (const fact of item.facts) {
    if (fact.kind !== endKind) continue;
    // an end a view might skip (retracted, or filed before a start it might pick) may leave the spell open
    if (fact.retractedAt !== Infinity || fact.position <= lastStart) return { from, until: Infinity, untilKnown: -Infinity };
    until = Math.max(until, fact.day);
    untilKnown = Math.max(untilKnown, fact.recordedAt);
    ends++;
  }
  return ends === 0 ? { from, until: Infinity, untilKnown: -Infinity } : { from, until, untilKnown };
}
