import * as domain from '@fristvakt/domain';
import type { FollowUpItem, FollowUpItemKind, FollowUpRules, FollowUpRuleSetId } from '@fristvakt/domain';
import { fromEpochDay } from '../../model/epoch-day';
import type { CaseRecord, ProjectionModel } from '../../model/model';
import { LATEST, municipalityOf } from '../../model/view';
import { queryIndexOf } from '../../indexed/query-index';
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

/** A case's stretches (none when it has no entry): stretch s runs from days[s] to days[s + 1] − 1 (the last to `toDay`) with items[starts[s] .. starts[s + 1]). */
export interface CaseSpans {
  /** the latest timeline they were computed from: stale once the case's memo holds another */
  readonly latest: FollowUpCase;
  readonly toDay: number;
  readonly days: Int32Array;
  readonly starts: Int32Array;
  readonly items: readonly SpanItem[];
}

const MS_PER_DAY = 86_400_000;

/** Per model and follow-up rules: each case's stretches by ordinal. */
class BoardSpans {
  readonly byOrdinal: (CaseSpans | undefined)[] = [];
  constructor(readonly rules: FollowUpRules) {}

  /**
   * The case's stretches, built again if the case changed since or `day` lies past them while
   * `horizon` (`spanHorizonOf`) reaches further.
   */
  of(model: ProjectionModel, record: CaseRecord, municipality: number, day: number, horizon: number): CaseSpans {
    const latest = resolveFollowUp(model, record, municipality, LATEST);
    const known = this.byOrdinal[record.ordinal];
    if (known !== undefined && known.latest === latest && (day <= known.toDay || known.toDay >= horizon)) return known;
    const built = spansOf(latest, horizon, this.rules);
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

/** The case's items on every day from its first entry to `toDay`, one list per stretch, equal neighbours merged. */
export function spansOf(latest: FollowUpCase, toDay: number, rules: FollowUpRules): CaseSpans {
  const cuts = cutDays(latest);
  const days: number[] = [];
  const starts: number[] = [];
  const items: SpanItem[] = [];
  let previous: SpanItem[] | null = null;
  const stretch = (day: number, list: SpanItem[]) => {
    if (previous !== null && sameItems(previous, list)) return;
    days.push(day);
    starts.push(items.length);
    for (const item of list) items.push(item);
    previous = list;
  };
  for (let i = 0; i < cuts.length && cuts[i] <= toDay; i++) {
    const from = cuts[i];
    const to = i + 1 < cuts.length ? Math.min(cuts[i + 1] - 1, toDay) : toDay;
    const t = i + 1 < cuts.length ? cutAt(latest, from) : latest;
    stretch(from, spanItems(t, from, rules, items));
    for (const day of followUpOpenItemsChangeDays(t, from, to, rules)) stretch(day, spanItems(t, day, rules, items));
  }
  starts.push(items.length);
  return { latest, toDay, days: Int32Array.from(days), starts: Int32Array.from(starts), items };
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

/** The stretch of `spans` holding `day`; −1 before the first (the caller checks `toDay`). */
export function spanAt(spans: CaseSpans, day: number): number {
  const { days } = spans;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const spansByModel = new WeakMap<ProjectionModel, Map<FollowUpRules, BoardSpans>>();

/** The model's stretches for `rules` (the default rule sets when not given). */
export function boardSpansOf(model: ProjectionModel, rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES): BoardSpans {
  let byRules = spansByModel.get(model);
  if (byRules === undefined) {
    byRules = new Map();
    spansByModel.set(model, byRules);
  }
  let spans = byRules.get(rules);
  if (spans === undefined) {
    spans = new BoardSpans(rules);
    byRules.set(rules, spans);
  }
  return spans;
}

/** Builds the stretches of every case the cut serves ahead of the first board, for the default rules. */
export function warmFollowUpBoard(model: ProjectionModel): void {
  const index = queryIndexOf(model);
  const spans = boardSpansOf(model);
  const horizon = spanHorizonOf(model);
  for (const record of model.cases.values()) {
    if (!record.followUp || index.followUpCuts.recordedBy[record.ordinal] == null) continue;
    const municipality = municipalityOf(record, LATEST);
    if (municipality !== null) spans.of(model, record, municipality, -Infinity, horizon);
  }
}

export type { BoardSpans };
