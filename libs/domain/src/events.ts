/**
 * Case events, schema version 1 (CONTRACT.md §1). Plain data, one discriminated union.
 * `occurredAt` is valid time: an ISO-8601 instant with offset, or a plain Oslo date `YYYY-MM-DD`.
 */

export const REPORTER_CODES = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
] as const;
/** melder (SSB code list) */
export type ReporterCode = (typeof REPORTER_CODES)[number];

/** henleggelsesgrunn for a bekymringsmelding */
export const CLEARING_REASONS = [
  'no_grounds',
  'active_measures',
  'joined_ongoing_investigation',
  'moved_abroad',
  'moved_unknown',
  'transferred_municipality',
  'transferred_agency',
  'other_act',
  'other',
] as const;
export type ClearingReason = (typeof CLEARING_REASONS)[number];

export const EXTENSION_REASONS = ['complex_case', 'expert_assessment', 'family_circumstances', 'other'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];

/** utfall av undersøkelse */
export const INVESTIGATION_OUTCOMES = [
  'measures_decided',
  'petition_to_board',
  'cleared_service_assessment',
  'cleared_party_wish',
  'cleared_referred',
  'cleared_moved_abroad',
  'cleared_moved_unknown',
  'cleared_moved_municipality',
] as const;
export type InvestigationOutcome = (typeof INVESTIGATION_OUTCOMES)[number];

export const MEASURE_BASES = ['voluntary', 'ordered'] as const;
export type MeasureBasis = (typeof MEASURE_BASES)[number];
export const MEASURE_END_REASONS = ['completed', 'returned_to_family', 'turned_18', 'other'] as const;
export type MeasureEndReason = (typeof MEASURE_END_REASONS)[number];

export const PLACEMENT_BASES = ['voluntary', 'emergency', 'care_order', 'behavioural'] as const;
export type PlacementBasis = (typeof PLACEMENT_BASES)[number];
export const PLACEMENT_END_REASONS = ['returned_to_parents', 'turned_18', 'adoption', 'moved_placement', 'other'] as const;
export type PlacementEndReason = (typeof PLACEMENT_END_REASONS)[number];

/**
 * Plantype of the national register (ssb-barnevern-v4.xsd `Plan/Plantype`): 1 tiltaksplan § 8-1,
 * 2 tiltaksplan § 8-4, 3 foreløpig omsorgsplan (to 2022), 4 omsorgsplan § 8-3, 5 ettervern § 8-5,
 * 6 samværsplan, 7 undersøkelsesplan, 8 undersøkelsesplan etter akuttvedtak.
 */
export const PLAN_KINDS = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** oppfølgingsbesøk (bvl 2021 § 9-6, the care municipality) or tilsynsbesøk (the foster home's municipality) */
export const VISIT_KINDS = ['follow_up', 'supervision'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** register `Hyppighet`: 4 standard, 2 reduced */
export const VISIT_FREQUENCIES = [4, 2] as const;
export type VisitFrequency = (typeof VISIT_FREQUENCIES)[number];

/** conclusion of an ettervern offer (register `Ettervern`) */
export const AFTERCARE_OUTCOMES = ['accepted', 'declined_wants_other_measure', 'declined_no_more_measures'] as const;
export type AftercareOutcome = (typeof AFTERCARE_OUTCOMES)[number];

export const RETRACTION_REASONS = ['registration_error', 'duplicate', 'wrong_case'] as const;
export type RetractionReason = (typeof RETRACTION_REASONS)[number];

interface EventBase<T extends string, D> {
  type: T;
  eventId: string;
  occurredAt: string;
  data: D;
}

/** bekymringsmelding mottatt (bvl 2021 § 2-1) */
export type NotificationReceived = EventBase<
  'NotificationReceived',
  {
    notificationId: string;
    municipality: string;
    reporters: ReporterCode[];
    childBirthYear?: number;
    acute?: boolean;
  }
>;
/** melding henlagt */
export type NotificationCleared = EventBase<'NotificationCleared', { notificationId: string; reason: ClearingReason }>;
/** undersøkelse startet (bvl 2021 § 2-2) */
export type InvestigationOpened = EventBase<'InvestigationOpened', { investigationId: string; notificationId: string }>;
/** fristforlengelse til seks måneder */
export type InvestigationExtended = EventBase<'InvestigationExtended', { investigationId: string; reason?: ExtensionReason }>;
/** Statsforvalterens vurdering av forlengelsen */
export type ExtensionAssessed = EventBase<'ExtensionAssessed', { investigationId: string; approved: boolean }>;
/** undersøkelse avsluttet */
export type InvestigationClosed = EventBase<'InvestigationClosed', { investigationId: string; outcome: InvestigationOutcome }>;
/** hjelpetiltak startet (bvl 2021 kap. 3) */
export type MeasureStarted = EventBase<
  'MeasureStarted',
  {
    measureId: string;
    category: string;
    basis?: MeasureBasis;
    /** vedtaksdato `YYYY-MM-DD`, when the measure was decided before it started; a tiltaksplan is due from it */
    decidedOn?: string;
  }
>;
export type MeasureEnded = EventBase<'MeasureEnded', { measureId: string; reason?: MeasureEndReason }>;
/** plassering utenfor hjemmet */
export type PlacementStarted = EventBase<
  'PlacementStarted',
  {
    placementId: string;
    category: string;
    basis: PlacementBasis;
    /** akuttplassering whatever its basis, so an emergency placement can also be voluntary */
    emergency?: boolean;
  }
>;
export type PlacementEnded = EventBase<'PlacementEnded', { placementId: string; planned: boolean; reason?: PlacementEndReason }>;
/** plan vedtatt (tiltaksplan, omsorgsplan, …); linked to the measure or placement it plans for, if any */
export type PlanCreated = EventBase<
  'PlanCreated',
  {
    planId: string;
    kind: PlanKind;
    measureId?: string;
    placementId?: string;
    /** `YYYY-MM-DD`: the plan's own first evaluation date, which wins over the rule set's interval */
    evaluationDueOn?: string;
  }
>;
/** plan evaluert */
export type PlanEvaluated = EventBase<'PlanEvaluated', { planId: string }>;
export type PlanEnded = EventBase<'PlanEnded', { planId: string }>;
/** besøkshyppighet from this date, per placement and kind of visit */
export type VisitFrequencySet = EventBase<
  'VisitFrequencySet',
  {
    placementId: string;
    kind: VisitKind;
    perYear: VisitFrequency;
    /** the child's consent to a reduced supervision frequency */
    childConsent?: boolean;
  }
>;
/** tilsynsansvar: the municipality that supervises the foster home from this date */
export type SupervisionResponsibilitySet = EventBase<'SupervisionResponsibilitySet', { placementId: string; municipality: string }>;
/** oppfølgings- or tilsynsbesøk held */
export type VisitHeld = EventBase<'VisitHeld', { visitId: string; placementId: string; kind: VisitKind; inPerson: boolean }>;
/** ettervern tilbudt (bvl 2021 § 3-6) */
export type AftercareOffered = EventBase<'AftercareOffered', { offerId: string }>;
export type AftercareConcluded = EventBase<'AftercareConcluded', { offerId: string; outcome: AftercareOutcome }>;
export type EventRetracted = EventBase<'EventRetracted', { retractedEventId: string; reason: RetractionReason }>;

export type CaseEvent =
  | NotificationReceived
  | NotificationCleared
  | InvestigationOpened
  | InvestigationExtended
  | ExtensionAssessed
  | InvestigationClosed
  | MeasureStarted
  | MeasureEnded
  | PlacementStarted
  | PlacementEnded
  | PlanCreated
  | PlanEvaluated
  | PlanEnded
  | VisitFrequencySet
  | SupervisionResponsibilitySet
  | VisitHeld
  | AftercareOffered
  | AftercareConcluded
  | EventRetracted;

export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** The events of DOMAIN.md §7 (plans, visits, supervision, aftercare) */
export const FOLLOW_UP_EVENT_TYPES: readonly CaseEventType[] = [
  'PlanCreated',
  'PlanEvaluated',
  'PlanEnded',
  'VisitFrequencySet',
  'SupervisionResponsibilitySet',
  'VisitHeld',
  'AftercareOffered',
  'AftercareConcluded',
];

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'NotificationReceived',
  'NotificationCleared',
  'InvestigationOpened',
  'InvestigationExtended',
  'ExtensionAssessed',
  'InvestigationClosed',
  'MeasureStarted',
  'MeasureEnded',
  'PlacementStarted',
  'PlacementEnded',
  ...FOLLOW_UP_EVENT_TYPES,
  'EventRetracted',
];

/*
 * Version 1 still: the follow-up events and the optional `decidedOn` / `emergency` fields are
 * additive (CONTRACT.md: optional fields and new types do not make a new version), and every
 * event written before them keeps its meaning.
 */
export const SCHEMA_VERSION = 1;

/** A case event as stored: the client's event plus what the server adds (CONTRACT.md §1). */
export type RecordedCaseEvent = CaseEvent & {
  caseId: string;
  version: number;
  position: number;
  recordedAt: string;
  recordedBy: string;
  schemaVersion: number;
};
