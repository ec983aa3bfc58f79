import type {
  AftercareOutcome,
  CaseEvent,
  ClearingReason,
  ExtensionReason,
  InvestigationOutcome,
  MeasureBasis,
  MeasureEndReason,
  PlacementBasis,
  PlacementEndReason,
  PlanKind,
  ReporterCode,
  VisitFrequency,
  VisitKind,
} from '../events';

/*
 * Decision state of one case stream. Dates are kept as the raw `occurredAt` strings: order checks
 * need instants where both sides have one, and the view derives Oslo dates itself.
 */

/** Something that happened at a point in valid time, with the event that recorded it. */
export interface Dated {
  occurredAt: string;
  eventId: string;
}

/** bekymringsmelding (bvl 2021 § 2-1, bvl 1992 § 4-2) */
export interface NotificationState {
  notificationId: string;
  received: Dated;
  municipality: string;
  reporters: readonly ReporterCode[];
  childBirthYear: number | null;
  acute: boolean;
  /** the review (gjennomgang) ends either in an investigation or in a clearing (henleggelse) */
  conclusion: (Dated & { outcome: 'investigation' | ClearingReason }) | null;
}

/** undersøkelse (bvl 2021 § 2-2, bvl 1992 § 4-3) */
export interface InvestigationState {
  investigationId: string;
  notificationId: string;
  opened: Dated;
  /** fristforlengelse; `assessed` is Statsforvalteren's verdict on it */
  extension: (Dated & { reason: ExtensionReason | null; assessed: (Dated & { approved: boolean }) | null }) | null;
  closed: (Dated & { outcome: InvestigationOutcome }) | null;
}

/** hjelpetiltak */
export interface MeasureState {
  measureId: string;
  category: string;
  basis: MeasureBasis | null;
  /** vedtaksdato `YYYY-MM-DD` when recorded apart from the start */
  decidedOn: string | null;
  started: Dated;
  ended: (Dated & { reason: MeasureEndReason | null }) | null;
}

/** plassering utenfor hjemmet */
export interface PlacementState {
  placementId: string;
  category: string;
  basis: PlacementBasis;
  /** akuttplassering: basis `emergency`, or flagged so on a placement with another basis */
  emergency: boolean;
  started: Dated;
  ended: (Dated & { planned: boolean; reason: PlacementEndReason | null }) | null;
  /** besøkshyppighet changes, in stream order (each in force from its date) */
  frequencies: readonly FrequencyChange[];
  /** tilsynsansvar changes, in stream order (each in force from its date) */
  supervisors: readonly (Dated & { municipality: string })[];
}

export interface FrequencyChange extends Dated {
  kind: VisitKind;
  perYear: VisitFrequency;
  childConsent: boolean | null;
}

/** tiltaksplan, omsorgsplan, … (register Plan) */
export interface PlanState {
  planId: string;
  kind: PlanKind;
  measureId: string | null;
  placementId: string | null;
  /** `YYYY-MM-DD` */
  evaluationDueOn: string | null;
  created: Dated;
  /** in stream order */
  evaluations: readonly Dated[];
  ended: Dated | null;
}

/** oppfølgings- or tilsynsbesøk */
export interface VisitState {
  visitId: string;
  placementId: string;
  kind: VisitKind;
  inPerson: boolean;
  held: Dated;
}

/** ettervern offer (bvl 2021 § 3-6) */
export interface AftercareOfferState {
  offerId: string;
  offered: Dated;
  concluded: (Dated & { outcome: AftercareOutcome }) | null;
}

export const ENTITY_KINDS = ['notification', 'investigation', 'measure', 'placement', 'plan', 'visit', 'aftercareOffer'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * What the effective (non-retracted) events say. Rebuilt from scratch after a retraction, so it
 * never holds anything a retracted event contributed.
 */
export interface CaseProjection {
  /** kommunenummer of the first notification recorded, even once it is retracted: a case never moves */
  municipality: string | null;
  /** in stream order */
  notifications: ReadonlyMap<string, NotificationState>;
  investigations: ReadonlyMap<string, InvestigationState>;
  openInvestigationId: string | null;
  measures: ReadonlyMap<string, MeasureState>;
  placements: ReadonlyMap<string, PlacementState>;
  plans: ReadonlyMap<string, PlanState>;
  visits: ReadonlyMap<string, VisitState>;
  aftercareOffers: ReadonlyMap<string, AftercareOfferState>;
}

export interface CaseState extends CaseProjection {
  caseId: string | null;
  /** number of events in the stream, retracted ones and retractions included */
  version: number;
  /** every event ever appended, by eventId; eventIds stay taken after a retraction */
  eventsById: ReadonlyMap<string, CaseEvent>;
  /**
   * Entity ids ever used, per kind; they stay taken after a retraction so a later event can never
   * be mistaken for the retracted one. Uniqueness is per kind: each reference names its kind.
   */
  takenIds: Readonly<Record<EntityKind, ReadonlySet<string>>>;
  /** non-retracted events other than retractions, in stream order */
  effectiveEvents: readonly CaseEvent[];
  /** in the order they were retracted */
  retractedEventIds: readonly string[];
}
