export * from './case-rules';
export * from './case-state';
export { decide, type RecordCaseEvents } from './decide';
export { evolve, initialState } from './evolve';
export * from './case-view';
