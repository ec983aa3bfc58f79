import { deadlineStatus, extensionInForce, investigationDeadlines, isOnTime, osloDateOf, reviewDeadline, ruleSetFor } from '../deadlines';
import type { CountingMethod, DeadlineRules, DeadlineStatus, LocalDate, RuleSetId } from '../deadlines/api';
import type {
  ClearingReason,
  ExtensionReason,
  InvestigationOutcome,
  MeasureBasis,
  MeasureEndReason,
  PlacementBasis,
  PlacementEndReason,
  ReporterCode,
} from '../events';
import type { FollowUpRules } from '../deadlines/follow-up-rule-sets';
import { followUpTimelineOf } from '../follow-up/timeline';
import type { CaseState, InvestigationState, NotificationState } from './case-state';
import {
  aftercareViews,
  followUpItemViews,
  placementFollowUpView,
  planViews,
  type AftercareOfferView,
  type FollowUpItemView,
  type PlacementFollowUpView,
  type PlanView,
} from './follow-up-view';

/** `GET /v1/cases/{caseId}` (CONTRACT.md §2). */
export interface CaseView {
  caseId: string | null;
  municipality: string | null;
  version: number;
  notifications: NotificationView[];
  investigations: InvestigationView[];
  measures: MeasureView[];
  placements: PlacementView[];
  /** tiltaksplaner, omsorgsplaner, … (DOMAIN.md §7.1, §7.2) */
  plans: PlanView[];
  /** ettervern offers (DOMAIN.md §7.5) */
  aftercare: AftercareOfferView[];
  /** plans, evaluations and visits owed at `asOf`, as on the deadline board (DOMAIN.md §7.6) */
  followUp: FollowUpItemView[];
  retractedEventIds: string[];
  method: CountingMethod;
  asOf: LocalDate;
}

export interface NotificationView {
  notificationId: string;
  receivedAt: string;
  receivedDate: LocalDate;
  reviewDeadline: LocalDate;
  concludedDate: LocalDate | null;
  conclusion: 'investigation' | ClearingReason | null;
  /** null while the review is open */
  onTime: boolean | null;
  /** at `asOf` while open; null once concluded */
  status: DeadlineStatus | null;
  daysLeft: number | null;
  ruleSet: RuleSetId;
  reporters: ReporterCode[];
  acute: boolean;
  childBirthYear: number | null;
}

export type ExtensionStatus = 'pending' | 'approved' | 'rejected';

export interface InvestigationView {
  investigationId: string;
  notificationId: string;
  openedDate: LocalDate;
  /** the deadline in force: the extended one iff the extension is in force */
  deadline: LocalDate;
  ordinaryDeadline: LocalDate;
  extension: { decidedDate: LocalDate; status: ExtensionStatus; inForce: boolean; reason: ExtensionReason | null } | null;
  closedDate: LocalDate | null;
  outcome: InvestigationOutcome | null;
  onTime: boolean | null;
  status: DeadlineStatus | null;
  daysLeft: number | null;
  ruleSet: RuleSetId;
}

export interface MeasureView {
  measureId: string;
  category: string;
  basis: MeasureBasis | null;
  decidedDate: LocalDate | null;
  startedDate: LocalDate;
  endedDate: LocalDate | null;
  endReason: MeasureEndReason | null;
}

export interface PlacementView extends PlacementFollowUpView {
  placementId: string;
  category: string;
  basis: PlacementBasis;
  emergency: boolean;
  startedDate: LocalDate;
  endedDate: LocalDate | null;
  /** false: utilsiktet flytting (ended earlier than planned); null while running */
  planned: boolean | null;
  endReason: PlacementEndReason | null;
}

export interface CaseViewOptions {
  /** the date open items' statuses are measured against */
  asOf: LocalDate;
  method: CountingMethod;
  rules: DeadlineRules;
  /** the follow-up rule sets (DOMAIN.md §7); the defaults when absent */
  followUpRules?: FollowUpRules;
}

/**
 * Current state of a case with its computed deadlines. Shows the state it is given: to see a case
 * as it was at an earlier valid time, fold only the events that occurred up to then.
 */
export function caseView(state: CaseState, options: CaseViewOptions): CaseView {
  const timeline = followUpTimelineOf(state);
  const { asOf, followUpRules } = options;
  return {
    caseId: state.caseId,
    municipality: state.municipality,
    version: state.version,
    notifications: [...state.notifications.values()].map((n) => notificationView(n, options)),
    investigations: [...state.investigations.values()].map((u) => investigationView(state, u, options)),
    measures: [...state.measures.values()].map((m) => ({
      measureId: m.measureId,
      category: m.category,
      basis: m.basis,
      decidedDate: m.decidedOn,
      startedDate: osloDateOf(m.started.occurredAt),
      endedDate: m.ended ? osloDateOf(m.ended.occurredAt) : null,
      endReason: m.ended?.reason ?? null,
    })),
    placements: [...state.placements.values()].map((p, index) => ({
      placementId: p.placementId,
      category: p.category,
      basis: p.basis,
      emergency: p.emergency,
      startedDate: osloDateOf(p.started.occurredAt),
      endedDate: p.ended ? osloDateOf(p.ended.occurredAt) : null,
      planned: p.ended?.planned ?? null,
      endReason: p.ended?.reason ?? null,
      ...placementFollowUpView(timeline, timeline.placements[index], asOf, followUpRules),
    })),
    plans: planViews(timeline, asOf, followUpRules),
    aftercare: aftercareViews(timeline),
    followUp: followUpItemViews(timeline, asOf, followUpRules),
    retractedEventIds: [...state.retractedEventIds],
    method: options.method,
    asOf,
  };
}

function notificationView(n: NotificationState, { asOf, method, rules }: CaseViewOptions): NotificationView {
  const receivedDate = osloDateOf(n.received.occurredAt);
  const ruleSet = ruleSetFor(receivedDate, rules);
  const deadline = reviewDeadline(receivedDate, ruleSet, method);
  const concludedDate = n.conclusion ? osloDateOf(n.conclusion.occurredAt) : null;
  const open = concludedDate === null ? deadlineStatus(deadline, asOf, rules.dueSoonDays.review) : null;
  return {
    notificationId: n.notificationId,
    receivedAt: n.received.occurredAt,
    receivedDate,
    reviewDeadline: deadline,
    concludedDate,
    conclusion: n.conclusion?.outcome ?? null,
    onTime: concludedDate === null ? null : isOnTime(concludedDate, deadline),
    status: open?.status ?? null,
    daysLeft: open?.daysLeft ?? null,
    ruleSet: ruleSet.id,
    reporters: [...n.reporters],
    acute: n.acute,
    childBirthYear: n.childBirthYear,
  };
}

/** The clock depends on the notification the investigation was opened from (its receipt date and rule set). */
function investigationView(state: CaseState, u: InvestigationState, { asOf, method, rules }: CaseViewOptions): InvestigationView {
  const notification = state.notifications.get(u.notificationId);
  // decide() never lets an investigation outlive its notification; fail loudly if a stream says otherwise
  if (!notification) throw new Error(`investigation ${u.investigationId} refers to missing notification ${u.notificationId}`);
  const receivedDate = osloDateOf(notification.received.occurredAt);
  const openedDate = osloDateOf(u.opened.occurredAt);
  const ruleSet = ruleSetFor(receivedDate, rules);
  const { ordinary, extended } = investigationDeadlines({ receivedDate, openedDate }, ruleSet, method);

  let extension: InvestigationView['extension'] = null;
  if (u.extension) {
    const decidedDate = osloDateOf(u.extension.occurredAt);
    const status: ExtensionStatus = u.extension.assessed ? (u.extension.assessed.approved ? 'approved' : 'rejected') : 'pending';
    const inForce = extensionInForce({ decidedDate, ordinaryDeadline: ordinary, assessment: status });
    extension = { decidedDate, status, inForce, reason: u.extension.reason };
  }
  const deadline = extension?.inForce ? extended : ordinary;
  const closedDate = u.closed ? osloDateOf(u.closed.occurredAt) : null;
  const open = closedDate === null ? deadlineStatus(deadline, asOf, rules.dueSoonDays.investigation) : null;
  return {
    investigationId: u.investigationId,
    notificationId: u.notificationId,
    openedDate,
    deadline,
    ordinaryDeadline: ordinary,
    extension,
    closedDate,
    outcome: u.closed?.outcome ?? null,
    onTime: closedDate === null ? null : isOnTime(closedDate, deadline),
    status: open?.status ?? null,
    daysLeft: open?.daysLeft ?? null,
    ruleSet: ruleSet.id,
  };
}
