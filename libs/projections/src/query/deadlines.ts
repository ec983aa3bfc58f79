import {
  deadlineStatusOnDays,
  type CountingMethod,
  type DeadlineRules,
  type DeadlineStatus,
  type FollowUpItemKind,
  type FollowUpRules,
  type FollowUpRuleSetId,
  type RuleSetId,
} from '@fristvakt/domain';
import { fromEpochDay } from '../model/epoch-day';
import type { CaseRecord, ProjectionModel } from '../model/model';
import { municipalityOf, type View } from '../model/view';
import { calendarFor, type DeadlineCalendar } from './deadline-calendar';
import { FOLLOW_UP_ITEM_KINDS, followUpDeadlines } from './follow-up/follow-up-board';
import { queryIndexOf } from '../indexed/query-index';
import type { CaseOrder } from '../indexed/case-order';
import { ASSESSMENTS, Kinds, NONE, scan, type ItemRef, type ItemSink } from './scan';
import { scopeOf, type MunicipalityFilter } from './scope';
import { parseAsOf, parseKnownAt } from './time-params';

/** review, investigation, and the follow-up items of DOMAIN.md §7.6 */
export type DeadlineKind = 'review' | 'investigation' | FollowUpItemKind;
export const DEADLINE_KINDS: readonly DeadlineKind[] = ['review', 'investigation', ...FOLLOW_UP_ITEM_KINDS];

export interface DeadlinesQuery extends MunicipalityFilter {
  status?: DeadlineStatus;
  kind?: DeadlineKind;
  /** date or instant; only events that occurred by then count, statuses are measured on that date */
  asOf: string;
  /** instant (or date = end of that Oslo day); only events recorded by then count */
  knownAt?: string | null;
  method: CountingMethod;
  rules: DeadlineRules;
  /** the follow-up rule sets; default DEFAULT_FOLLOW_UP_RULES */
  followUpRules?: FollowUpRules;
}

export interface DeadlineItem {
  kind: DeadlineKind;
  caseId: string;
  municipality: string;
  /** notificationId for a review, investigationId for an investigation; follow-up: the measure or placement a plan is due for, the plan, the placement owed visits */
  id: string;
  /** the deadline in force */
  deadline: string;
  status: DeadlineStatus;
  /** deadline − asOf in days; negative when overdue */
  daysLeft: number;
  ruleSet: RuleSetId | FollowUpRuleSetId;
  /** the date the clock runs from: receipt for a review, opening for an investigation (not given for follow-up items) */
  since?: string;
  /** visits: how many are still owed by the end of the quarter */
  owed?: number;
  /** supervision visits: the municipality responsible on asOf */
  supervisedBy?: string;
  /** investigations only: the extension, if any */
  extension?: { decidedDate: string; status: 'pending' | 'approved' | 'rejected'; inForce: boolean } | null;
}

export interface DeadlinesAnswer {
  asOf: string;
  knownAt: string | null;
  method: CountingMethod;
  items: DeadlineItem[];
}

// Overdue items lead; after them everything runs by deadline, whether due soon or not.
const STATUS_ORDER: Record<DeadlineStatus, number> = { overdue: 0, due_soon: 1, ok: 1 };

/** Kinds in the order their names sort (the board's tie-break after the case). */
const KIND_RANK = Object.fromEntries([...DEADLINE_KINDS].sort().map((kind, rank) => [kind, rank])) as Record<DeadlineKind, number>;
const KIND_COUNT = DEADLINE_KINDS.length;

/**
 * Fristoversikt: every review and investigation still open on `asOf`, with its deadline in force
 * and status. Overdue first, then by deadline, then case and id so equal deadlines keep a stable order.
 */
export function deadlines(model: ProjectionModel, query: DeadlinesQuery): DeadlinesAnswer {
  const asOf = parseAsOf(query.asOf);
  const view = { knownAt: query.knownAt == null ? Number.MAX_VALUE : parseKnownAt(query.knownAt), asOfDay: asOf.day };
  const calendar = calendarFor(query.rules, query.method);
  const scope = scopeOf(query);
  const order = queryIndexOf(model).caseOrder;
  const board = new BoardSink(model, query, view, calendar, scope !== null && scope.length === 1 ? scope[0] : null, order);
  scan(model, scope, view, calendar, board);
  if (query.kind === undefined || FOLLOW_UP_ITEM_KINDS.includes(query.kind as FollowUpItemKind)) {
    followUpDeadlines(model, scope, view, query.kind as FollowUpItemKind | undefined, query.status, query.followUpRules, board);
  }
  return { asOf: asOf.date, knownAt: query.knownAt ?? null, method: query.method, items: board.sorted() };
}

/** Collects the items still open on asOf; only those become objects. */
class BoardSink implements ItemSink {
  readonly kinds: number;
  readonly openOnly = true;
  private readonly items: DeadlineItem[] = [];
  /** parallel to items: what the sort orders by before ids */
  private readonly keys = SortKeys.empty();
  private readonly reviewSoon: number;
  private readonly investigationSoon: number;

  constructor(
    private readonly model: ProjectionModel,
    private readonly query: DeadlinesQuery,
    private readonly view: View,
    private readonly calendar: DeadlineCalendar,
    /** the scope's only municipality: every listed item is in it */
    private readonly onlyMunicipality: string | null,
    private readonly order: CaseOrder,
  ) {
    this.kinds =
      query.kind === undefined
        ? Kinds.Notifications | Kinds.Investigations
        : query.kind === 'review'
          ? Kinds.Notifications
          : query.kind === 'investigation'
            ? Kinds.Investigations
            : 0;
    this.reviewSoon = query.rules.dueSoonDays.review;
    this.investigationSoon = query.rules.dueSoonDays.investigation;
  }

  notification(
    ordinal: number,
    record: CaseRecord,
    item: ItemRef,
    receivedDay: number,
    _mask: number,
    _acute: number,
    concludedDay: number,
    _code: number,
    deadlineDay: number,
  ): void {
    if (concludedDay !== NONE) return;
    const { status, daysLeft } = deadlineStatusOnDays(deadlineDay, this.view.asOfDay, this.reviewSoon);
    if (this.query.status !== undefined && status !== this.query.status) return;
    this.push(
      {
        kind: 'review',
        caseId: record.caseId,
        municipality: this.municipalityName(record),
        id: item.id,
        deadline: fromEpochDay(deadlineDay),
        status,
        daysLeft,
        ruleSet: this.calendar.ruleSet(receivedDay).id,
        since: fromEpochDay(receivedDay),
      },
      deadlineDay,
      ordinal,
    );
  }

  investigation(
    ordinal: number,
    record: CaseRecord,
    item: ItemRef,
    receivedDay: number,
    openedDay: number,
    closedDay: number,
    _outcome: number,
    _ordinary: number,
    deadlineDay: number,
    extensionDay: number,
    assessment: number,
    inForce: boolean,
  ): void {
    if (closedDay !== NONE) return;
    const { status, daysLeft } = deadlineStatusOnDays(deadlineDay, this.view.asOfDay, this.investigationSoon);
    if (this.query.status !== undefined && status !== this.query.status) return;
    this.push(
      {
        kind: 'investigation',
        caseId: record.caseId,
        municipality: this.municipalityName(record),
        id: item.id,
        deadline: fromEpochDay(deadlineDay),
        status,
        daysLeft,
        ruleSet: this.calendar.ruleSet(receivedDay).id,
        since: fromEpochDay(openedDay),
        extension: extensionDay === NONE ? null : { decidedDate: fromEpochDay(extensionDay), status: ASSESSMENTS[assessment], inForce },
      },
      deadlineDay,
      ordinal,
    );
  }

  measure(): void {}
  placement(): void {}

  /**
   * Overdue first, then by deadline, then case, kind and id (a total order: items are unique).
   * Tens of thousands of items share a few deadlines (visits are due at quarter ends), so each
   * item's key is one integer (status, deadline, the case's rank by id, kind) with the item's
   * index in its lowest digits: a typed array of them sorts without a comparator call per pair,
   * and ids are compared only between items of one case and kind with the same deadline.
   */
  sorted(): DeadlineItem[] {
    const { items } = this;
    const { overdue, deadlineDays, tails } = this.keys;
    const n = items.length;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < n; i++) {
      if (deadlineDays[i] < first) first = deadlineDays[i];
      if (deadlineDays[i] > last) last = deadlineDays[i];
    }
    const span = this.order.size * KIND_COUNT;
    const range = n === 0 ? 1 : last - first + 1;
    // the index in the lowest bits: a power of two, so key and index come back by exact multiplication
    const slots = 2 ** Math.ceil(Math.log2(Math.max(2, n)));
    const perSlot = 1 / slots;
    // status and deadline, then case and kind, then index: exact while below 2^53
    if (2 * range * span * slots >= Number.MAX_SAFE_INTEGER) return this.sortedByComparison();
    const packed = this.keys.packed.subarray(0, n);
    for (let i = 0; i < n; i++) packed[i] = (((overdue[i] === 1 ? 0 : range) + deadlineDays[i] - first) * span + tails[i]) * slots + i;
    packed.sort();
    const out: DeadlineItem[] = new Array<DeadlineItem>(n);
    // a run of one case, kind and deadline is ordered by id
    let runStart = 0;
    let runKey = -1;
    for (let k = 0; k < n; k++) {
      const key = Math.floor(packed[k] * perSlot);
      out[k] = items[packed[k] - key * slots];
      if (key === runKey) continue;
      if (k - runStart > 1) sortRunById(out, runStart, k);
      runStart = k;
      runKey = key;
    }
    if (n - runStart > 1) sortRunById(out, runStart, n);
    return out;
  }

  /** The same order by pairwise comparison, for boards whose keys would not fit. */
  private sortedByComparison(): DeadlineItem[] {
    const { items } = this;
    const { overdue, deadlineDays, tails } = this.keys;
    const key = (i: number) => ((overdue[i] === 1 ? 0 : 1) * 1e8 + deadlineDays[i]) * this.order.size * KIND_COUNT + tails[i];
    const order = Array.from(items.keys());
    order.sort((i, j) => key(i) - key(j) || (items[i].id < items[j].id ? -1 : items[i].id > items[j].id ? 1 : 0));
    return order.map((i) => items[i]);
  }

  /** An item found outside the scan (the follow-up items); `ordinal` is its case's. */
  add(item: DeadlineItem, deadlineDay: number, ordinal: number): void {
    this.push(item, deadlineDay, ordinal);
  }

  private push(item: DeadlineItem, deadlineDay: number, ordinal: number): void {
    const i = this.items.length;
    this.items.push(item);
    const keys = this.keys.room(i + 1);
    keys.overdue[i] = STATUS_ORDER[item.status] === 0 ? 1 : 0;
    keys.deadlineDays[i] = deadlineDay;
    keys.tails[i] = this.order.rank[ordinal] * KIND_COUNT + KIND_RANK[item.kind];
  }

  /** The case's municipality as the view sees it (a case in scope always has one). */
  private municipalityName(record: CaseRecord): string {
    if (this.onlyMunicipality !== null) return this.onlyMunicipality;
    const symbol = record.municipalities.length === 1 ? record.municipalities[0] : municipalityOf(record, this.view)!;
    return this.model.symbols.name(symbol);
  }
}

/**
 * The sort keys of a board's items in typed arrays, one set for all boards (a query runs to its
 * end before the next starts): a large board's keys are no garbage for the next to collect.
 */
class SortKeys {
  private static shared: SortKeys | null = null;
  overdue = new Uint8Array(0);
  deadlineDays = new Float64Array(0);
  tails = new Float64Array(0);
  packed = new Float64Array(0);

  static empty(): SortKeys {
    SortKeys.shared ??= new SortKeys();
    return SortKeys.shared;
  }

  /** These keys, with room for `n` items (what they held is kept). */
  room(n: number): SortKeys {
    if (n <= this.overdue.length) return this;
    const capacity = Math.max(1024, 2 * n);
    const grown = <T extends Uint8Array | Float64Array>(a: T, next: T): T => (next.set(a), next);
    this.overdue = grown(this.overdue, new Uint8Array(capacity));
    this.deadlineDays = grown(this.deadlineDays, new Float64Array(capacity));
    this.tails = grown(this.tails, new Float64Array(capacity));
    this.packed = new Float64Array(capacity);
    return this;
  }
}

/** Items [from, to) of one case, kind and deadline, by id (a few at most). */
function sortRunById(items: DeadlineItem[], from: number, to: number): void {
  const run = items.slice(from, to).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = from; i < to; i++) items[i] = run[i - from];
}
