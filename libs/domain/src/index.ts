export * from './events';
export * from './codes';
export * from './deadlines';
export * from './case';
export * from './children/child-figures';
export * from './municipalities/municipalities';
export * from './follow-up';
