/** Topic names of CONTRACT.md §3; the version suffix changes only with an incompatible message format. */
export const TOPICS = {
  caseEvents: 'fristvakt.case-events.v1',
  caseIntake: 'fristvakt.case-intake.v1',
  caseIntakeDeadLetters: 'fristvakt.case-intake.v1.dlq',
} as const;
