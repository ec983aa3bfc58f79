import { type CountingMethod, type DeadlineRules, type DeadlineStatus, type RuleSetId } from '@fristvakt/domain';
import { fromEpochDay } from '../model/epoch-day';
import type { ProjectionModel } from '../model/model';
import { calendarFor } from './deadline-calendar';
import { casesInScope, resolveCase } from './resolve';
import { parseAsOf, parseKnownAt } from './time-params';

export type DeadlineKind = 'review' | 'investigation';

export interface DeadlinesQuery {
  municipality?: string;
  status?: DeadlineStatus;
  kind?: DeadlineKind;
  /** date or instant; only events that occurred by then count, statuses are measured on that date */
  asOf: string;
  /** instant (or date = end of that Oslo day); only events recorded by then count */
  knownAt?: string | null;
  method: CountingMethod;
  rules: DeadlineRules;
}

export interface DeadlineItem {
  kind: DeadlineKind;
  caseId: string;
  municipality: string;
  /** notificationId for a review, investigationId for an investigation */
  id: string;
  /** the deadline in force */
  deadline: string;
  status: DeadlineStatus;
  /** deadline − asOf in days; negative when overdue */
  daysLeft: number;
  ruleSet: RuleSetId;
  /** the date the clock runs from: receipt for a review, opening for an investigation */
  since: string;
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

/**
 * Fristoversikt: every review and investigation still open on `asOf`, with its deadline in force
 * and status. Overdue first, then by deadline, then case and id so equal deadlines keep a stable order.
 */
export function deadlines(model: ProjectionModel, query: DeadlinesQuery): DeadlinesAnswer {
  const asOf = parseAsOf(query.asOf);
  const view = { knownAt: query.knownAt == null ? Number.MAX_VALUE : parseKnownAt(query.knownAt), asOfDay: asOf.day };
  const calendar = calendarFor(query.rules, query.method);
  const { review: reviewSoon, investigation: investigationSoon } = query.rules.dueSoonDays;
  const items: (DeadlineItem & { deadlineDay: number })[] = [];

  for (const [record, municipality] of casesInScope(model, query.municipality, view)) {
    const c = resolveCase(model, record, municipality, view, calendar);
    if (query.kind !== 'investigation') {
      for (const n of c.notifications) {
        if (n.concludedDay !== null) continue;
        const { status, daysLeft } = statusOf(n.reviewDeadlineDay, asOf.day, reviewSoon);
        if (query.status !== undefined && status !== query.status) continue;
        items.push({ kind: 'review', caseId: c.caseId, municipality: c.municipality, id: n.id, deadline: fromEpochDay(n.reviewDeadlineDay), deadlineDay: n.reviewDeadlineDay, status, daysLeft, ruleSet: n.ruleSet, since: fromEpochDay(n.receivedDay) });
      }
    }
    if (query.kind !== 'review') {
      for (const u of c.investigations) {
        if (u.closedDay !== null) continue;
        const { status, daysLeft } = statusOf(u.deadlineDay, asOf.day, investigationSoon);
        if (query.status !== undefined && status !== query.status) continue;
        const extension =
          u.extension === null
            ? null
            : { decidedDate: fromEpochDay(u.extension.decidedDay), status: u.extension.assessment, inForce: u.extension.inForce };
        items.push({ kind: 'investigation', caseId: c.caseId, municipality: c.municipality, id: u.id, deadline: fromEpochDay(u.deadlineDay), deadlineDay: u.deadlineDay, status, daysLeft, ruleSet: u.ruleSet, since: fromEpochDay(u.openedDay), extension });
      }
    }
  }

  items.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.deadlineDay - b.deadlineDay ||
      (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return {
    asOf: asOf.date,
    knownAt: query.knownAt ?? null,
    method: query.method,
    items: items.map(({ deadlineDay: _day, ...item }) => item),
  };
}

/**
 * The domain's `deadlineStatus` on epoch days (it parses date strings, too slow for a board of
 * thousands); the property test holds this to the domain function through the reference.
 */
function statusOf(deadlineDay: number, asOfDay: number, dueSoonDays: number): { status: DeadlineStatus; daysLeft: number } {
  const daysLeft = deadlineDay - asOfDay;
  return { status: daysLeft < 0 ? 'overdue' : daysLeft <= dueSoonDays ? 'due_soon' : 'ok', daysLeft };
}
