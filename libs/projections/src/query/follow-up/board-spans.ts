import * as domain from '@fristvakt/domain';
import type { FollowUpItem, FollowUpItemKind, FollowUpRules, FollowUpRuleSetId } from '@fristvakt/domain';
import { fromEpochDay } from '../../model/epoch-day';
import type { CaseRecord, Fact, ProjectionModel } from '../../model/model';
import { LATEST, municipalityOf } from '../../model/view';
import { recordedUpTo } from '../../indexed/follow-up-cuts';
import { queryIndexOf } from '../../indexed/query-index';
import { remembered } from '../remembered';
import { resolveFollowUp, type FollowUpCase } from './resolve-follow-up';
import { cutAt, cutDays } from './timeline-as-of';

// Module-local copies: the build loops per case and day (as in follow-up-board.ts).
const { followUpOpenItems, followUpOpenItemsChangeDays, followUpItemDueSoonDays, mayOweFollowUpOn, DEFAULT_FOLLOW_UP_RULES } = domain;

/*
 * The board's follow-up items of a case for every asOf, asked of the rules once per stretch of
 * days. Where the view's timeline is the case's latest one cut at asOf (indexed/follow-up-cuts.ts
 * `exact`), the items open on asOf depend on asOf alone: the cut changes only on the days it
 * compares (`cutDays`), and for one timeline the rules' answer only on the days
 * `followUpOpenItemsChangeDays` names, daysLeft and status aside. So the case's items are
 * computed on each of those days, on the timeline cut there, and a board finds the stretch
 * holding its asOf by binary search, measuring each item's status on asOf with the domain's
 * `deadlineStatusOnDays` and the threshold the rules measured it against. Nothing is decided
 * here: every item is the rules' answer on a day of its stretch.
 *
 * Built ahead for every case the cut serves (`warmFollowUpBoard`, as the latest timelines are), and
 * again for a case whose latest timeline changed since (a new fact). Up to the end of the year
 * after the newest recording; a later asOf, or one before the case's first fact, takes the cut.
 */

/** One open item of a stretch, fixed but for its status; `deadline` is its due day as a date. */
export interface SpanItem {
  readonly kind: FollowUpItemKind;
  readonly id: string;
  readonly dueDay: number;
  readonly deadline: string;
  readonly ruleSet: FollowUpRuleSetId;
  /** `followUpItemDueSoonDays`: with `deadlineStatusOnDays` the status on any day of the stretch */
  readonly dueSoonDays: number;
  readonly owed: number | undefined;
  /** supervision: the municipality responsible */
  readonly supervisedBy: string | undefined;
}

/**
 * A case's stretches: stretch s runs from `day(s)` to `day(s + 1)` − 1 (the last to `toDay`) with
 * the items [`first(s)`, `first(s + 1)`); none when the case has no entry.
 */
export class CaseSpans {
  constructor(
    /** the case's memo when they were computed: a new fact clears it (model/apply.ts), and with it these */
    readonly memo: Map<object, object> | null,
    readonly toDay: number,
    /** the first day a view may take them (before the birth year's receipt, the cut may not) */
    readonly servesFrom: number,
    /** pairs (day, the latest recording or retraction of any fact of the case on or before that day), days ascending */
    readonly knownBy: Float64Array,
    /** day and first item of each stretch, then the end of the last stretch's items */
    readonly stretches: Int32Array,
    readonly items: readonly SpanItem[],
  ) {}

  /** The stretch holding `day`, or −1 when the view must ask the rules itself: a day before the first stretch or after `toDay`, or a fact up to it unknown at `knownAt`. */
  stretchFor(knownAt: number, day: number): number {
    if (day > this.toDay || day < this.servesFrom) return -1;
    const { stretches } = this;
    let lo = 0;
    let hi = (stretches.length - 1) >>> 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (stretches[2 * mid] <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 || !this.knows(knownAt, day) ? -1 : lo - 1;
  }

  first(stretch: number): number {
    return this.stretches[2 * stretch + 1];
  }

  /**
   * Whether a view knowing what was recorded by `knownAt` counts the same facts up to `day` as
   * the view knowing everything: every fact up to then recorded, and every retraction of one.
   */
  private knows(knownAt: number, day: number): boolean {
    return knownAt === Number.MAX_VALUE || recordedUpTo(this.knownBy, day) <= knownAt;
  }
}

const MS_PER_DAY = 86_400_000;

/** Per model and follow-up rules: each case's stretches by ordinal. */
class BoardSpans {
  readonly byOrdinal: (CaseSpans | undefined)[] = [];
  constructor(readonly rules: FollowUpRules) {}

  /**
   * The case's stretches, built again if the case changed since or `day` lies past them while
   * `horizon` (`spanHorizonOf`) reaches further; null for a case listed under several municipalities.
   */
  of(model: ProjectionModel, record: CaseRecord, municipality: number, day: number, horizon: number): CaseSpans | null {
    const known = this.byOrdinal[record.ordinal];
    if (known !== undefined && known.memo === record.memo && known.memo !== null && (day <= known.toDay || known.toDay >= horizon))
      return known;
    if (record.municipalities.length !== 1) return null;
    const built = spansOf(model, record, municipality, horizon, this.rules);
    while (this.byOrdinal.length <= record.ordinal) this.byOrdinal.push(undefined);
    this.byOrdinal[record.ordinal] = built;
    return built;
  }
}

/**
 * The last day stretches reach: 31 December of the year after the newest recording, so a board
 * of any day up to then (today's, the bench's) finds them; it moves once a year.
 */
export function spanHorizonOf(model: ProjectionModel): number {
  const year = Number(fromEpochDay(Math.floor(model.maxRecordedAt / MS_PER_DAY)).slice(0, 4));
  return Date.UTC(year + 1, 11, 31) / MS_PER_DAY;
}

/** Collects stretches in day order, merging one into the previous when their items are the same. */
class Stretches {
  private readonly days: number[] = [];
  private readonly items: SpanItem[] = [];
  private previous: SpanItem[] | null = null;

  /** The items of `t` from `from` to `to`: on `from` and on each day the rules name in between. */
  add(t: FollowUpCase, from: number, to: number, rules: FollowUpRules): void {
    this.push(from, spanItems(t, from, rules, this.items));
    for (const day of followUpOpenItemsChangeDays(t, from, to, rules)) this.push(day, spanItems(t, day, rules, this.items));
  }

  done(memo: Map<object, object> | null, toDay: number, servesFrom: number, knownBy: Float64Array): CaseSpans {
    this.days.push(0, this.items.length);
    return new CaseSpans(memo, toDay, servesFrom, knownBy, Int32Array.from(this.days), this.items);
  }

  private push(day: number, list: SpanItem[]): void {
    if (this.previous !== null && sameItems(this.previous, list)) return;
    this.days.push(day, this.items.length);
    for (const item of list) this.items.push(item);
    this.previous = list;
  }
}

/**
 * The case's items from its first fact to `toDay`. A case the index can cut (every fact counts
 * once recorded, one candidate per role) on its latest timeline cut at each day the cut changes;
 * any other on the view knowing everything resolved on each day a fact occurred.
 */
function spansOf(model: ProjectionModel, record: CaseRecord, municipality: number, toDay: number, rules: FollowUpRules): CaseSpans {
  const latest = resolveFollowUp(model, record, municipality, LATEST);
  const memo = record.memo;
  const stretches = new Stretches();
  const cuts = queryIndexOf(model).followUpCuts;
  const recordedBy = record.ordinal < cuts.recordedBy.length ? cuts.recordedBy[record.ordinal] : null;
  if (recordedBy !== null) {
    const days = cutDays(latest);
    for (let i = 0; i < days.length && days[i] <= toDay; i++) {
      const last = i + 1 === days.length;
      stretches.add(last ? latest : cutAt(latest, days[i]), days[i], last ? toDay : Math.min(days[i + 1] - 1, toDay), rules);
    }
    // the index's pairs are these pairs: nothing of the case was retracted
    return stretches.done(memo, toDay, cuts.birthDay[record.ordinal], recordedBy);
  }
  const facts: Fact[] = [];
  for (const item of record.items) for (const fact of item.facts) if (fact.owner === item) facts.push(fact);
  facts.sort((a, b) => a.day - b.day);
  const knownBy = new Float64Array(2 * facts.length);
  let latestKnown = -Infinity;
  for (let f = 0; f < facts.length; f++) {
    const fact = facts[f];
    latestKnown = Math.max(latestKnown, fact.recordedAt, fact.retraction === null ? -Infinity : fact.retractedAt);
    knownBy[2 * f] = fact.day;
    knownBy[2 * f + 1] = latestKnown;
  }
  const days: number[] = [];
  for (const fact of facts) if (days.length === 0 || days[days.length - 1] !== fact.day) days.push(fact.day);
  for (let i = 0; i < days.length && days[i] <= toDay; i++) {
    const t = resolveFollowUp(model, record, municipality, { knownAt: Number.MAX_VALUE, asOfDay: days[i] });
    stretches.add(t, days[i], i + 1 < days.length ? Math.min(days[i + 1] - 1, toDay) : toDay, rules);
  }
  return stretches.done(memo, toDay, -Infinity, knownBy);
}

/** The rules' items of `t` on `day` (as the board asks them: `mayOweFollowUpOn` first), reusing an equal item already kept. */
function spanItems(t: FollowUpCase, day: number, rules: FollowUpRules, kept: readonly SpanItem[]): SpanItem[] {
  if (!mayOweFollowUpOn(t, day)) return [];
  const list: SpanItem[] = [];
  for (const item of followUpOpenItems(t, day, rules)) {
    let found: SpanItem | undefined;
    for (let k = kept.length - 1; k >= 0 && found === undefined; k--) if (sameItem(kept[k], item)) found = kept[k];
    list.push(found ?? spanItem(item, rules));
  }
  return list;
}

function spanItem(item: FollowUpItem, rules: FollowUpRules): SpanItem {
  return {
    kind: item.kind,
    id: item.id,
    dueDay: item.dueDay,
    deadline: fromEpochDay(item.dueDay),
    ruleSet: item.ruleSet,
    dueSoonDays: followUpItemDueSoonDays(item, rules),
    owed: item.owed,
    supervisedBy: item.municipality,
  };
}

function sameItem(a: SpanItem, b: FollowUpItem): boolean {
  return (
    a.kind === b.kind &&
    a.id === b.id &&
    a.dueDay === b.dueDay &&
    a.ruleSet === b.ruleSet &&
    a.owed === b.owed &&
    a.supervisedBy === b.municipality
  );
}

function sameItems(a: readonly SpanItem[], b: readonly SpanItem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const spansByModel = new WeakMap<ProjectionModel, Map<FollowUpRules, BoardSpans>>();

/** The model's stretches for `rules` (the default rule sets when not given). */
export function boardSpansOf(model: ProjectionModel, rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES): BoardSpans {
  return remembered(spansByModel, model, rules, () => new BoardSpans(rules));
}

/** Builds the stretches of every case of one municipality ahead of the first board, for the default rules. */
export function warmFollowUpBoard(model: ProjectionModel): void {
  queryIndexOf(model);
  const spans = boardSpansOf(model);
  const horizon = spanHorizonOf(model);
  for (const record of model.cases.values()) {
    if (!record.followUp || record.municipalities.length !== 1) continue;
    const municipality = municipalityOf(record, LATEST);
    if (municipality !== null) spans.of(model, record, municipality, -Infinity, horizon);
  }
}

export type { BoardSpans };
