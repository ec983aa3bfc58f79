import { isFosterHomeCategory, isMeasureCategory, isPlacementCategory } from '../codes';
import { compareOccurredAt, parseOccurredAt } from '../deadlines';
import type { CaseEvent, CaseEventOf } from '../events';
import { CaseRuleViolation, type CaseRule } from './case-rules';
import type { CaseState, Dated, EntityKind, PlacementState } from './case-state';
import { applyToDraft, draftOf, initialState, introducedEntity, type CaseStateDraft } from './evolve';
import { EARLIEST_DATE, validTimeProblem } from './valid-time';

/** Append events to one case. `now` is the server's clock reading, passed in to keep this pure. */
export interface RecordCaseEvents {
  caseId: string;
  /** eventIds already assigned */
  events: readonly CaseEvent[];
  /** ISO-8601 instant */
  now: string;
}

/**
 * Checks every event against the state evolved with the ones before it (earlier events of the
 * same batch included) and returns the events to append, or throws `CaseRuleViolation` for the
 * first event that breaks a rule.
 */
export function decide(command: RecordCaseEvents, state: CaseState): CaseEvent[] {
  const nowMs = instantMs(command.now);
  // One copy of the state for the whole batch rather than one per event (long streams), and
  // none for a single event: nothing is checked against the state after the last one.
  let current: CaseStateDraft | undefined;
  command.events.forEach((event, index) => {
    const breach = checkEvent(current ?? state, event, nowMs);
    if (breach) {
      throw new CaseRuleViolation(
        breach.rule,
        `Case ${command.caseId}, event #${index} (${event.type} ${event.eventId}) breaks rule ${breach.rule}: ${breach.detail}`,
        index,
        event.eventId,
      );
    }
    if (index < command.events.length - 1) applyToDraft((current ??= draftOf(state)), event);
  });
  return [...command.events];
}

interface Breach {
  rule: CaseRule;
  detail: string;
}

function instantMs(now: string): number {
  const parsed = parseOccurredAt(now);
  if (!parsed.ok || parsed.instantMs === undefined) throw new RangeError(`now must be an ISO-8601 instant, got ${JSON.stringify(now)}`);
  return parsed.instantMs;
}

/** `nowMs` null: re-checking events that were accepted before, where only their relations matter. */
function checkEvent(state: CaseState, event: CaseEvent, nowMs: number | null): Breach | null {
  if (state.eventsById.has(event.eventId)) {
    return { rule: 'duplicate_event_id', detail: `eventId ${event.eventId} is already used in this case` };
  }
  const isRetractionOfHistory = event.type === 'EventRetracted' && state.version > 0;
  if (state.effectiveEvents.length === 0 && event.type !== 'NotificationReceived' && !isRetractionOfHistory) {
    return {
      rule: 'first_event_must_be_notification',
      detail: `a case starts with NotificationReceived, got ${event.type}`,
    };
  }
  const timeBreach = checkValidTime(event.occurredAt, nowMs);
  if (timeBreach) return timeBreach;
  const introduced = introducedEntity(event);
  if (introduced && state.takenIds[introduced.kind].has(introduced.id)) {
    return {
      rule: 'duplicate_entity_id',
      detail: `${introduced.kind}Id ${introduced.id} is already used in this case (ids stay taken after a retraction)`,
    };
  }
  return checkByType(state, event);
}

function checkValidTime(occurredAt: string, nowMs: number | null): Breach | null {
  const problem = validTimeProblem(occurredAt, nowMs);
  switch (problem?.kind) {
    case undefined:
      return null;
    case 'invalid':
      return { rule: 'invalid_occurred_at', detail: `occurredAt ${occurredAt}: ${problem.reason}` };
    case 'before_earliest':
      return { rule: 'occurred_before_1993', detail: `occurredAt ${occurredAt} is before ${EARLIEST_DATE}` };
    case 'in_future':
      return { rule: 'occurred_in_future', detail: `occurredAt ${occurredAt} is in the future` };
  }
}

function checkByType(state: CaseState, event: CaseEvent): Breach | null {
  switch (event.type) {
    case 'NotificationReceived': {
      const { municipality, notificationId } = event.data;
      if (state.municipality !== null && state.municipality !== municipality) {
        return {
          rule: 'municipality_mismatch',
          detail: `notification ${notificationId} names municipality ${municipality}, the case belongs to ${state.municipality}`,
        };
      }
      return null;
    }
    case 'NotificationCleared':
    case 'InvestigationOpened':
      return checkReviewConclusion(state, event);
    case 'InvestigationExtended': {
      const u = state.investigations.get(event.data.investigationId);
      if (!u) return unknown(state, 'investigation', event.data.investigationId);
      // Judged in valid time: an extension decided on or before the close counts, however late it is recorded.
      if (u.closed && compareOccurredAt(event.occurredAt, u.closed.occurredAt) > 0) return notOpen(u.investigationId, u.closed);
      if (u.extension) {
        return {
          rule: 'investigation_already_extended',
          detail: `investigation ${u.investigationId} was already extended by event ${u.extension.eventId}`,
        };
      }
      return notBefore(event, u.opened, `the opening of investigation ${u.investigationId}`);
    }
    case 'ExtensionAssessed': {
      const u = state.investigations.get(event.data.investigationId);
      if (!u) return unknown(state, 'investigation', event.data.investigationId);
      if (!u.extension) {
        return { rule: 'investigation_not_extended', detail: `investigation ${u.investigationId} has no extension to assess` };
      }
      if (u.extension.assessed) {
        return {
          rule: 'extension_already_assessed',
          detail: `the extension of investigation ${u.investigationId} was already assessed by event ${u.extension.assessed.eventId}`,
        };
      }
      return notBefore(event, u.extension, `the extension of investigation ${u.investigationId}`);
    }
    case 'InvestigationClosed': {
      const u = state.investigations.get(event.data.investigationId);
      if (!u) return unknown(state, 'investigation', event.data.investigationId);
      if (u.closed) return notOpen(u.investigationId, u.closed);
      return (
        notBefore(event, u.opened, `the opening of investigation ${u.investigationId}`) ??
        (u.extension && notBefore(event, u.extension, `the extension of investigation ${u.investigationId}`))
      );
    }
    case 'MeasureStarted':
      return isMeasureCategory(event.data.category)
        ? null
        : {
            rule: 'invalid_measure_category',
            detail: `measure ${event.data.measureId}: category ${event.data.category} is not a measure code (3.x–8.x except 8.2)`,
          };
    case 'MeasureEnded': {
      const m = state.measures.get(event.data.measureId);
      if (!m) return unknown(state, 'measure', event.data.measureId);
      if (m.ended) {
        return { rule: 'measure_already_ended', detail: `measure ${m.measureId} already ended (event ${m.ended.eventId})` };
      }
      return notBefore(event, m.started, `the start of measure ${m.measureId}`);
    }
    case 'PlacementStarted':
      return isPlacementCategory(event.data.category)
        ? null
        : {
            rule: 'invalid_placement_category',
            detail: `placement ${event.data.placementId}: category ${event.data.category} is not a placement code (1.x, 2.x or 8.2)`,
          };
    case 'PlacementEnded': {
      const p = state.placements.get(event.data.placementId);
      if (!p) return unknown(state, 'placement', event.data.placementId);
      if (p.ended) {
        return { rule: 'placement_already_ended', detail: `placement ${p.placementId} already ended (event ${p.ended.eventId})` };
      }
      return notBefore(event, p.started, `the start of placement ${p.placementId}`) ?? followUpAfterEnd(state, p, event);
    }
    case 'PlanCreated':
      return checkPlanCreated(state, event);
    case 'PlanEvaluated':
    case 'PlanEnded':
      return checkPlanProgress(state, event);
    case 'VisitFrequencySet':
    case 'SupervisionResponsibilitySet':
    case 'VisitHeld':
      return checkWithinFosterHome(state, event);
    case 'AftercareOffered':
      return null;
    case 'AftercareConcluded': {
      const offer = state.aftercareOffers.get(event.data.offerId);
      if (!offer) return unknown(state, 'aftercareOffer', event.data.offerId);
      if (offer.concluded) {
        return {
          rule: 'aftercare_already_concluded',
          detail: `aftercare offer ${offer.offerId} was already concluded (${offer.concluded.outcome}) by event ${offer.concluded.eventId}`,
        };
      }
      return notBefore(event, offer.offered, `aftercare offer ${offer.offerId}`);
    }
    case 'EventRetracted':
      return checkRetraction(state, event);
  }
}

/** The review of a notification ends once: cleared (henlagt) or opened to investigation. */
function checkReviewConclusion(
  state: CaseState,
  event: CaseEventOf<'NotificationCleared'> | CaseEventOf<'InvestigationOpened'>,
): Breach | null {
  const n = state.notifications.get(event.data.notificationId);
  if (!n) return unknown(state, 'notification', event.data.notificationId);
  if (n.conclusion) {
    return {
      rule: 'notification_already_concluded',
      detail: `notification ${n.notificationId} was already concluded (${n.conclusion.outcome}) by event ${n.conclusion.eventId}`,
    };
  }
  const received = notBefore(event, n.received, `the receipt of notification ${n.notificationId}`);
  if (received) return received;
  if (event.type === 'NotificationCleared') {
    return event.data.reason === 'joined_ongoing_investigation' ? checkJoinedInvestigation(state, event) : null;
  }

  if (state.openInvestigationId !== null) {
    return {
      rule: 'investigation_already_open',
      detail: `investigation ${state.openInvestigationId} is still open; a case has at most one open investigation`,
    };
  }
  // One open investigation at a time in valid time too: a new one cannot start before the last one ended.
  for (const u of state.investigations.values()) {
    if (u.closed && compareOccurredAt(event.occurredAt, u.closed.occurredAt) < 0) {
      return {
        rule: 'investigation_overlaps_previous',
        detail: `investigation ${event.data.investigationId} would open (${event.occurredAt}) before investigation ${u.investigationId} closed (${u.closed.occurredAt}, event ${u.closed.eventId})`,
      };
    }
  }
  return null;
}

/** SSB code 4 «lagt til pågående undersøkelse»: some investigation must be open on the event's valid time. */
function checkJoinedInvestigation(state: CaseState, event: CaseEventOf<'NotificationCleared'>): Breach | null {
  for (const u of state.investigations.values()) {
    const opened = compareOccurredAt(u.opened.occurredAt, event.occurredAt) <= 0;
    if (opened && (!u.closed || compareOccurredAt(event.occurredAt, u.closed.occurredAt) <= 0)) return null;
  }
  return {
    rule: 'no_ongoing_investigation',
    detail: `notification ${event.data.notificationId} cannot join an ongoing investigation: none is open on ${event.occurredAt}`,
  };
}

function checkPlanCreated(state: CaseState, event: CaseEventOf<'PlanCreated'>): Breach | null {
  const { planId, measureId, placementId, evaluationDueOn } = event.data;
  if (measureId !== undefined && !state.measures.has(measureId)) return unknown(state, 'measure', measureId);
  if (placementId !== undefined && !state.placements.has(placementId)) return unknown(state, 'placement', placementId);
  if (evaluationDueOn !== undefined && compareOccurredAt(evaluationDueOn, event.occurredAt) < 0) {
    return {
      rule: 'evaluation_due_before_plan',
      detail: `plan ${planId}: evaluationDueOn ${evaluationDueOn} is before the plan itself (${event.occurredAt})`,
    };
  }
  return null;
}

/** Evaluations and the end of a plan lie between its adoption and its end, in valid time. */
function checkPlanProgress(state: CaseState, event: CaseEventOf<'PlanEvaluated'> | CaseEventOf<'PlanEnded'>): Breach | null {
  const plan = state.plans.get(event.data.planId);
  if (!plan) return unknown(state, 'plan', event.data.planId);
  if (plan.ended && (event.type === 'PlanEnded' || compareOccurredAt(event.occurredAt, plan.ended.occurredAt) > 0)) {
    return { rule: 'plan_already_ended', detail: `plan ${plan.planId} ended on ${plan.ended.occurredAt} (event ${plan.ended.eventId})` };
  }
  const order = notBefore(event, plan.created, `the adoption of plan ${plan.planId}`);
  if (order || event.type === 'PlanEvaluated') return order;
  const later = plan.evaluations.find((e) => compareOccurredAt(e.occurredAt, event.occurredAt) > 0);
  return later
    ? {
        rule: 'plan_evaluated_after_end',
        detail: `plan ${plan.planId} cannot end on ${event.occurredAt}: it was evaluated on ${later.occurredAt} (event ${later.eventId})`,
      }
    : null;
}

/** Visits, their frequency and the supervising municipality belong to a foster-home placement (2.x), within its time. */
function checkWithinFosterHome(
  state: CaseState,
  event: CaseEventOf<'VisitFrequencySet'> | CaseEventOf<'SupervisionResponsibilitySet'> | CaseEventOf<'VisitHeld'>,
): Breach | null {
  const p = state.placements.get(event.data.placementId);
  if (!p) return unknown(state, 'placement', event.data.placementId);
  if (!isFosterHomeCategory(p.category)) {
    return {
      rule: 'not_a_foster_home',
      detail: `placement ${p.placementId} has category ${p.category}; ${event.type} applies to foster homes (2.x) only`,
    };
  }
  const order = notBefore(event, p.started, `the start of placement ${p.placementId}`);
  if (order) return order;
  if (p.ended && compareOccurredAt(event.occurredAt, p.ended.occurredAt) > 0) {
    return {
      rule: 'outside_placement',
      detail: `occurredAt ${event.occurredAt} is after placement ${p.placementId} ended (${p.ended.occurredAt}, event ${p.ended.eventId})`,
    };
  }
  return null;
}

/** An end recorded late must not leave visits, frequencies or supervisors of the placement after it. */
function followUpAfterEnd(state: CaseState, p: PlacementState, event: CaseEventOf<'PlacementEnded'>): Breach | null {
  const after = (d: Dated) => compareOccurredAt(d.occurredAt, event.occurredAt) > 0;
  const visit = [...state.visits.values()].find((v) => v.placementId === p.placementId && after(v.held))?.held;
  const later = visit ?? p.frequencies.find(after) ?? p.supervisors.find(after);
  return later
    ? {
        rule: 'outside_placement',
        detail: `placement ${p.placementId} cannot end on ${event.occurredAt}: event ${later.eventId} of it is dated ${later.occurredAt}`,
      }
    : null;
}

/**
 * A retraction is allowed iff the remaining effective events, re-decided in order from an empty
 * case, still keep every rule. That covers every kind of dependant (a close of the retracted
 * opening, an investigation opened after the retracted close, …) without listing them.
 */
function checkRetraction(state: CaseState, event: CaseEventOf<'EventRetracted'>): Breach | null {
  const targetId = event.data.retractedEventId;
  const target = state.eventsById.get(targetId);
  if (!target) return { rule: 'unknown_event', detail: `event ${targetId} is not an event of this case` };
  if (target.type === 'EventRetracted') {
    return { rule: 'cannot_retract_retraction', detail: `event ${targetId} is itself a retraction` };
  }
  if (state.retractedEventIds.includes(targetId)) {
    return { rule: 'event_already_retracted', detail: `event ${targetId} is already retracted` };
  }
  const order = notBefore(event, target, `the event it retracts (${target.type} ${targetId})`);
  if (order) return order;

  const rest = draftOf(initialState(state.caseId));
  for (const e of state.effectiveEvents) {
    if (e.eventId === targetId) continue;
    const breach = checkEvent(rest, e, null);
    if (breach) {
      return {
        rule: 'retraction_has_dependants',
        detail: `without event ${targetId} (${target.type}), event ${e.eventId} (${e.type}) would break rule ${breach.rule}: ${breach.detail}`,
      };
    }
    applyToDraft(rest, e);
  }
  return null;
}

function notBefore(event: CaseEvent, ref: Dated, what: string): Breach | null {
  if (compareOccurredAt(event.occurredAt, ref.occurredAt) >= 0) return null;
  return {
    rule: 'dated_before_referenced_event',
    detail: `occurredAt ${event.occurredAt} is before ${what} (${ref.occurredAt}, event ${ref.eventId})`,
  };
}

function notOpen(investigationId: string, closed: Dated): Breach {
  return {
    rule: 'investigation_not_open',
    detail: `investigation ${investigationId} was closed by event ${closed.eventId}`,
  };
}

const UNKNOWN_RULE = {
  notification: 'unknown_notification',
  investigation: 'unknown_investigation',
  measure: 'unknown_measure',
  placement: 'unknown_placement',
  plan: 'unknown_plan',
  visit: 'unknown_event',
  aftercareOffer: 'unknown_aftercare_offer',
} as const satisfies Record<EntityKind, CaseRule>;

function unknown(state: CaseState, kind: EntityKind, id: string): Breach {
  const why = state.takenIds[kind].has(id) ? ' (it was retracted)' : '';
  return { rule: UNKNOWN_RULE[kind], detail: `${kind} ${id} does not exist in this case${why}` };
}
