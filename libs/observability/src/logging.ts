import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** The part of a pino logger the request context needs; Fastify's request logger has exactly this. */
export type LineLogger = Pick<Logger, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'>;

/** What every log line written while serving one request can learn about it. */
export interface RequestContext {
  /** the request's child logger: it carries `reqId` */
  log: LineLogger;
  /** the authenticated subject, once authentication has set it */
  subject(): string | undefined;
}

/** Set by the HTTP hooks (http-observability.ts); read by the Nest logger adapter and the mixin. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

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
      mixin() {
        const sub = requestContext.getStore()?.subject();
        return sub === undefined ? {} : { sub };
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An incoming `x-request-id` is kept only if it cannot forge log structure or carry data. */
export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value);
}
