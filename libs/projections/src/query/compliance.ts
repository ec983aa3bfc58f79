import type { ProjectionModel } from '../model/model';
import { calendarFor } from './deadline-calendar';
import { frameOf, type FiguresFrame, type FiguresQuery } from './figures-query';
import { casesInScope, resolveCase } from './resolve';
import { share, summarise, type DurationSummary } from './stats';
import { suppressSmallCounts, type Suppressed } from './suppression';

export type ComplianceQuery = FiguresQuery;

export interface ComplianceAnswer {
  period: { from: string; to: string };
  municipality: string | null;
  method: 'legal' | 'statistical';
  knownAt: string | null;
  asOf: string | null;
  /** the date "at end" figures are measured on: min(period end, asOf) */
  measuredAt: string;
  /** Meldinger gjennomgått innen fristen: reviews concluded in the period (notifications) */
  reviews: {
    concluded: number | null;
    onTime: number | null;
    late: number | null;
    onTimeShare: number | null;
    openAtEnd: number | null;
    openOverdueAtEnd: number | null;
    /** conclusion date − receipt date, reviews concluded in the period */
    durationDays: DurationSummary;
  };
  /** Fristbrudd i undersøkelser (Bufdir): investigations closed in the period (investigations) */
  investigations: {
    closed: number | null;
    onTime: number | null;
    breached: number | null;
    breachShare: number | null;
    /** KOSTRA «andel undersøkelser innen fristen»: 1 − breachShare */
    withinDeadlineShare: number | null;
    /** closed in the period with an extension in force */
    extended: number | null;
    breachedExtended: number | null;
    /** closed in the period with an extension decided after the ordinary deadline (no cure; flagged) */
    extensionTooLate: number | null;
    /** closed in the period with an extension Statsforvalteren did not approve */
    extensionRejected: number | null;
    openAtEnd: number | null;
    openOverdueAtEnd: number | null;
    /** closing date − opening date, investigations closed in the period */
    durationDays: DurationSummary;
    /** closing date − receipt date of the notification */
    durationFromReceiptDays: DurationSummary;
  };
  units: { reviews: 'notifications'; investigations: 'investigations'; durations: 'days' };
}

/**
 * Compliance indicators for a period (DOMAIN.md §4). Shares are fractions 0–1 at full precision
 * (rounding is presentation; the HTTP layer rounds) and null when the denominator is 0. The
 * breach share counts only investigations closed in the period; open overdue ones are reported
 * separately at the period end, because the official indicator cannot see them.
 */
export function compliance(model: ProjectionModel, query: ComplianceQuery): ComplianceAnswer | (ComplianceAnswer & Suppressed) {
  const frame = frameOf(query);
  const answer = computeCompliance(model, query, frame);
  if (!query.suppressSmallCounts) return answer;
  return suppressSmallCounts(answer, {
    'reviews.onTimeShare': ['reviews.onTime', 'reviews.concluded'],
    'investigations.breachShare': ['investigations.breached', 'investigations.closed'],
    'investigations.withinDeadlineShare': ['investigations.onTime', 'investigations.closed'],
  });
}

function computeCompliance(model: ProjectionModel, query: ComplianceQuery, frame: FiguresFrame): ComplianceAnswer {
  const { fromDay, toDay, endDay, view } = frame;
  const calendar = calendarFor(query.rules, query.method);
  let concluded = 0;
  let reviewsOnTime = 0;
  let reviewsOpenAtEnd = 0;
  let reviewsOpenOverdue = 0;
  const reviewDurations: number[] = [];
  let closed = 0;
  let investigationsOnTime = 0;
  let extended = 0;
  let breachedExtended = 0;
  let tooLate = 0;
  let rejected = 0;
  let investigationsOpenAtEnd = 0;
  let investigationsOpenOverdue = 0;
  const durations: number[] = [];
  const fromReceipt: number[] = [];

  for (const [record, municipality] of casesInScope(model, query.municipality, view)) {
    const c = resolveCase(model, record, municipality, view, calendar);
    for (const n of c.notifications) {
      if (n.concludedDay !== null && n.concludedDay >= fromDay && n.concludedDay <= toDay) {
        concluded++;
        if (n.concludedDay <= n.reviewDeadlineDay) reviewsOnTime++;
        reviewDurations.push(n.concludedDay - n.receivedDay);
      }
      if (n.receivedDay <= endDay && (n.concludedDay === null || n.concludedDay > endDay)) {
        reviewsOpenAtEnd++;
        if (endDay > n.reviewDeadlineDay) reviewsOpenOverdue++;
      }
    }
    for (const u of c.investigations) {
      if (u.closedDay !== null && u.closedDay >= fromDay && u.closedDay <= toDay) {
        closed++;
        const onTime = u.closedDay <= u.deadlineDay;
        if (onTime) investigationsOnTime++;
        if (u.extension?.inForce) {
          extended++;
          if (!onTime) breachedExtended++;
        }
        if (u.extension !== null && u.extension.decidedDay > u.ordinaryDeadlineDay) tooLate++;
        if (u.extension?.assessment === 'rejected') rejected++;
        durations.push(u.closedDay - u.openedDay);
        fromReceipt.push(u.closedDay - u.receivedDay);
      }
      if (u.openedDay <= endDay && (u.closedDay === null || u.closedDay > endDay)) {
        investigationsOpenAtEnd++;
        if (endDay > u.deadlineDay) investigationsOpenOverdue++;
      }
    }
  }

  return {
    ...frame.echo,
    reviews: {
      concluded,
      onTime: reviewsOnTime,
      late: concluded - reviewsOnTime,
      onTimeShare: share(reviewsOnTime, concluded),
      openAtEnd: reviewsOpenAtEnd,
      openOverdueAtEnd: reviewsOpenOverdue,
      durationDays: summarise(reviewDurations),
    },
    investigations: {
      closed,
      onTime: investigationsOnTime,
      breached: closed - investigationsOnTime,
      breachShare: share(closed - investigationsOnTime, closed),
      withinDeadlineShare: share(investigationsOnTime, closed),
      extended,
      breachedExtended,
      extensionTooLate: tooLate,
      extensionRejected: rejected,
      openAtEnd: investigationsOpenAtEnd,
      openOverdueAtEnd: investigationsOpenOverdue,
      durationDays: summarise(durations),
      durationFromReceiptDays: summarise(fromReceipt),
    },
    units: { reviews: 'notifications', investigations: 'investigations', durations: 'days' },
  };
}
