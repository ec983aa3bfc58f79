export * from './backoff';
export { createMessaging } from './create-messaging';
export * from './kafka-config';
export * from './logger';
export * from './message';
export * from './message-consumer';
export * from './message-producer';
export * from './messaging';
export * from './topics';
