import pino, { type DestinationStream, type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** The part of a pino logger the request context needs; Fastify's request logger has exactly this. */
export type LineLogger = Pick<Logger, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'>;

/**
 * The logger for a line about one request: Fastify's request logger (it carries `reqId`) with the
 * component and, once known, the authenticated subject. Passed explicitly, not found through
 * AsyncLocalStorage: on Node 20 that turns on a promise hook for every promise in the process, which
 * cost about a tenth of the CPU of recording an event (scripts/bench/http-append.ts).
 */
export function requestLogger(request: { log: ChildLoggerFactory }, context: string, subject?: string): LineLogger {
  return request.log.child({ context, ...(subject === undefined ? {} : { sub: subject }) });
}

/** A logger that makes children; Fastify's request logger is one. */
export interface ChildLoggerFactory {
  child(bindings: Record<string, unknown>): LineLogger;
}

export interface CreateLoggerOptions {
  level: LogLevelName;
  /** the `service` field on every line */
  service: string;
  /** default stdout; tests pass a stream to read the lines */
  destination?: DestinationStream;
}

/**
 * JSON lines on stdout: `level` as a word, ISO `time`, `service`, and within a request `reqId` and
 * `sub`. Nothing here serialises requests or bodies; callers log route patterns, never URLs.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An incoming `x-request-id` is kept only if it cannot forge log structure or carry data. */
export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value);
}
