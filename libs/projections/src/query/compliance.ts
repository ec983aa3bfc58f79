import * as domain from '@fristvakt/domain';
import { followUpRuleSetFor } from '@fristvakt/domain';
import { fromEpochDay } from '../model/epoch-day';
import type { CaseRecord, ProjectionModel } from '../model/model';
import { calendarFor } from './deadline-calendar';
import { DurationTally } from './durations';
import { frameOf, type FiguresFrame, type FiguresQuery } from './figures-query';
import { FOLLOW_UP_SHARES, FOLLOW_UP_SUMS, followUpSection, withoutCaseIds, type FollowUpSection } from './follow-up/follow-up-figures';
import { Assessment, Kinds, NONE, scan, type ItemRef, type ItemSink } from './scan';
import { share, type DurationSummary } from './stats';
import { suppressSmallCounts, type AdditiveRelation, type Suppressed } from './suppression';

// Module-local copies: the sink runs per row, and each call through the package's export bindings is a getter call (as in model/view.ts).
const { extensionDecidedInTimeOnDays, isOnTimeOnDays, isOverdueOnDays } = domain;

export type ComplianceQuery = FiguresQuery;

export interface ComplianceAnswer {
  period: { from: string; to: string };
  /** the one municipality covered; null when the figures cover several or all */
  municipality: string | null;
  /** every municipality the figures cover, as one population (medians over the union); null = all */
  municipalities: string[] | null;
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
  /** after the investigation (DOMAIN.md §7): plans, visits, supervision, aftercare; children */
  followUp: FollowUpSection;
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
  return suppressSmallCounts(
    { ...answer, followUp: withoutCaseIds(answer.followUp) },
    {
      'reviews.onTimeShare': ['reviews.onTime', 'reviews.concluded'],
      'investigations.breachShare': ['investigations.breached', 'investigations.closed'],
      'investigations.withinDeadlineShare': ['investigations.onTime', 'investigations.closed'],
      ...FOLLOW_UP_SHARES,
    },
    { relations: [...COMPLIANCE_SUMS, ...FOLLOW_UP_SUMS] },
  );
}

/** Figures of a compliance answer that add up, for complementary suppression (a summary's `n` counts what it summarises). */
const COMPLIANCE_SUMS: readonly AdditiveRelation[] = [
  { total: 'reviews.concluded', parts: ['reviews.onTime', 'reviews.late'] },
  { total: 'reviews.concluded', parts: ['reviews.durationDays'] },
  { total: 'investigations.closed', parts: ['investigations.onTime', 'investigations.breached'] },
  { total: 'investigations.closed', parts: ['investigations.durationDays'] },
  { total: 'investigations.closed', parts: ['investigations.durationFromReceiptDays'] },
];

class ComplianceSink implements ItemSink {
  readonly kinds = Kinds.Notifications | Kinds.Investigations;
  concluded = 0;
  reviewsOnTime = 0;
  reviewsOpenAtEnd = 0;
  reviewsOpenOverdue = 0;
  readonly reviewDurations = new DurationTally();
  closed = 0;
  investigationsOnTime = 0;
  extended = 0;
  breachedExtended = 0;
  tooLate = 0;
  rejected = 0;
  investigationsOpenAtEnd = 0;
  investigationsOpenOverdue = 0;
  readonly durations = new DurationTally();
  readonly fromReceipt = new DurationTally();

  constructor(
    private readonly fromDay: number,
    private readonly toDay: number,
    private readonly endDay: number,
  ) {}

  notification(
    _ordinal: number,
    _r: CaseRecord,
    _item: ItemRef,
    receivedDay: number,
    _mask: number,
    _acute: number,
    concludedDay: number,
    _code: number,
    deadlineDay: number,
  ): void {
    if (concludedDay >= this.fromDay && concludedDay <= this.toDay) {
      this.concluded++;
      if (isOnTimeOnDays(concludedDay, deadlineDay)) this.reviewsOnTime++;
      this.reviewDurations.add(concludedDay - receivedDay);
    }
    if (receivedDay <= this.endDay && concludedDay > this.endDay) {
      this.reviewsOpenAtEnd++;
      if (isOverdueOnDays(deadlineDay, this.endDay)) this.reviewsOpenOverdue++;
    }
  }

  investigation(
    _ordinal: number,
    _r: CaseRecord,
    _item: ItemRef,
    receivedDay: number,
    openedDay: number,
    closedDay: number,
    _outcome: number,
    ordinaryDeadlineDay: number,
    deadlineDay: number,
    extensionDay: number,
    assessment: number,
    inForce: boolean,
  ): void {
    if (closedDay >= this.fromDay && closedDay <= this.toDay) {
      this.closed++;
      const onTime = isOnTimeOnDays(closedDay, deadlineDay);
      if (onTime) this.investigationsOnTime++;
      if (inForce) {
        this.extended++;
        if (!onTime) this.breachedExtended++;
      }
      if (extensionDay !== NONE && !extensionDecidedInTimeOnDays(extensionDay, ordinaryDeadlineDay)) this.tooLate++;
      if (assessment === Assessment.Rejected) this.rejected++;
      this.durations.add(closedDay - openedDay);
      this.fromReceipt.add(closedDay - receivedDay);
    }
    if (openedDay <= this.endDay && closedDay > this.endDay) {
      this.investigationsOpenAtEnd++;
      if (isOverdueOnDays(deadlineDay, this.endDay)) this.investigationsOpenOverdue++;
    }
  }

  measure(): void {}
  placement(): void {}
}

function computeCompliance(model: ProjectionModel, query: ComplianceQuery, frame: FiguresFrame): ComplianceAnswer {
  const t = new ComplianceSink(frame.fromDay, frame.toDay, frame.endDay);
  scan(model, frame.scope, frame.view, calendarFor(query.rules, query.method), t);
  const { concluded, reviewsOnTime, closed, investigationsOnTime } = t;
  return {
    ...frame.echo,
    reviews: {
      concluded,
      onTime: reviewsOnTime,
      late: concluded - reviewsOnTime,
      onTimeShare: share(reviewsOnTime, concluded),
      openAtEnd: t.reviewsOpenAtEnd,
      openOverdueAtEnd: t.reviewsOpenOverdue,
      durationDays: t.reviewDurations.summary(),
    },
    investigations: {
      closed,
      onTime: investigationsOnTime,
      breached: closed - investigationsOnTime,
      breachShare: share(closed - investigationsOnTime, closed),
      withinDeadlineShare: share(investigationsOnTime, closed),
      extended: t.extended,
      breachedExtended: t.breachedExtended,
      extensionTooLate: t.tooLate,
      extensionRejected: t.rejected,
      openAtEnd: t.investigationsOpenAtEnd,
      openOverdueAtEnd: t.investigationsOpenOverdue,
      durationDays: t.durations.summary(),
      durationFromReceiptDays: t.fromReceipt.summary(),
    },
    followUp: followUpSection(
      model,
      { fromDay: frame.fromDay, endDay: frame.endDay, view: frame.view, scope: frame.scope },
      followUpRuleSetFor(fromEpochDay(frame.endDay), query.followUpRules),
    ),
    units: { reviews: 'notifications', investigations: 'investigations', durations: 'days' },
  };
}
