export * from './events';
export * from './codes';
export * from './deadlines';
export * from './case';
export * from './follow-up';
