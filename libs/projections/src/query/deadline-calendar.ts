import {
  investigationDeadlines,
  reviewDeadline,
  ruleSetFor,
  type CountingMethod,
  type DeadlineRules,
  type RuleSet,
} from '@fristvakt/domain';
import { fromEpochDay, toEpochDay } from '../model/epoch-day';
import { remembered } from './remembered';

/**
 * The domain's deadline functions, memoised per (rules, method) on epoch days. A query over a
 * million events asks for the same few thousand receipt/opening dates again and again; the domain
 * stays the single place that knows the law, this only remembers its answers.
 */
export class DeadlineCalendar {
  private readonly ruleSets = new Map<number, RuleSet>();
  private readonly reviews = new Map<number, number>();
  private readonly investigations = new Map<number, Map<number, { ordinary: number; extended: number }>>();

  constructor(
    readonly rules: DeadlineRules,
    readonly method: CountingMethod,
  ) {}

  ruleSet(receivedDay: number): RuleSet {
    let ruleSet = this.ruleSets.get(receivedDay);
    if (ruleSet === undefined) {
      ruleSet = ruleSetFor(fromEpochDay(receivedDay), this.rules);
      this.ruleSets.set(receivedDay, ruleSet);
    }
    return ruleSet;
  }

  reviewDeadline(receivedDay: number): number {
    let deadline = this.reviews.get(receivedDay);
    if (deadline === undefined) {
      deadline = toEpochDay(reviewDeadline(fromEpochDay(receivedDay), this.ruleSet(receivedDay), this.method));
      this.reviews.set(receivedDay, deadline);
    }
    return deadline;
  }

  investigationDeadlines(receivedDay: number, openedDay: number): { ordinary: number; extended: number } {
    let byOpened = this.investigations.get(receivedDay);
    if (byOpened === undefined) {
      byOpened = new Map();
      this.investigations.set(receivedDay, byOpened);
    }
    let deadlines = byOpened.get(openedDay);
    if (deadlines === undefined) {
      const computed = investigationDeadlines(
        { receivedDate: fromEpochDay(receivedDay), openedDate: fromEpochDay(openedDay) },
        this.ruleSet(receivedDay),
        this.method,
      );
      deadlines = { ordinary: toEpochDay(computed.ordinary), extended: toEpochDay(computed.extended) };
      byOpened.set(openedDay, deadlines);
    }
    return deadlines;
  }
}

const calendars = new WeakMap<DeadlineRules, Map<CountingMethod, DeadlineCalendar>>();

/** One calendar per rules object and method, kept as long as the rules object lives. */
export function calendarFor(rules: DeadlineRules, method: CountingMethod): DeadlineCalendar {
  return remembered(calendars, rules, method, () => new DeadlineCalendar(rules, method));
}
