export * from './health-registry';
export * from './http-observability';
export * from './logging';
export * from './metrics';
export { PinoNestLogger } from './nest-logger';
export * from './heartbeat';
