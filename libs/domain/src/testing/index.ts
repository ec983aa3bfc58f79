export * from './case-events';
export { RecordedLog, type Stamp } from './recorded-log';
