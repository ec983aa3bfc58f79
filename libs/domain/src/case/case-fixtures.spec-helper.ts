/*
 * Event builders and a given / when / then harness for the case specs. No jest globals here: the
 * build's tsconfig compiles every non-spec file of libs/, this one included. Event ids are derived from
 * the entity id so retractions in specs read naturally: retract('close-u1').
 */
import type {
  AftercareOutcome,
  CaseEvent,
  CaseEventOf,
  ClearingReason,
  InvestigationOutcome,
  PlacementBasis,
  PlanKind,
  VisitFrequency,
  VisitKind,
} from '../events';
import { CaseRuleViolation, type CaseRule } from './case-rules';
import type { CaseState } from './case-state';
import { decide } from './decide';
import { evolve, initialState } from './evolve';

export const CASE_ID = 'c-1';
/** 14:00 in Oslo (CEST) */
export const NOW = '2025-06-01T12:00:00Z';

type Opt = { eventId?: string };

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

export function measureStarted(measureId: string, category: string, at: string, opt: Opt = {}): CaseEvent {
  return {
    type: 'MeasureStarted',
    eventId: opt.eventId ?? `mst-${measureId}`,
    occurredAt: at,
    data: { measureId, category, basis: 'voluntary' },
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
  opt: Opt = {},
): CaseEvent {
  return { type: 'PlacementStarted', eventId: opt.eventId ?? `pst-${placementId}`, occurredAt: at, data: { placementId, category, basis } };
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

export function visitHeld(visitId: string, placementId: string, at: string, kind: VisitKind = 'follow_up', inPerson = true): CaseEvent {
  return { type: 'VisitHeld', eventId: `visit-${visitId}`, occurredAt: at, data: { visitId, placementId, kind, inPerson } };
}

export function aftercareOffered(offerId: string, at: string): CaseEvent {
  return { type: 'AftercareOffered', eventId: `offer-${offerId}`, occurredAt: at, data: { offerId } };
}

export function aftercareConcluded(offerId: string, outcome: AftercareOutcome, at: string): CaseEvent {
  return { type: 'AftercareConcluded', eventId: `offer-end-${offerId}`, occurredAt: at, data: { offerId, outcome } };
}

export function retract(retractedEventId: string, at: string, opt: Opt = {}): CaseEvent {
  return {
    type: 'EventRetracted',
    eventId: opt.eventId ?? `retract-${retractedEventId}`,
    occurredAt: at,
    data: { retractedEventId, reason: 'registration_error' },
  };
}

/** Folds a history that the decider accepts (each event decided, so fixtures cannot be invalid). */
export function stateOf(events: readonly CaseEvent[], now = NOW): CaseState {
  return events.reduce((s, e) => evolve(s, decide({ caseId: CASE_ID, events: [e], now }, s)[0]), initialState(CASE_ID));
}

export function given(...history: CaseEvent[]) {
  const state = stateOf(history);
  return {
    state,
    when(...events: CaseEvent[]) {
      const run = (now: string) => () => decide({ caseId: CASE_ID, events, now }, state);
      let now = NOW;
      const then = {
        at(instant: string) {
          now = instant;
          return then;
        },
        thenAppends(): void {
          const out = run(now)();
          // decide returns the very events it accepted, so identity is the check
          if (out.length !== events.length || out.some((e, i) => e !== events[i])) {
            throw new Error(`expected the ${events.length} events to be appended, got ${JSON.stringify(out)}`);
          }
        },
        thenRefuses(rule: CaseRule, eventIndex = events.length - 1): CaseRuleViolation {
          let caught: unknown;
          try {
            run(now)();
          } catch (e) {
            caught = e;
          }
          if (!(caught instanceof CaseRuleViolation)) {
            throw new Error(
              `expected rule ${rule} at event #${eventIndex}, got ${caught === undefined ? 'the events appended' : String(caught)}`,
            );
          }
          if (caught.rule !== rule || caught.eventIndex !== eventIndex) {
            throw new Error(
              `expected rule ${rule} at event #${eventIndex}, got ${caught.rule} at #${caught.eventIndex}: ${caught.message}`,
            );
          }
          return caught;
        },
      };
      return then;
    },
  };
}
