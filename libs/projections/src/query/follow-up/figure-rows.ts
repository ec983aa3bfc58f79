import * as domain from '@fristvakt/domain';
import { followUpRuleSetForDay, type DayRange, type FollowUpRuleSet, type FollowUpTimeline } from '@fristvakt/domain';
import * as figureRows from '../../indexed/follow-up-figure-rows';
import type { FigurePeriod, RowColumns } from '../../indexed/follow-up-figure-rows';
import { queryIndexOf, type QueryIndex } from '../../indexed/query-index';
import { fromEpochDay } from '../../model/epoch-day';
import type { CaseRecord, ProjectionModel } from '../../model/model';
import { LATEST, seesEverything, type View } from '../../model/view';
import { parsePeriod, periodDays } from '../period';
import { queryEngine } from '../scan';
import { endOfOsloDayMs } from '../time-params';
import { askOwnRules, type FollowUpTallies, type RowOrder } from './follow-up-tallies';
import { resolveFollowUp } from './resolve-follow-up';
import { followUpTimelineFor } from './timeline-as-of';

const { followUpCountWindow, mayCountForFollowUpIn, supervisionRequirementFor, supervisionVisitRequirements } = domain;
const { MAX_ROW_COUNT, RowFlag } = figureRows;

/*
 * The follow-up section from the rows precomputed per child and calendar period
 * (indexed/follow-up-figure-rows.ts): a query over a month, quarter, half-year or year, with
 * the default rules and the count date at the period end, adds the rows valid at its knownAt and
 * asks the rules per query only about the other children. The rows hold what the same domain
 * functions answered on the child's latest timeline and, for a knownAt from the period's end up
 * to a row's `validFrom`, on the timeline such a view sees (`writeCutRows`); the legacy engine
 * reads none of them.
 */

/** `validFrom` of a row that answers only views that see everything (`seesEverything`); above any recording time */
const SEES_EVERYTHING = Number.MAX_VALUE;

/** The knownAt the rows are read at: a view that sees everything reads every row, any other none of those above. */
export function rowsKnownAt(model: ProjectionModel, view: View): number {
  return seesEverything(model, view) ? SEES_EVERYTHING : Math.min(view.knownAt, SEES_EVERYTHING / 2);
}

/** Years of periods computed ahead by `warmFollowUpFigures` (older ones are computed on their first query). */
const WARM_YEARS = 4;

/** The rows for a query's period, brought up to date; null where the query must ask the rules for every child. */
export function figureRowsFor(
  model: ProjectionModel,
  frame: { fromDay: number; endDay: number; view: View },
  ruleSet: FollowUpRuleSet,
): FigurePeriod | null {
  const { fromDay, endDay, view } = frame;
  // the rows count on the period end: an asOf before it moves the count date
  if (queryEngine() !== 'indexed' || view.asOfDay < endDay || !isCalendarPeriod(fromDay, endDay)) return null;
  const index = queryIndexOf(model);
  const rows = index.followUpFigures.period(fromDay, endDay, ruleSet);
  if (rows !== null) refreshRows(model, index, rows);
  return rows;
}

/** A month, quarter, half-year or year (the named periods of period.ts). */
function isCalendarPeriod(fromDay: number, endDay: number): boolean {
  const from = fromEpochDay(fromDay);
  if (!from.endsWith('-01')) return false;
  const year = from.slice(0, 4);
  const month = Number(from.slice(5, 7));
  const names = [`${year}-${from.slice(5, 7)}`];
  if ((month - 1) % 3 === 0) names.push(`${year}-Q${(month + 2) / 3}`);
  if (month === 1 || month === 7) names.push(`${year}-H${month === 1 ? 1 : 2}`);
  if (month === 1) names.push(year);
  return names.some((name) => periodDays(parsePeriod(name)).toDay === endDay);
}

function refreshRows(model: ProjectionModel, index: QueryIndex, rows: FigurePeriod): void {
  const pending = rows.takePending();
  if (pending.length === 0) return;
  const window = followUpCountWindow(rows.fromDay, rows.endDay);
  const knownAtEnd = knownAtPeriodEnd(rows);
  for (const slot of pending) {
    rows.clear(slot);
    writeRow(model, index, rows, window, knownAtEnd, slot);
  }
}

/** The knownAt of "as known at the period's end": the end of its last Oslo day. */
function knownAtPeriodEnd(rows: FigurePeriod): number {
  return endOfOsloDayMs(fromEpochDay(rows.endDay));
}

function writeRow(model: ProjectionModel, index: QueryIndex, rows: FigurePeriod, window: DayRange, knownAtEnd: number, slot: number): void {
  const record = index.followUpFigures.records[slot];
  const ordinal = record.ordinal;
  // not active in the window even on the latest timeline: the per-query filter skips it cheaply
  if (record.municipalities.length !== 1 || !index.followUp.mayBeActive(ordinal, Number.MAX_VALUE, window.startDay, window.endDay)) return;
  // the knownAt from which a view sees the case, and every fact up to the period end, as the latest
  // timeline does; where the cut is not exact, only a view that sees everything reads the latest timeline
  const knownFrom = index.followUp.knownFrom[ordinal];
  const exactFrom = index.followUpCuts.exactFrom(ordinal, rows.endDay);
  if (knownFrom === Infinity) return;
  const validFrom = Math.max(knownFrom, exactFrom === Infinity ? SEES_EVERYTHING : exactFrom);
  const municipality = record.municipalities[0];
  const child = resolveFollowUp(model, record, municipality, LATEST);
  if (mayCountForFollowUpIn(child, window) && !writeAnswers(model, rows, rows, slot, municipality, child)) return;
  rows.validFrom[slot] = validFrom;
  if (validFrom > knownAtEnd) writeCutRows(model, index, rows, window, knownAtEnd, slot);
}

/** Rows per knownAt range kept for one child and period at most; a knownAt past them is asked per query. */
const MAX_CUT_ROWS = 8;

/** How long after the period's end (ms) a knownAt range may start to get a row: the reporting quarter after it. */
const CUT_ROWS_HORIZON = 92 * 86_400_000;

/**
 * Rows for the knownAt ranges from the period's end up to the row's `validFrom`, for a child whose
 * facts were not all recorded by then: "the figures as known at the period's end", and the views a
 * few weeks later, which otherwise ask the rules about each such child on every query. Each row is
 * computed on the timeline the query's own path gives a view at the start of its range
 * (`followUpTimelineFor`) and answers every knownAt of the range, for views with asOf from
 * `asOfFrom` on:
 *   - a case the index cuts (follow-up-cuts.ts) whose receipt giving the birth year was recorded
 *     by the period's end: by the same count-date property as the row's, what the rules answer
 *     for the period changes only where a fact dated up to its end is recorded; for an asOf from
 *     that receipt's day on (the period end where it lies before);
 *   - any other case of one municipality: the view's facts change only where one of them is
 *     recorded or retracted, and no asOf from the case's last fact day on leaves any out.
 */
function writeCutRows(
  model: ProjectionModel,
  index: QueryIndex,
  rows: FigurePeriod,
  window: DayRange,
  knownAtEnd: number,
  slot: number,
): void {
  const record = index.followUpFigures.records[slot];
  const ordinal = record.ordinal;
  const cuts = index.followUpCuts;
  const knownFrom = index.followUp.knownFrom[ordinal];
  const from = Math.max(knownAtEnd, knownFrom);
  // cut by the count-date property only where every view of the ranges reads the birth year the latest timeline does
  const cut = cuts.recordedBy[ordinal] !== null && cuts.birthRecordedAt[ordinal] <= from;
  const to = Math.min(rows.validFrom[slot], SEES_EVERYTHING);
  const last = knownAtEnd + CUT_ROWS_HORIZON;
  let asOfFrom = cut ? Math.max(rows.endDay, cuts.birthDay[ordinal]) : -Infinity;
  const changes: number[] = [];
  const change = (at: number) => {
    if (at > from && at < to) changes.push(at);
  };
  for (const item of record.items)
    for (const fact of item.facts) {
      if (fact.owner !== item) continue;
      if (cut) {
        if (fact.day <= rows.endDay) change(fact.recordedAt);
        continue;
      }
      change(fact.recordedAt);
      change(fact.retractedAt);
      asOfFrom = Math.max(asOfFrom, fact.day);
    }
  changes.sort((x, y) => x - y);
  changes.push(to);
  const municipality = record.municipalities[0];
  const target = rows.cuts;
  let start = from;
  for (let i = 0, made = 0; i < changes.length && made < MAX_CUT_ROWS && start < to && start <= last; i++) {
    const end = changes[i];
    if (end <= start) continue;
    const child = followUpTimelineFor(model, record, municipality, { knownAt: start, asOfDay: Number.MAX_SAFE_INTEGER }, cuts);
    const row = target.add(slot, start, end, asOfFrom);
    made++;
    if (mayCountForFollowUpIn(child, window) && !writeAnswers(model, rows, target, row, municipality, child)) {
      target.to[row] = start; // a row cannot hold the answers: asked per query from here on
      return;
    }
    start = end;
  }
}

const everyMunicipality = (): boolean => true;

/** The rules' answers for the child as a row; false where a row cannot hold them (a count too large). */
function writeAnswers(
  model: ProjectionModel,
  period: FigurePeriod,
  rows: RowColumns & { crossing: Set<number> },
  slot: number,
  municipality: number,
  child: FollowUpTimeline,
): boolean {
  const { fromDay, endDay, ruleSet } = period;
  const bySupervisor = supervisionVisitRequirements(child, fromDay, endDay, ruleSet);
  // with several, which of them a query covers decides what counts: the row answers only a query
  // over every municipality, which counts the child's supervision under all of them as its own
  const several = bySupervisor.size > 1;
  const supervision = supervisionRequirementFor(child, bySupervisor, everyMunicipality, endDay, ruleSet);
  const supervisor = supervision === null || several ? municipality : model.symbols.lookup(bySupervisor.keys().next().value!);
  const own = askOwnRules(child, fromDay, endDay, ruleSet);
  const counts = [own.visits.required, own.visits.held, supervision?.required ?? 0, supervision?.held ?? 0];
  if (supervisor === undefined || Math.max(counts[0], counts[1], counts[2], counts[3]) > MAX_ROW_COUNT) return false;
  let f = 0;
  if (own.help.inHelpMeasures) f |= RowFlag.Plans | (own.help.withPlan ? RowFlag.PlansMet : 0);
  if (own.help.evaluationDue) f |= RowFlag.Evaluated | (own.help.evaluated ? RowFlag.EvaluatedMet : 0);
  if (own.care.underCare) f |= RowFlag.CarePlans | (own.care.withPlan ? RowFlag.CarePlansMet : 0);
  if (own.visitsCount) f |= RowFlag.Visits | (own.visits.met ? RowFlag.VisitsMet : 0);
  if (own.after.onCountDate) f |= RowFlag.OnCountDate;
  if (own.after.duringYear) f |= RowFlag.Aftercare | (own.after.accepted ? RowFlag.AftercareMet : 0);
  if (own.after.offered) f |= RowFlag.Offered;
  if (supervision !== null) f |= RowFlag.Supervision | (supervision.met ? RowFlag.SupervisionMet : 0);
  if (several) f |= RowFlag.EveryMunicipality;
  rows.flags[slot] = f;
  rows.visitsRequired[slot] = counts[0];
  rows.visitsHeld[slot] = counts[1];
  rows.supervisionRequired[slot] = counts[2];
  rows.supervisionHeld[slot] = counts[3];
  if (supervisor !== municipality) {
    rows.supervisor[slot] = supervisor;
    rows.crossing.add(slot);
  }
  return true;
}

/**
 * Adds the rows valid for the view for the scope (null: every municipality) and returns which
 * cases they answered, for the per-query pass to skip. A row counts its own figures under its
 * case's municipality and its supervision under the municipality supervising the child, or as
 * `elsewhere` for a scope that covers the case but not its supervisor (as the per-query pass does).
 */
export function addRows(
  model: ProjectionModel,
  rows: FigurePeriod,
  scope: readonly string[] | null,
  view: View,
  tallies: FollowUpTallies,
): (ordinal: number) => boolean {
  const index = queryIndexOf(model);
  const knownAt = rowsKnownAt(model, view);
  const { slotOf, records, ordinalOf } = index.followUpFigures;
  const { validFrom, flags, cuts } = rows;
  const anyCuts = cuts.slots > 0;
  const asOfDay = view.asOfDay;
  // rows of children with several supervisors answer only a query over every municipality
  const skip = scope === null ? 0 : RowFlag.EveryMunicipality;
  const addList = (list: CaseRecord[]): void => {
    const ordinals = index.followUp.ordinalsOf(list);
    for (let i = 0; i < list.length; i++) {
      const slot = slotOf[ordinals[i]];
      if (slot < 0) continue;
      if (validFrom[slot] <= knownAt) {
        if (flags[slot] !== 0 && (flags[slot] & skip) === 0) tallies.addOwnRow(rows, slot, ordinals[i]);
      } else if (anyCuts) {
        const row = cuts.rowAt(slot, knownAt, asOfDay);
        if (row >= 0 && cuts.flags[row] !== 0 && (cuts.flags[row] & skip) === 0) tallies.addOwnRow(cuts, row, ordinals[i]);
      }
    }
  };
  let symbols: number[] | null = null;
  if (scope === null) for (const list of model.followUpCases.values()) addList(list);
  else {
    symbols = [];
    for (const name of scope) {
      const symbol = model.symbols.lookup(name);
      if (symbol === undefined) continue;
      symbols.push(symbol);
      addList(model.followUpCases.get(symbol) ?? []);
    }
  }
  for (const slot of rows.crossing) if (validFrom[slot] <= knownAt) addCrossing(rows, slot, slot);
  for (const row of cuts.crossing) {
    const slot = cuts.slotOf[row];
    if (validFrom[slot] > knownAt && cuts.answers(row, knownAt, asOfDay)) addCrossing(cuts, row, slot);
  }
  return (ordinal) => {
    const slot = ordinal < slotOf.length ? slotOf[ordinal] : -1;
    if (slot < 0) return false;
    if (validFrom[slot] <= knownAt) return (flags[slot] & skip) === 0;
    const row = anyCuts ? cuts.rowAt(slot, knownAt, asOfDay) : -1;
    return row >= 0 && (cuts.flags[row] & skip) === 0;
  };

  /** A row whose supervision another municipality than the case's own counts. */
  function addCrossing(columns: RowColumns, row: number, slot: number): void {
    const ordinal = ordinalOf[slot];
    if (symbols === null || symbols.includes(columns.supervisor[row])) tallies.addSupervisionRow(columns, row, ordinal);
    else if (symbols.includes(records[slot].municipalities[0]))
      tallies.elsewhere.addRow((columns.flags[row] & RowFlag.SupervisionMet) !== 0, ordinal);
  }
}

/** How the tallies sort the rows' misses by case id. */
export function rowOrderOf(index: QueryIndex): RowOrder {
  const { caseOrder } = index;
  return { rank: caseOrder.rank, caseIds: caseOrder.caseIds };
}

/**
 * Computes the rows of every month, half-year and year of the last WARM_YEARS years the follow-up
 * facts span (up to the year after the last fact), ahead of the first query, as prepareQueries
 * builds the other tables. A quarter, or an older period, gets its rows on its first query.
 */
export function warmFollowUpFigures(model: ProjectionModel): void {
  const index = queryIndexOf(model);
  let first = Infinity;
  let last = -Infinity;
  for (const record of index.followUpFigures.records) {
    const from = index.followUp.from[record.ordinal];
    const lastDay = index.followUpCuts.lastDay[record.ordinal];
    if (Number.isFinite(from)) first = Math.min(first, from);
    if (Number.isFinite(lastDay)) last = Math.max(last, lastDay);
  }
  if (!Number.isFinite(first) || !Number.isFinite(last)) return;
  // and the year after the last fact: a year still running may have none yet, but children open in it
  const lastYear = Number(fromEpochDay(last).slice(0, 4)) + 1;
  const firstYear = Math.max(Number(fromEpochDay(first).slice(0, 4)), lastYear - WARM_YEARS + 1);
  for (let year = firstYear; year <= lastYear; year++) {
    const names = [`${year}`, `${year}-H1`, `${year}-H2`];
    for (let month = 1; month <= 12; month++) names.push(`${year}-${String(month).padStart(2, '0')}`);
    for (const name of names) {
      const { fromDay, toDay } = periodDays(parsePeriod(name));
      index.followUpFigures.period(fromDay, toDay, followUpRuleSetForDay(toDay));
    }
  }
  // child by child through every period: each child's timeline is read while it is in the cache
  const periods = [...index.followUpFigures.all()];
  const windows = periods.map((rows) => followUpCountWindow(rows.fromDay, rows.endDay));
  const ends = periods.map(knownAtPeriodEnd);
  for (let slot = 0; slot < index.followUpFigures.records.length; slot++) {
    for (let p = 0; p < periods.length; p++) {
      if (!periods[p].isDirty(slot)) continue;
      periods[p].clear(slot);
      writeRow(model, index, periods[p], windows[p], ends[p], slot);
    }
  }
  for (const rows of periods) rows.settled();
}
