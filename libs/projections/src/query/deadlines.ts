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
  const board = new BoardSink(model, query, view, calendar, scope !== null && scope.length === 1 ? scope[0] : null);
  scan(model, scope, view, calendar, board);
  if (query.kind === undefined || FOLLOW_UP_ITEM_KINDS.includes(query.kind as FollowUpItemKind)) {
    for (const item of followUpDeadlines(model, scope, view, query.kind as FollowUpItemKind | undefined, query.followUpRules)) {
      if (query.status !== undefined && item.status !== query.status) continue;
      const { dueDay, ...rest } = item;
      board.add({ ...rest, deadline: fromEpochDay(dueDay) }, dueDay);
    }
  }
  return { asOf: asOf.date, knownAt: query.knownAt ?? null, method: query.method, items: board.sorted() };
}

/** Collects the items still open on asOf; only those become objects. */
class BoardSink implements ItemSink {
  readonly kinds: number;
  private readonly items: DeadlineItem[] = [];
  /** status rank and deadline day in one number, parallel to items: the sort compares numbers first */
  private readonly keys: number[] = [];
  private readonly reviewSoon: number;
  private readonly investigationSoon: number;

  constructor(
    private readonly model: ProjectionModel,
    private readonly query: DeadlinesQuery,
    private readonly view: View,
    private readonly calendar: DeadlineCalendar,
    /** the scope's only municipality: every listed item is in it */
    private readonly onlyMunicipality: string | null,
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
    _ordinal: number,
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
    );
  }

  investigation(
    _ordinal: number,
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
    );
  }

  measure(): void {}
  placement(): void {}

  /**
   * Overdue first, then by deadline, then case, kind and id (a total order: items are unique).
   * Tens of thousands of items share a few deadlines (visits are due at quarter ends), so the
   * case and kind are ranked once into one number per item and the sort compares numbers; ids
   * are compared only between items of one case and kind with the same deadline.
   */
  sorted(): DeadlineItem[] {
    const { items, keys } = this;
    const caseIds = [...new Set(items.map((item) => item.caseId))].sort();
    const caseRank = new Map<string, number>();
    for (let r = 0; r < caseIds.length; r++) caseRank.set(caseIds[r], r);
    const span = caseIds.length * KIND_COUNT;
    const order = Uint32Array.from(items.keys());
    const rank = new Float64Array(items.length);
    for (let i = 0; i < items.length; i++)
      rank[i] = keys[i] * span + caseRank.get(items[i].caseId)! * KIND_COUNT + KIND_RANK[items[i].kind];
    order.sort((i, j) => rank[i] - rank[j] || (items[i].id < items[j].id ? -1 : items[i].id > items[j].id ? 1 : 0));
    return Array.from(order, (i) => items[i]);
  }

  /** An item found outside the scan (the follow-up items). */
  add(item: DeadlineItem, deadlineDay: number): void {
    this.push(item, deadlineDay);
  }

  private push(item: DeadlineItem, deadlineDay: number): void {
    this.items.push(item);
    this.keys.push(STATUS_ORDER[item.status] * 1e8 + deadlineDay);
  }

  /** The case's municipality as the view sees it (a case in scope always has one). */
  private municipalityName(record: CaseRecord): string {
    if (this.onlyMunicipality !== null) return this.onlyMunicipality;
    const symbol = record.municipalities.length === 1 ? record.municipalities[0] : municipalityOf(record, this.view)!;
    return this.model.symbols.name(symbol);
  }
}
