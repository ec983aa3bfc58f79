export * from './api';
export { addDays, addMonths, daysBetween, compareLocalDates, fromDayNumber, isValidLocalDate, toDayNumber } from './local-date';
export { easterSunday, isNorwegianPublicHoliday, isWeekendOrNorwegianPublicHoliday, nextWorkingDayOnOrAfter } from './holidays';
export {
  compareOccurredAt,
  isPlainDate,
  osloDateOf,
  osloDateOfInstant,
  osloOffsetMinutes,
  parseOccurredAt,
  type ParsedOccurredAt,
} from './occurred-at';
export { BVL_1992, BVL_2021, DEFAULT_DEADLINE_RULES, ruleSetFor, withRollForward } from './rule-sets';
export {
  deadlineStatus,
  deadlineStatusOnDays,
  extensionDecidedInTimeOnDays,
  extensionInForce,
  extensionInForceOnDays,
  investigationDeadlines,
  isOnTime,
  isOnTimeOnDays,
  isOverdueOnDays,
  reviewDeadline,
  type ExtensionAssessment,
  type InvestigationDeadlines,
} from './deadlines';
export {
  DEFAULT_FOLLOW_UP_RULES,
  FOLLOW_UP_1992,
  FOLLOW_UP_1992_AFTERCARE_25,
  FOLLOW_UP_2021,
  followUpRuleSetFor,
  followUpRuleSetForDay,
  type FollowUpRuleSet,
  type FollowUpRuleSetId,
  type FollowUpRules,
  type PlanMembership,
  type VisitPopulation,
} from './follow-up-rule-sets';
