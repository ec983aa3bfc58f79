import type { DeadlineStatus, LocalDate } from '../deadlines/api';
import { deadlineStatusOnDays } from '../deadlines/deadlines';
import { followUpRuleSetFor, type FollowUpRules, type FollowUpRuleSetId } from '../deadlines/follow-up-rule-sets';
import { fromDayNumber, toDayNumber } from '../deadlines/local-date';
import type { AftercareOutcome, PlanKind, VisitFrequency, VisitKind } from '../events';
import { isActiveOnDay } from '../follow-up/calendar';
import { followUpOpenItems, type FollowUpItemKind } from '../follow-up/open-items';
import { evaluationDueDay, isTiltaksplan } from '../follow-up/plans';
import type { FollowUpTimeline, PlacementSpell } from '../follow-up/timeline';
import { frequencyFlags, frequencyOnDay, responsibleOn, type FrequencyFlag } from '../follow-up/visits';

/* The follow-up parts of `GET /v1/cases/{caseId}` (DOMAIN.md §7), computed as of `asOf`. */

export interface PlanView {
  planId: string;
  kind: PlanKind;
  measureId: string | null;
  placementId: string | null;
  createdDate: LocalDate;
  endedDate: LocalDate | null;
  evaluatedDates: LocalDate[];
  /** tiltaksplan in force at `asOf`: the next evaluation and its status; otherwise null */
  evaluationDue: LocalDate | null;
  status: DeadlineStatus | null;
  daysLeft: number | null;
  ruleSet: FollowUpRuleSetId;
}

export interface FrequencyView {
  kind: VisitKind;
  fromDate: LocalDate;
  perYear: VisitFrequency;
  childConsent: boolean | null;
  /** recorded, never refused: a reduction within two years in the home, or a supervision reduction without consent */
  flags: FrequencyFlag[];
}

export interface PlacementFollowUpView {
  /** frequencies in force at `asOf` (4 unless reduced) */
  visitFrequency: { followUp: number; supervision: number };
  frequencyChanges: FrequencyView[];
  /** the municipality responsible for supervision at `asOf` */
  supervisingMunicipality: string | null;
  supervisionChanges: { fromDate: LocalDate; municipality: string }[];
  visits: { visitId: string; kind: VisitKind; date: LocalDate; inPerson: boolean }[];
}

export interface AftercareOfferView {
  offerId: string;
  offeredDate: LocalDate;
  concludedDate: LocalDate | null;
  outcome: AftercareOutcome | null;
}

export interface FollowUpItemView {
  kind: FollowUpItemKind;
  id: string;
  deadline: LocalDate;
  status: DeadlineStatus;
  daysLeft: number;
  ruleSet: FollowUpRuleSetId;
  owed?: number;
  municipality?: string;
}

const date = fromDayNumber;

export function planViews(t: FollowUpTimeline, asOf: LocalDate, rules: FollowUpRules | undefined): PlanView[] {
  const asOfDay = toDayNumber(asOf);
  const ruleSet = followUpRuleSetFor(asOf, rules);
  return t.plans.map((plan) => {
    const evaluating = isTiltaksplan(plan, ruleSet) && isActiveOnDay(plan, asOfDay);
    const due = evaluating ? evaluationDueDay(plan, asOfDay, ruleSet) : null;
    const open = due === null ? null : deadlineStatusOnDays(due, asOfDay, ruleSet.dueSoonDays.evaluation);
    return {
      planId: plan.planId,
      kind: plan.kind,
      measureId: plan.measureId,
      placementId: plan.placementId,
      createdDate: date(plan.startDay),
      endedDate: plan.endDay === null ? null : date(plan.endDay),
      evaluatedDates: plan.evaluationDays.map(date),
      evaluationDue: due === null ? null : date(due),
      status: open?.status ?? null,
      daysLeft: open?.daysLeft ?? null,
      ruleSet: ruleSet.id,
    };
  });
}

export function placementFollowUpView(
  t: FollowUpTimeline,
  placement: PlacementSpell,
  asOf: LocalDate,
  rules: FollowUpRules | undefined,
): PlacementFollowUpView {
  const asOfDay = toDayNumber(asOf);
  const ruleSet = followUpRuleSetFor(asOf, rules);
  const changes = (kind: VisitKind) =>
    placement.frequencies[kind].map((f) => ({
      kind,
      fromDate: date(f.fromDay),
      perYear: f.perYear,
      childConsent: f.childConsent,
      flags: frequencyFlags(placement, kind, f, followUpRuleSetFor(date(f.fromDay), rules)),
    }));
  return {
    visitFrequency: {
      followUp: frequencyOnDay(placement.frequencies.follow_up, asOfDay, ruleSet.followUpVisits.standardPerYear),
      supervision: frequencyOnDay(placement.frequencies.supervision, asOfDay, ruleSet.supervisionVisits.standardPerYear),
    },
    frequencyChanges: [...changes('follow_up'), ...changes('supervision')],
    supervisingMunicipality: responsibleOn(t, placement, asOfDay),
    supervisionChanges: placement.supervisors.map((s) => ({ fromDate: date(s.fromDay), municipality: s.municipality })),
    visits: t.visits
      .filter((v) => v.placementId === placement.placementId)
      .map((v) => ({ visitId: v.visitId, kind: v.kind, date: date(v.day), inPerson: v.inPerson })),
  };
}

export function aftercareViews(t: FollowUpTimeline): AftercareOfferView[] {
  return t.aftercare.map((a) => ({
    offerId: a.offerId,
    offeredDate: date(a.offeredDay),
    concludedDate: a.concludedDay === null ? null : date(a.concludedDay),
    outcome: a.outcome,
  }));
}

export function followUpItemViews(t: FollowUpTimeline, asOf: LocalDate, rules: FollowUpRules | undefined): FollowUpItemView[] {
  return followUpOpenItems(t, toDayNumber(asOf), rules).map(({ dueDay, ...item }) => ({ ...item, deadline: date(dueDay) }));
}
