/*
 * Injection tokens. Every constructor dependency is injected by token, never by reflected type, so
 * the app runs the same under tsc/webpack, swc and esbuild (tsx), which emits no decorator metadata.
 */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');
/** the one write path (`CaseRecording`) and the reader of one case, sharing one case cache */
export const CASE_RECORDING = Symbol('CASE_RECORDING');
export const CASE_READER = Symbol('CASE_READER');
export const CASE_CACHE = Symbol('CASE_CACHE');
/** operations seams: register health components, metrics sources and shutdown steps through these */
export const HEALTH_REGISTRY = Symbol('HEALTH_REGISTRY');
export const METRICS = Symbol('METRICS');
export const SHUTDOWN_HOOKS = Symbol('SHUTDOWN_HOOKS');
export const IN_FLIGHT_REQUESTS = Symbol('IN_FLIGHT_REQUESTS');

export type Clock = () => Date;
