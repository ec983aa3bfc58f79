import { isEmergencyPlacement } from '../children/child-figures';
import type { CaseEvent, RecordedCaseEvent } from '../events';
import {
  ENTITY_KINDS,
  type AftercareOfferState,
  type CaseState,
  type EntityKind,
  type InvestigationState,
  type MeasureState,
  type NotificationState,
  type PlacementState,
  type PlanState,
  type VisitState,
} from './case-state';

export function initialState(caseId: string | null = null): CaseState {
  return {
    ...emptyProjection(),
    caseId,
    version: 0,
    eventsById: new Map(),
    takenIds: copyTakenIds(null),
    effectiveEvents: [],
    retractedEventIds: [],
  };
}

function emptyProjection() {
  return {
    municipality: null,
    notifications: new Map<string, NotificationState>(),
    investigations: new Map<string, InvestigationState>(),
    openInvestigationId: null,
    measures: new Map<string, MeasureState>(),
    placements: new Map<string, PlacementState>(),
    plans: new Map<string, PlanState>(),
    visits: new Map<string, VisitState>(),
    aftercareOffers: new Map<string, AftercareOfferState>(),
  };
}

function copyTakenIds(from: CaseState['takenIds'] | null): Record<EntityKind, Set<string>> {
  return Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, new Set(from?.[kind])])) as Record<EntityKind, Set<string>>;
}

/** The entity an event creates, if any; its id must be new within the case. */
export function introducedEntity(event: CaseEvent): { kind: EntityKind; id: string } | null {
  switch (event.type) {
    case 'NotificationReceived':
      return { kind: 'notification', id: event.data.notificationId };
    case 'InvestigationOpened':
      return { kind: 'investigation', id: event.data.investigationId };
    case 'MeasureStarted':
      return { kind: 'measure', id: event.data.measureId };
    case 'PlacementStarted':
      return { kind: 'placement', id: event.data.placementId };
    case 'PlanCreated':
      return { kind: 'plan', id: event.data.planId };
    case 'VisitHeld':
      return { kind: 'visit', id: event.data.visitId };
    case 'AftercareOffered':
      return { kind: 'aftercareOffer', id: event.data.offerId };
    default:
      return null;
  }
}

/**
 * Folds one event. Accepts recorded events too (their server metadata is ignored, except that
 * the first one names the case when `initialState` was not given a caseId).
 */
export function evolve(state: CaseState, event: CaseEvent | RecordedCaseEvent): CaseState {
  return evolveAll(state, [event]);
}

/**
 * Folds events in order; the same result as `events.reduce(evolve, state)`, in time linear in the
 * stream rather than quadratic. `state` is never modified.
 */
export function evolveAll(state: CaseState, events: Iterable<CaseEvent | RecordedCaseEvent>): CaseState {
  const draft = draftOf(state);
  for (const event of events) applyToDraft(draft, event);
  return draft;
}

/** A CaseState whose collections belong to it alone, so folding can update them in place. */
export interface CaseStateDraft extends CaseState {
  municipality: string | null;
  notifications: Map<string, NotificationState>;
  investigations: Map<string, InvestigationState>;
  openInvestigationId: string | null;
  measures: Map<string, MeasureState>;
  placements: Map<string, PlacementState>;
  plans: Map<string, PlanState>;
  visits: Map<string, VisitState>;
  aftercareOffers: Map<string, AftercareOfferState>;
  caseId: string | null;
  version: number;
  eventsById: Map<string, CaseEvent>;
  takenIds: Record<EntityKind, Set<string>>;
  effectiveEvents: CaseEvent[];
  retractedEventIds: string[];
}

/*
 * Copies every collection once, so the caller's state stays untouched while a whole stream is
 * folded into the copies. Entity records are shared: folding replaces them, never mutates them.
 */
export function draftOf(state: CaseState): CaseStateDraft {
  return {
    municipality: state.municipality,
    notifications: new Map(state.notifications),
    investigations: new Map(state.investigations),
    openInvestigationId: state.openInvestigationId,
    measures: new Map(state.measures),
    placements: new Map(state.placements),
    plans: new Map(state.plans),
    visits: new Map(state.visits),
    aftercareOffers: new Map(state.aftercareOffers),
    caseId: state.caseId,
    version: state.version,
    eventsById: new Map(state.eventsById),
    takenIds: copyTakenIds(state.takenIds),
    effectiveEvents: [...state.effectiveEvents],
    retractedEventIds: [...state.retractedEventIds],
  };
}

/** Folds one event into a draft from `draftOf`, in place. */
export function applyToDraft(draft: CaseStateDraft, event: CaseEvent | RecordedCaseEvent): void {
  draft.caseId = draft.caseId ?? ('caseId' in event ? event.caseId : null);
  draft.eventsById.set(event.eventId, event);
  const introduced = introducedEntity(event);
  if (introduced !== null) draft.takenIds[introduced.kind].add(introduced.id);
  draft.version += 1;

  if (event.type === 'EventRetracted') {
    const retractedId = event.data.retractedEventId;
    // Case streams are small: re-folding the survivors is the simplest way to be sure nothing
    // the retracted event contributed (a conclusion, an open investigation, …) lingers.
    draft.effectiveEvents = draft.effectiveEvents.filter((e) => e.eventId !== retractedId);
    // Except the municipality: the first notification fixed it, and retracting that notification
    // must not free the case to move to another municipality's board (issue 14).
    Object.assign(draft, { ...emptyProjection(), municipality: draft.municipality });
    for (const e of draft.effectiveEvents) project(draft, e);
    draft.retractedEventIds.push(retractedId);
    return;
  }
  project(draft, event);
  draft.effectiveEvents.push(event);
}

/*
 * Applies an event the decider accepted. Lookups of referenced entities that are missing are
 * ignored rather than thrown: `decide` guarantees they exist, and a projection must never crash
 * on a stream that was written.
 */
function project(p: CaseStateDraft, event: CaseEvent): void {
  const at = { occurredAt: event.occurredAt, eventId: event.eventId };
  switch (event.type) {
    case 'NotificationReceived': {
      const d = event.data;
      p.municipality = p.municipality ?? d.municipality;
      p.notifications.set(d.notificationId, {
        notificationId: d.notificationId,
        received: at,
        municipality: d.municipality,
        reporters: d.reporters,
        childBirthYear: d.childBirthYear ?? null,
        acute: d.acute ?? false,
        conclusion: null,
      });
      return;
    }
    case 'NotificationCleared': {
      const n = p.notifications.get(event.data.notificationId);
      if (!n) return;
      p.notifications.set(n.notificationId, { ...n, conclusion: { ...at, outcome: event.data.reason } });
      return;
    }
    case 'InvestigationOpened': {
      const { investigationId, notificationId } = event.data;
      const n = p.notifications.get(notificationId);
      if (n) p.notifications.set(notificationId, { ...n, conclusion: { ...at, outcome: 'investigation' } });
      p.investigations.set(investigationId, {
        investigationId,
        notificationId,
        opened: at,
        extension: null,
        closed: null,
      });
      p.openInvestigationId = investigationId;
      return;
    }
    case 'InvestigationExtended': {
      const u = p.investigations.get(event.data.investigationId);
      if (!u) return;
      p.investigations.set(u.investigationId, { ...u, extension: { ...at, reason: event.data.reason ?? null, assessed: null } });
      return;
    }
    case 'ExtensionAssessed': {
      const u = p.investigations.get(event.data.investigationId);
      if (!u?.extension) return;
      p.investigations.set(u.investigationId, {
        ...u,
        extension: { ...u.extension, assessed: { ...at, approved: event.data.approved } },
      });
      return;
    }
    case 'InvestigationClosed': {
      const u = p.investigations.get(event.data.investigationId);
      if (!u) return;
      p.investigations.set(u.investigationId, { ...u, closed: { ...at, outcome: event.data.outcome } });
      if (p.openInvestigationId === u.investigationId) p.openInvestigationId = null;
      return;
    }
    case 'MeasureStarted': {
      const d = event.data;
      p.measures.set(d.measureId, {
        measureId: d.measureId,
        category: d.category,
        basis: d.basis ?? null,
        decidedOn: d.decidedOn ?? null,
        started: at,
        ended: null,
      });
      return;
    }
    case 'MeasureEnded': {
      const m = p.measures.get(event.data.measureId);
      if (!m) return;
      p.measures.set(m.measureId, { ...m, ended: { ...at, reason: event.data.reason ?? null } });
      return;
    }
    case 'PlacementStarted': {
      const d = event.data;
      p.placements.set(d.placementId, {
        placementId: d.placementId,
        category: d.category,
        basis: d.basis,
        emergency: isEmergencyPlacement(d.basis, d.emergency),
        started: at,
        ended: null,
        frequencies: [],
        supervisors: [],
      });
      return;
    }
    case 'PlacementEnded': {
      const pl = p.placements.get(event.data.placementId);
      if (!pl) return;
      p.placements.set(pl.placementId, {
        ...pl,
        ended: { ...at, planned: event.data.planned, reason: event.data.reason ?? null },
      });
      return;
    }
    case 'PlanCreated': {
      const d = event.data;
      p.plans.set(d.planId, {
        planId: d.planId,
        kind: d.kind,
        measureId: d.measureId ?? null,
        placementId: d.placementId ?? null,
        evaluationDueOn: d.evaluationDueOn ?? null,
        created: at,
        evaluations: [],
        ended: null,
      });
      return;
    }
    case 'PlanEvaluated': {
      const plan = p.plans.get(event.data.planId);
      if (plan) p.plans.set(plan.planId, { ...plan, evaluations: [...plan.evaluations, at] });
      return;
    }
    case 'PlanEnded': {
      const plan = p.plans.get(event.data.planId);
      if (plan) p.plans.set(plan.planId, { ...plan, ended: at });
      return;
    }
    case 'VisitFrequencySet': {
      const d = event.data;
      const pl = p.placements.get(d.placementId);
      if (!pl) return;
      const change = { ...at, kind: d.kind, perYear: d.perYear, childConsent: d.childConsent ?? null };
      p.placements.set(pl.placementId, { ...pl, frequencies: [...pl.frequencies, change] });
      return;
    }
    case 'SupervisionResponsibilitySet': {
      const pl = p.placements.get(event.data.placementId);
      if (pl)
        p.placements.set(pl.placementId, { ...pl, supervisors: [...pl.supervisors, { ...at, municipality: event.data.municipality }] });
      return;
    }
    case 'VisitHeld': {
      const d = event.data;
      p.visits.set(d.visitId, { visitId: d.visitId, placementId: d.placementId, kind: d.kind, inPerson: d.inPerson, held: at });
      return;
    }
    case 'AftercareOffered':
      p.aftercareOffers.set(event.data.offerId, { offerId: event.data.offerId, offered: at, concluded: null });
      return;
    case 'AftercareConcluded': {
      const offer = p.aftercareOffers.get(event.data.offerId);
      if (offer) p.aftercareOffers.set(offer.offerId, { ...offer, concluded: { ...at, outcome: event.data.outcome } });
      return;
    }
    case 'EventRetracted':
      // Handled by `applyToDraft`, which re-folds without the retracted event.
      return;
  }
}
