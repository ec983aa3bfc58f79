export * from './case-rules';
export * from './case-state';
export { decide, type RecordCaseEvents } from './decide';
export { evolve, evolveAll, initialState } from './evolve';
/*
 * For a caller that keeps one case's state up to date as its stream grows (the recorder's cache):
 * `draftOf` copies a state once, `applyToDraft` folds each new event into that copy in place, so an
 * append costs its own events rather than a copy of the whole case. The caller owns the draft.
 */
export { applyToDraft, draftOf, type CaseStateDraft } from './evolve';
export * from './case-view';
export * from './valid-time';
