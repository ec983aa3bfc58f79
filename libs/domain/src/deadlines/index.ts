export * from './api';
export { addDays, addMonths, daysBetween, compareLocalDates, isValidLocalDate } from './local-date';
export {
  easterSunday,
  isNorwegianPublicHoliday,
  isWeekendOrNorwegianPublicHoliday,
  nextWorkingDayOnOrAfter,
} from './holidays';
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
  extensionInForce,
  investigationDeadlines,
  isOnTime,
  reviewDeadline,
  type ExtensionAssessment,
  type InvestigationDeadlines,
} from './deadlines';
