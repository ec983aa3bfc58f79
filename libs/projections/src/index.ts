export { apply, applyAll } from './model/apply';
export { createModel, type ProjectionModel } from './model/model';
export { LATEST, type View } from './model/view';
export { fromEpochDay, toEpochDay } from './model/epoch-day';
export {
  DEADLINE_KINDS,
  deadlines,
  type DeadlineItem,
  type DeadlineKind,
  type DeadlinesAnswer,
  type DeadlinesQuery,
} from './query/deadlines';
export { compliance, type ComplianceAnswer, type ComplianceQuery } from './query/compliance';
export type { FollowUpIndicator, FollowUpSection, VisitIndicator } from './query/follow-up/follow-up-figures';
export { children, CHILD_MEASURE_GROUPS, type ChildrenAnswer, type ChildrenQuery } from './query/children';
export { flow, type EventsAndChildren, type FlowAnswer, type FlowQuery } from './query/flow';
export type { FiguresQuery } from './query/figures-query';
export { scopeOf, type MunicipalityFilter } from './query/scope';
export { parsePeriod, type Period } from './query/period';
export {
  assertQueryDate,
  endOfOsloDayMs,
  parseQueryTime,
  parseAsOf,
  parseKnownAt,
  QUERY_DATE_RANGE,
  QueryParameterError,
} from './query/time-params';
export {
  complementarySuppression,
  isSmallCount,
  SUPPRESSION_NOTE,
  suppressSmallCounts,
  type AdditiveRelation,
  type Suppressed,
} from './query/suppression';
export type { DurationSummary } from './query/stats';
export {
  CATCH_UP_BATCH_SIZE,
  catchUp,
  PositionTimeoutError,
  PROJECTION_VERSION,
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionStatus,
} from './runner/projection-runner';
export { FileSnapshotStore, type Snapshot, type SnapshotLoad, type SnapshotStore } from './runner/snapshot-store';
