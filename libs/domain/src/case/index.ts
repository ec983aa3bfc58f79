export * from './case-rules';
export * from './case-state';
export { decide, type RecordCaseEvents } from './decide';
export { evolve, evolveAll, initialState } from './evolve';
export * from './case-view';
