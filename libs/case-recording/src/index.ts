export * from './case-event-codec';
export * from './case-recorder';
export * from './event-id';
export * from './field-problem';
export * from './national-identity-number';
export * from './record-id';
export * from './validate-record-request';
export * from './dto';
