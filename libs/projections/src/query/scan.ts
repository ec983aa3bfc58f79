import { queryIndexOf } from '../indexed/query-index';
import { type InvestigationTable, type MunicipalityTables, type NotificationTable, type SpellTable } from '../indexed/tables';
import type { CaseRecord, ProjectionModel } from '../model/model';
import { municipalityOf, type View } from '../model/view';
import { extensionInForceOnDays, type CountingMethod, type DeadlineRules } from '@fristvakt/domain';
import { calendarFor, type DeadlineCalendar } from './deadline-calendar';
import { warmFollowUpBoard } from './follow-up/board-spans';
import { warmBoardLayout } from './follow-up/board-layout';
import { warmFollowUpFigures } from './follow-up/figure-rows';
import { warmFollowUpTimelines } from './follow-up/timeline-as-of';
import { casesInScope, resolveCase, type ResolvedCase } from './resolve';

/*
 * One pass over the items a query can see, for every query: rows of the flat tables where the
 * case is simple, per-case resolution where it is complex (or when the legacy engine is chosen,
 * which the bench and the property tests use as the baseline). Both feed the same sink with the
 * resolved values as plain numbers, so the two paths cannot count differently.
 */

/** "No such day" (not concluded, not ended): above every period end, so the range tests need no null check. */
export const NONE = 0x7fffffff;

export const Assessment = { None: -1, Pending: 0, Approved: 1, Rejected: 2 } as const;
export const ASSESSMENTS = ['pending', 'approved', 'rejected'] as const;

export const Kinds = { Notifications: 1, Investigations: 2, Measures: 4, Placements: 8, All: 15 } as const;

/** What a sink may read about the item itself: only the board does, for the items it lists. */
export interface ItemRef {
  readonly id: string;
}

/*
 * Sinks get the case's ordinal (to count distinct children), the record and item as references
 * they may follow (the board, for the few items it lists), and the resolved values as numbers.
 * Scans never follow a reference themselves: at a million events that is a cache miss per row.
 */
export interface ItemSink {
  /** which item kinds the sink needs (Kinds bits) */
  readonly kinds: number;
  /**
   * The sink ignores notifications concluded and investigations closed by asOf (the board): the
   * indexed scans skip those rows before reading anything else of them, most rows being such.
   */
  readonly openOnly?: boolean;
  notification(
    ordinal: number,
    record: CaseRecord,
    item: ItemRef,
    receivedDay: number,
    reporterMask: number,
    acute: number,
    concludedDay: number,
    conclusionCode: number,
    reviewDeadlineDay: number,
  ): void;
  investigation(
    ordinal: number,
    record: CaseRecord,
    item: ItemRef,
    receivedDay: number,
    openedDay: number,
    closedDay: number,
    outcomeCode: number,
    ordinaryDeadlineDay: number,
    deadlineDay: number,
    extensionDay: number,
    assessment: number,
    inForce: boolean,
  ): void;
  measure(ordinal: number, category: number, basis: number, startDay: number, endDay: number): void;
  placement(ordinal: number, category: number, basis: number, startDay: number, endDay: number, planned: number): void;
}

export type QueryEngine = 'indexed' | 'legacy';
let engine: QueryEngine = 'indexed';

/** For the bench and the tests: 'legacy' resolves every case per query, as before the flat tables. */
export function setQueryEngine(next: QueryEngine): void {
  engine = next;
}

export function queryEngine(): QueryEngine {
  return engine;
}

/** Builds (or brings up to date) the query tables now, so the first query after a rebuild does not pay for it. */
export function prepareQueries(model: ProjectionModel, deadlineRules?: DeadlineRules): void {
  queryIndexOf(model);
  warmFollowUpTimelines(model);
  warmFollowUpBoard(model);
  warmBoardLayout(model);
  warmFollowUpFigures(model);
  if (deadlineRules !== undefined) warmDeadlines(model, deadlineRules);
}

const METHODS: readonly CountingMethod[] = ['legal', 'statistical'];

/**
 * Fills the cached deadlines of every row for `rules` under both counting methods. Filled lazily,
 * the first query per municipality and method computed them for its whole table (the p99 of a
 * single-municipality board); the scans recompute only rows rewritten since.
 */
export function warmDeadlines(model: ProjectionModel, rules: DeadlineRules): void {
  const index = queryIndexOf(model);
  for (const method of METHODS) {
    const calendar = calendarFor(rules, method);
    for (const tables of index.tables.values()) {
      warmNotificationDeadlines(tables.notifications, calendar);
      warmInvestigationDeadlines(tables.investigations, calendar);
    }
  }
}

// Same caches and keys as the scans below; only rows whose receipt (and opening) exist.
function warmNotificationDeadlines(t: NotificationTable, calendar: DeadlineCalendar): void {
  const { day: rDay, recordedAt: rRec } = t.receipt;
  const [deadline, deadlineFor] = t.deadlines.get(calendar, t.capacity);
  for (let i = 0, n = t.length; i < n; i++) {
    const receivedDay = rDay[i];
    if (rRec[i] === Infinity || deadlineFor[i] === receivedDay) continue;
    deadline[i] = calendar.reviewDeadline(receivedDay);
    deadlineFor[i] = receivedDay;
  }
}

function warmInvestigationDeadlines(t: InvestigationTable, calendar: DeadlineCalendar): void {
  const { day: rDay, recordedAt: rRec } = t.receipt;
  const { day: oDay, recordedAt: oRec } = t.opening;
  const [ordinary, extended, forReceived, forOpened] = t.deadlines.get(calendar, t.capacity);
  for (let i = 0, n = t.length; i < n; i++) {
    const receivedDay = rDay[i];
    const openedDay = oDay[i];
    if (rRec[i] === Infinity || oRec[i] === Infinity || (forReceived[i] === receivedDay && forOpened[i] === openedDay)) continue;
    const computed = calendar.investigationDeadlines(receivedDay, openedDay);
    ordinary[i] = computed.ordinary;
    extended[i] = computed.extended;
    forReceived[i] = receivedDay;
    forOpened[i] = openedDay;
  }
}

/** `scope`: the municipalities covered (sorted, no duplicates, see scope.ts); null = every one. */
export function scan(
  model: ProjectionModel,
  scope: readonly string[] | null,
  view: View,
  calendar: DeadlineCalendar,
  sink: ItemSink,
): void {
  if (engine === 'legacy') {
    for (const [record, symbol] of casesInScope(model, scope, view))
      feedResolved(record, resolveCase(model, record, symbol, view, calendar), sink);
    return;
  }
  const index = queryIndexOf(model);
  if (scope === null) {
    for (const tables of index.tables.values()) scanTables(tables, view, calendar, sink);
    for (const record of index.complex) {
      const symbol = municipalityOf(record, view);
      if (symbol !== null) feedResolved(record, resolveCase(model, record, symbol, view, calendar), sink);
    }
    return;
  }
  for (const symbol of symbolsOf(model, scope)) {
    const tables = index.tablesOf(symbol);
    if (tables !== undefined) scanTables(tables, view, calendar, sink);
    // a complex case listed under several municipalities is fed only under the one the view gives it.
    // The complex list, not the municipality's cases: visiting every case of a large municipality
    // to find its few complex ones was a cache miss per case.
    for (const record of index.complex) {
      if (record.municipalities.includes(symbol) && municipalityOf(record, view) === symbol)
        feedResolved(record, resolveCase(model, record, symbol, view, calendar), sink);
    }
  }
}

/** The scope's municipalities the model has seen, as symbols (distinct, since the scope is). */
function symbolsOf(model: ProjectionModel, scope: readonly string[]): number[] {
  const symbols: number[] = [];
  for (const name of scope) {
    const symbol = model.symbols.lookup(name);
    if (symbol !== undefined) symbols.push(symbol);
  }
  return symbols;
}

function scanTables(tables: MunicipalityTables, view: View, calendar: DeadlineCalendar, sink: ItemSink): void {
  if (sink.kinds & Kinds.Notifications) scanNotifications(tables.notifications, view, calendar, sink);
  if (sink.kinds & Kinds.Investigations) scanInvestigations(tables.investigations, view, calendar, sink);
  if (sink.kinds & Kinds.Measures) scanSpells(tables.measures, view, sink, false);
  if (sink.kinds & Kinds.Placements) scanSpells(tables.placements, view, sink, true);
}

// A role's fact counts iff recordedAt ≤ K, retractedAt > K and day ≤ D (model/view.ts `counts`).

function scanNotifications(t: NotificationTable, view: View, calendar: DeadlineCalendar, sink: ItemSink): void {
  const K = view.knownAt;
  const D = view.asOfDay;
  const known = t.knownFrom;
  const { day: rDay, recordedAt: rRec, retractedAt: rRet, value: mask, detail: acute } = t.receipt;
  const { day: cDay, recordedAt: cRec, retractedAt: cRet, value: code } = t.conclusion;
  const [deadline, deadlineFor] = t.deadlines.get(calendar, t.capacity);
  const ordinals = t.caseOrdinal;
  const records = t.records;
  const items = t.items;
  const openOnly = sink.openOnly === true;
  for (let i = 0, n = t.length; i < n; i++) {
    const concluded = cDay[i] <= D && cRec[i] <= K && cRet[i] > K;
    if ((openOnly && concluded) || known[i] > K || !(rRec[i] <= K && rRet[i] > K && rDay[i] <= D)) continue;
    const receivedDay = rDay[i];
    if (deadlineFor[i] !== receivedDay) {
      deadline[i] = calendar.reviewDeadline(receivedDay);
      deadlineFor[i] = receivedDay;
    }
    sink.notification(
      ordinals[i],
      records[i],
      items[i],
      receivedDay,
      mask[i],
      acute[i],
      concluded ? cDay[i] : NONE,
      concluded ? code[i] : 0,
      deadline[i],
    );
  }
}

function scanInvestigations(t: InvestigationTable, view: View, calendar: DeadlineCalendar, sink: ItemSink): void {
  const K = view.knownAt;
  const D = view.asOfDay;
  const known = t.knownFrom;
  const { day: rDay, recordedAt: rRec, retractedAt: rRet } = t.receipt;
  const { day: oDay, recordedAt: oRec, retractedAt: oRet } = t.opening;
  const { day: xDay, recordedAt: xRec, retractedAt: xRet } = t.extension;
  const { day: aDay, recordedAt: aRec, retractedAt: aRet, value: approved } = t.assessment;
  const { day: zDay, recordedAt: zRec, retractedAt: zRet, value: outcome } = t.close;
  const [ordinary, extended, forReceived, forOpened] = t.deadlines.get(calendar, t.capacity);
  const ordinals = t.caseOrdinal;
  const records = t.records;
  const items = t.items;
  const openOnly = sink.openOnly === true;
  for (let i = 0, n = t.length; i < n; i++) {
    const closed = zDay[i] <= D && zRec[i] <= K && zRet[i] > K;
    if (openOnly && closed) continue;
    if (known[i] > K || !(oRec[i] <= K && oRet[i] > K && oDay[i] <= D) || !(rRec[i] <= K && rRet[i] > K && rDay[i] <= D)) continue;
    const receivedDay = rDay[i];
    const openedDay = oDay[i];
    if (forReceived[i] !== receivedDay || forOpened[i] !== openedDay) {
      const computed = calendar.investigationDeadlines(receivedDay, openedDay);
      ordinary[i] = computed.ordinary;
      extended[i] = computed.extended;
      forReceived[i] = receivedDay;
      forOpened[i] = openedDay;
    }
    let extensionDay = NONE;
    let assessment: number = Assessment.None;
    let inForce = false;
    if (xRec[i] <= K && xRet[i] > K && xDay[i] <= D) {
      extensionDay = xDay[i];
      assessment =
        aRec[i] <= K && aRet[i] > K && aDay[i] <= D ? (approved[i] === 1 ? Assessment.Approved : Assessment.Rejected) : Assessment.Pending;
      inForce = extensionInForceOnDays(extensionDay, ordinary[i], ASSESSMENTS[assessment]);
    }
    sink.investigation(
      ordinals[i],
      records[i],
      items[i],
      receivedDay,
      openedDay,
      closed ? zDay[i] : NONE,
      closed ? outcome[i] : 0,
      ordinary[i],
      inForce ? extended[i] : ordinary[i],
      extensionDay,
      assessment,
      inForce,
    );
  }
}

function scanSpells(t: SpellTable, view: View, sink: ItemSink, placements: boolean): void {
  const K = view.knownAt;
  const D = view.asOfDay;
  const known = t.knownFrom;
  const { day: sDay, recordedAt: sRec, retractedAt: sRet, value: category, detail: basis } = t.start;
  const { day: eDay, recordedAt: eRec, retractedAt: eRet, value: planned } = t.end;
  const ordinals = t.caseOrdinal;
  for (let i = 0, n = t.length; i < n; i++) {
    if (known[i] > K || !(sRec[i] <= K && sRet[i] > K && sDay[i] <= D)) continue;
    const ended = eRec[i] <= K && eRet[i] > K && eDay[i] <= D;
    if (placements) sink.placement(ordinals[i], category[i], basis[i], sDay[i], ended ? eDay[i] : NONE, ended ? planned[i] : -1);
    else sink.measure(ordinals[i], category[i], basis[i], sDay[i], ended ? eDay[i] : NONE);
  }
}

function feedResolved(record: CaseRecord, c: ResolvedCase, sink: ItemSink): void {
  if (sink.kinds & Kinds.Notifications) {
    for (const n of c.notifications) {
      sink.notification(
        record.ordinal,
        record,
        n,
        n.receivedDay,
        n.reporterMask,
        n.acute ? 1 : 0,
        n.concludedDay ?? NONE,
        n.conclusionCode,
        n.reviewDeadlineDay,
      );
    }
  }
  if (sink.kinds & Kinds.Investigations) {
    for (const u of c.investigations) {
      const x = u.extension;
      const assessment = x === null ? Assessment.None : ASSESSMENTS.indexOf(x.assessment);
      sink.investigation(
        record.ordinal,
        record,
        u,
        u.receivedDay,
        u.openedDay,
        u.closedDay ?? NONE,
        u.outcomeCode,
        u.ordinaryDeadlineDay,
        u.deadlineDay,
        x?.decidedDay ?? NONE,
        assessment,
        x?.inForce ?? false,
      );
    }
  }
  if (sink.kinds & Kinds.Measures)
    for (const m of c.measures) sink.measure(record.ordinal, m.categorySymbol, m.basisCode, m.startDay, m.endDay ?? NONE);
  if (sink.kinds & Kinds.Placements) {
    for (const p of c.placements)
      sink.placement(
        record.ordinal,
        p.categorySymbol,
        p.basisCode,
        p.startDay,
        p.endDay ?? NONE,
        p.planned === null ? -1 : p.planned ? 1 : 0,
      );
  }
}
