/**
 * Stable machine codes of the case rules (CONTRACT.md §1). Clients and the HTTP layer (422) key on
 * these strings: add new ones freely, never rename.
 */
export const CASE_RULES = [
  'first_event_must_be_notification',
  'duplicate_event_id',
  'duplicate_entity_id',
  'invalid_occurred_at',
  'occurred_in_future',
  'occurred_before_1993',
  'dated_before_referenced_event',
  'municipality_mismatch',
  'unknown_notification',
  'notification_already_concluded',
  'unknown_investigation',
  'investigation_already_open',
  'investigation_overlaps_previous',
  'investigation_not_open',
  'no_ongoing_investigation',
  'investigation_already_extended',
  'investigation_not_extended',
  'extension_already_assessed',
  'invalid_measure_category',
  'unknown_measure',
  'measure_already_ended',
  'invalid_placement_category',
  'unknown_placement',
  'placement_already_ended',
  'not_a_foster_home',
  'outside_placement',
  'unknown_plan',
  'plan_already_ended',
  'plan_evaluated_after_end',
  'evaluation_due_before_plan',
  'unknown_aftercare_offer',
  'aftercare_already_concluded',
  'unknown_event',
  'event_already_retracted',
  'cannot_retract_retraction',
  'retraction_has_dependants',
] as const;
export type CaseRule = (typeof CASE_RULES)[number];

/** An event of a `RecordCaseEvents` batch breaks a case rule; nothing of the batch may be stored. */
export class CaseRuleViolation extends Error {
  override readonly name = 'CaseRuleViolation';

  constructor(
    readonly rule: CaseRule,
    message: string,
    /** 0-based position of the offending event in the batch */
    readonly eventIndex: number,
    readonly eventId: string,
  ) {
    super(message);
  }
}
