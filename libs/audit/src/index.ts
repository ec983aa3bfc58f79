export { latenessHours, latenessOf, type Lateness } from './lateness';
export { CSV_COLUMNS, csvField, csvHeader, csvRow, ndjsonLine, toAuditRecord, type AuditRecord } from './export/audit-record';
export { auditRecords, exportChunks, type AuditEventFilter, type ExportFormat } from './export/export-events';
export { explainCase, type ExplainQuery, type Explanation, type ExplanationReason } from './compare/explain';
export {
  lateRegistrations,
  type LateRegistration,
  type LateRegistrationQuery,
  type LateRegistrationReport,
} from './late/late-registrations';
export { InMemoryAccessLog, type AccessEntry, type AccessLog, type AccessLogFilter, type StoredAccessEntry } from './access-log/access-log';
export { ACCESS_LOG_FILE, SqliteAccessLog } from './access-log/sqlite-access-log';
export { caseTimeline, type TimelineEntry } from './timeline';
