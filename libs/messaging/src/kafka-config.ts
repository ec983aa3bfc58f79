import type { LogLevelName } from './logger';

/** The client settings; the apps read them from the environment (`apps/shared/src/kafka-settings.ts`). */
export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** how long one request may go unanswered before it counts as failed (a hung broker looks like this) */
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  /** log level of the client library's own logging */
  clientLogLevel: LogLevelName;
}
