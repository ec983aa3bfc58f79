export { generateHistory, generateEventLog, defaultNow } from './history';
export type { GenerateOptions, GeneratedCase, GeneratedEvent, LogEntry } from './history';
export { logToRequests, caseToRequests, MAX_EVENTS_PER_REQUEST, type EventRequest } from './requests';
export { NOTIFICATIONS_PER_YEAR_AT_SCALE_1 } from './calibration';
export { summarize, SummaryBuilder, share, type HistorySummary, type Ratio } from './summary';
