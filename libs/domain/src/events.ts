/**
 * Case events, schema version 1 (CONTRACT.md §1). Plain data, one discriminated union.
 * `occurredAt` is valid time: an ISO-8601 instant with offset, or a plain Oslo date `YYYY-MM-DD`.
 */

export const REPORTER_CODES = [
  '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18',
  '19', '20', '21', '22', '23', '24', '25',
] as const;
/** melder (SSB code list) */
export type ReporterCode = (typeof REPORTER_CODES)[number];

/** henleggelsesgrunn for a bekymringsmelding */
export const CLEARING_REASONS = [
  'no_grounds', 'active_measures', 'joined_ongoing_investigation', 'moved_abroad', 'moved_unknown',
  'transferred_municipality', 'transferred_agency', 'other_act', 'other',
] as const;
export type ClearingReason = (typeof CLEARING_REASONS)[number];

export const EXTENSION_REASONS = ['complex_case', 'expert_assessment', 'family_circumstances', 'other'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];

/** utfall av undersøkelse */
export const INVESTIGATION_OUTCOMES = [
  'measures_decided', 'petition_to_board', 'cleared_service_assessment', 'cleared_party_wish',
  'cleared_referred', 'cleared_moved_abroad', 'cleared_moved_unknown', 'cleared_moved_municipality',
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

export const RETRACTION_REASONS = ['registration_error', 'duplicate', 'wrong_case'] as const;
export type RetractionReason = (typeof RETRACTION_REASONS)[number];

interface EventBase<T extends string, D> {
  type: T;
  eventId: string;
  occurredAt: string;
  data: D;
}

/** bekymringsmelding mottatt (bvl 2021 § 2-1) */
export type NotificationReceived = EventBase<'NotificationReceived', {
  notificationId: string;
  municipality: string;
  reporters: ReporterCode[];
  childBirthYear?: number;
  acute?: boolean;
}>;
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
export type MeasureStarted = EventBase<'MeasureStarted', { measureId: string; category: string; basis?: MeasureBasis }>;
export type MeasureEnded = EventBase<'MeasureEnded', { measureId: string; reason?: MeasureEndReason }>;
/** plassering utenfor hjemmet */
export type PlacementStarted = EventBase<'PlacementStarted', { placementId: string; category: string; basis: PlacementBasis }>;
export type PlacementEnded = EventBase<'PlacementEnded', { placementId: string; planned: boolean; reason?: PlacementEndReason }>;
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
  | EventRetracted;

export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'NotificationReceived', 'NotificationCleared', 'InvestigationOpened', 'InvestigationExtended',
  'ExtensionAssessed', 'InvestigationClosed', 'MeasureStarted', 'MeasureEnded', 'PlacementStarted',
  'PlacementEnded', 'EventRetracted',
];

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
