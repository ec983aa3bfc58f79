/*
 * The one event-builder DSL for specs and suites: each builder returns a client's case event (the
 * shape POSTed to /v1/cases/{caseId}/events, published on Kafka and decided by `decide`), with the
 * defaults a test does not care about filled in. Event ids are derived from the entity id so
 * retractions in specs read naturally: retract('close-u1'); a suite that goes over HTTP passes a
 * UUID (`{ eventId: uuid() }`). Imported as `@fristvakt/domain/testing`; never from production code.
 */
import type {
  AftercareOutcome,
  CaseEvent,
  CaseEventOf,
  ClearingReason,
  InvestigationOutcome,
  MeasureBasis,
  PlacementBasis,
  PlanKind,
  RetractionReason,
  VisitFrequency,
  VisitKind,
} from '../events';

export type Opt = { eventId?: string };

export function received(
  notificationId: string,
  at: string,
  opt: Opt & Partial<CaseEventOf<'NotificationReceived'>['data']> = {},
): CaseEventOf<'NotificationReceived'> {
  const { eventId, ...data } = opt;
  return {
    type: 'NotificationReceived',
    eventId: eventId ?? `rcv-${notificationId}`,
    occurredAt: at,
    data: { notificationId, municipality: '3201', reporters: ['11'], ...data },
  };
}

export function cleared(notificationId: string, at: string, reason: ClearingReason = 'no_grounds', opt: Opt = {}): CaseEvent {
  return { type: 'NotificationCleared', eventId: opt.eventId ?? `clr-${notificationId}`, occurredAt: at, data: { notificationId, reason } };
}

export function opened(investigationId: string, notificationId: string, at: string, opt: Opt = {}): CaseEvent {
  return {
    type: 'InvestigationOpened',
    eventId: opt.eventId ?? `open-${investigationId}`,
    occurredAt: at,
    data: { investigationId, notificationId },
  };
}

export function extended(investigationId: string, at: string, opt: Opt = {}): CaseEvent {
  return {
    type: 'InvestigationExtended',
    eventId: opt.eventId ?? `ext-${investigationId}`,
    occurredAt: at,
    data: { investigationId, reason: 'complex_case' },
  };
}

export function assessed(investigationId: string, approved: boolean, at: string, opt: Opt = {}): CaseEvent {
  return {
    type: 'ExtensionAssessed',
    eventId: opt.eventId ?? `asm-${investigationId}`,
    occurredAt: at,
    data: { investigationId, approved },
  };
}

export function closed(investigationId: string, at: string, outcome: InvestigationOutcome = 'measures_decided', opt: Opt = {}): CaseEvent {
  return {
    type: 'InvestigationClosed',
    eventId: opt.eventId ?? `close-${investigationId}`,
    occurredAt: at,
    data: { investigationId, outcome },
  };
}

/** `basis: null` records the measure without a basis (the field left out, as older registrations have it) */
export function measureStarted(
  measureId: string,
  category: string,
  at: string,
  opt: Opt & { basis?: MeasureBasis | null; decidedOn?: string } = {},
): CaseEvent {
  const { eventId, basis = 'voluntary', ...decided } = opt;
  return {
    type: 'MeasureStarted',
    eventId: eventId ?? `mst-${measureId}`,
    occurredAt: at,
    data: basis === null ? { measureId, category, ...decided } : { measureId, category, basis, ...decided },
  };
}

export function measureEnded(measureId: string, at: string, opt: Opt = {}): CaseEvent {
  return { type: 'MeasureEnded', eventId: opt.eventId ?? `mend-${measureId}`, occurredAt: at, data: { measureId, reason: 'completed' } };
}

export function placementStarted(
  placementId: string,
  category: string,
  at: string,
  basis: PlacementBasis = 'voluntary',
  opt: Opt & { emergency?: boolean } = {},
): CaseEvent {
  const { eventId, ...emergency } = opt;
  return {
    type: 'PlacementStarted',
    eventId: eventId ?? `pst-${placementId}`,
    occurredAt: at,
    data: { placementId, category, basis, ...emergency },
  };
}

export function placementEnded(placementId: string, at: string, planned = true, opt: Opt = {}): CaseEvent {
  return {
    type: 'PlacementEnded',
    eventId: opt.eventId ?? `pend-${placementId}`,
    occurredAt: at,
    data: { placementId, planned, reason: 'returned_to_parents' },
  };
}

export function planCreated(
  planId: string,
  kind: PlanKind,
  at: string,
  opt: Opt & Partial<Omit<CaseEventOf<'PlanCreated'>['data'], 'planId' | 'kind'>> = {},
): CaseEvent {
  const { eventId, ...links } = opt;
  return { type: 'PlanCreated', eventId: eventId ?? `plan-${planId}`, occurredAt: at, data: { planId, kind, ...links } };
}

export function planEvaluated(planId: string, at: string, opt: Opt = {}): CaseEvent {
  return { type: 'PlanEvaluated', eventId: opt.eventId ?? `eval-${planId}-${at}`, occurredAt: at, data: { planId } };
}

export function planEnded(planId: string, at: string, opt: Opt = {}): CaseEvent {
  return { type: 'PlanEnded', eventId: opt.eventId ?? `plend-${planId}`, occurredAt: at, data: { planId } };
}

export function frequencySet(
  placementId: string,
  kind: VisitKind,
  perYear: VisitFrequency,
  at: string,
  opt: Opt & { childConsent?: boolean } = {},
): CaseEvent {
  const { eventId, ...consent } = opt;
  return {
    type: 'VisitFrequencySet',
    eventId: eventId ?? `freq-${placementId}-${kind}-${at}`,
    occurredAt: at,
    data: { placementId, kind, perYear, ...consent },
  };
}

export function supervisionSet(placementId: string, municipality: string, at: string, opt: Opt = {}): CaseEvent {
  return {
    type: 'SupervisionResponsibilitySet',
    eventId: opt.eventId ?? `sup-${placementId}-${at}`,
    occurredAt: at,
    data: { placementId, municipality },
  };
}

export function visitHeld(
  visitId: string,
  placementId: string,
  at: string,
  kind: VisitKind = 'follow_up',
  inPerson = true,
  opt: Opt = {},
): CaseEvent {
  return { type: 'VisitHeld', eventId: opt.eventId ?? `visit-${visitId}`, occurredAt: at, data: { visitId, placementId, kind, inPerson } };
}

export function aftercareOffered(offerId: string, at: string, opt: Opt = {}): CaseEvent {
  return { type: 'AftercareOffered', eventId: opt.eventId ?? `offer-${offerId}`, occurredAt: at, data: { offerId } };
}

export function aftercareConcluded(offerId: string, outcome: AftercareOutcome, at: string, opt: Opt = {}): CaseEvent {
  return { type: 'AftercareConcluded', eventId: opt.eventId ?? `offer-end-${offerId}`, occurredAt: at, data: { offerId, outcome } };
}

export function retract(retractedEventId: string, at: string, opt: Opt & { reason?: RetractionReason } = {}): CaseEvent {
  return {
    type: 'EventRetracted',
    eventId: opt.eventId ?? `retract-${retractedEventId}`,
    occurredAt: at,
    data: { retractedEventId, reason: opt.reason ?? 'registration_error' },
  };
}

/** The event as a client sends it without an id of its own: the server (or the intake) assigns one. */
export function withoutEventId(event: CaseEvent): Omit<CaseEvent, 'eventId'> {
  const { eventId: _eventId, ...rest } = event;
  return rest;
}
