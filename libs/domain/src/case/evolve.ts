import type { CaseEvent, RecordedCaseEvent } from '../events';
import type { CaseProjection, CaseState, EntityKind } from './case-state';

const EMPTY_PROJECTION: CaseProjection = {
  municipality: null,
  notifications: new Map(),
  investigations: new Map(),
  openInvestigationId: null,
  measures: new Map(),
  placements: new Map(),
};

export function initialState(caseId: string | null = null): CaseState {
  return {
    ...EMPTY_PROJECTION,
    caseId,
    version: 0,
    eventsById: new Map(),
    takenIds: { notification: new Set(), investigation: new Set(), measure: new Set(), placement: new Set() },
    effectiveEvents: [],
    retractedEventIds: [],
  };
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
    default:
      return null;
  }
}

/**
 * Folds one event. Accepts recorded events too (their server metadata is ignored, except that
 * the first one names the case when `initialState` was not given a caseId).
 */
export function evolve(state: CaseState, event: CaseEvent | RecordedCaseEvent): CaseState {
  const caseId = state.caseId ?? ('caseId' in event ? event.caseId : null);
  const eventsById = new Map(state.eventsById).set(event.eventId, event);
  const introduced = introducedEntity(event);
  const takenIds =
    introduced === null
      ? state.takenIds
      : { ...state.takenIds, [introduced.kind]: new Set(state.takenIds[introduced.kind]).add(introduced.id) };
  const ledger = { caseId, version: state.version + 1, eventsById, takenIds };

  if (event.type === 'EventRetracted') {
    const retractedId = event.data.retractedEventId;
    // Case streams are small: re-folding the survivors is the simplest way to be sure nothing
    // the retracted event contributed (a conclusion, an open investigation, …) lingers.
    const effectiveEvents = state.effectiveEvents.filter((e) => e.eventId !== retractedId);
    return {
      ...effectiveEvents.reduce(project, EMPTY_PROJECTION),
      ...ledger,
      effectiveEvents,
      retractedEventIds: [...state.retractedEventIds, retractedId],
    };
  }
  return {
    ...project(state, event),
    ...ledger,
    effectiveEvents: [...state.effectiveEvents, event],
    retractedEventIds: state.retractedEventIds,
  };
}

/*
 * Applies an event the decider accepted. Lookups of referenced entities that are missing are
 * ignored rather than thrown: `decide` guarantees they exist, and a projection must never crash
 * on a stream that was written.
 */
function project(p: CaseProjection, event: CaseEvent): CaseProjection {
  const at = { occurredAt: event.occurredAt, eventId: event.eventId };
  switch (event.type) {
    case 'NotificationReceived': {
      const d = event.data;
      return {
        ...p,
        municipality: p.municipality ?? d.municipality,
        notifications: new Map(p.notifications).set(d.notificationId, {
          notificationId: d.notificationId,
          received: at,
          municipality: d.municipality,
          reporters: d.reporters,
          childBirthYear: d.childBirthYear ?? null,
          acute: d.acute ?? false,
          conclusion: null,
        }),
      };
    }
    case 'NotificationCleared': {
      const n = p.notifications.get(event.data.notificationId);
      if (!n) return p;
      return {
        ...p,
        notifications: new Map(p.notifications).set(n.notificationId, {
          ...n,
          conclusion: { ...at, outcome: event.data.reason },
        }),
      };
    }
    case 'InvestigationOpened': {
      const { investigationId, notificationId } = event.data;
      const n = p.notifications.get(notificationId);
      return {
        ...p,
        notifications: n
          ? new Map(p.notifications).set(notificationId, { ...n, conclusion: { ...at, outcome: 'investigation' } })
          : p.notifications,
        investigations: new Map(p.investigations).set(investigationId, {
          investigationId,
          notificationId,
          opened: at,
          extension: null,
          closed: null,
        }),
        openInvestigationId: investigationId,
      };
    }
    case 'InvestigationExtended': {
      const u = p.investigations.get(event.data.investigationId);
      if (!u) return p;
      return {
        ...p,
        investigations: new Map(p.investigations).set(u.investigationId, {
          ...u,
          extension: { ...at, reason: event.data.reason ?? null, assessed: null },
        }),
      };
    }
    case 'ExtensionAssessed': {
      const u = p.investigations.get(event.data.investigationId);
      if (!u?.extension) return p;
      return {
        ...p,
        investigations: new Map(p.investigations).set(u.investigationId, {
          ...u,
          extension: { ...u.extension, assessed: { ...at, approved: event.data.approved } },
        }),
      };
    }
    case 'InvestigationClosed': {
      const u = p.investigations.get(event.data.investigationId);
      if (!u) return p;
      return {
        ...p,
        investigations: new Map(p.investigations).set(u.investigationId, {
          ...u,
          closed: { ...at, outcome: event.data.outcome },
        }),
        openInvestigationId: p.openInvestigationId === u.investigationId ? null : p.openInvestigationId,
      };
    }
    case 'MeasureStarted': {
      const d = event.data;
      return {
        ...p,
        measures: new Map(p.measures).set(d.measureId, {
          measureId: d.measureId,
          category: d.category,
          basis: d.basis ?? null,
          started: at,
          ended: null,
        }),
      };
    }
    case 'MeasureEnded': {
      const m = p.measures.get(event.data.measureId);
      if (!m) return p;
      return {
        ...p,
        measures: new Map(p.measures).set(m.measureId, { ...m, ended: { ...at, reason: event.data.reason ?? null } }),
      };
    }
    case 'PlacementStarted': {
      const d = event.data;
      return {
        ...p,
        placements: new Map(p.placements).set(d.placementId, {
          placementId: d.placementId,
          category: d.category,
          basis: d.basis,
          started: at,
          ended: null,
        }),
      };
    }
    case 'PlacementEnded': {
      const pl = p.placements.get(event.data.placementId);
      if (!pl) return p;
      return {
        ...p,
        placements: new Map(p.placements).set(pl.placementId, {
          ...pl,
          ended: { ...at, planned: event.data.planned, reason: event.data.reason ?? null },
        }),
      };
    }
    case 'EventRetracted':
      // Handled by `evolve`, which re-folds without the retracted event.
      return p;
  }
}
