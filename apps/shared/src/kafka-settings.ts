import type { KafkaConfig, LogLevelName } from '@fristvakt/messaging';

export class KafkaConfigError extends Error {
  override readonly name = 'KafkaConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;
const CLIENT_ID = /^[A-Za-z0-9._-]{1,128}$/;
const LOG_LEVELS: readonly LogLevelName[] = ['nothing', 'error', 'warn', 'info', 'debug'];

/** True when Kafka is configured at all; without `KAFKA_BROKERS` every Kafka feature stays off. */
export function kafkaEnabled(env: Env): boolean {
  return (env.KAFKA_BROKERS ?? '').trim() !== '';
}

/** Reads the client settings; one KafkaConfigError names every bad variable. */
export function loadKafkaConfig(env: Env): KafkaConfig {
  const problems: string[] = [];
  const config = readKafkaConfig(env, problems);
  if (problems.length > 0) throw new KafkaConfigError(`Invalid Kafka configuration: ${problems.join('; ')}`);
  return config;
}

/** Like {@link loadKafkaConfig}, but adds what is wrong to `problems`, for a caller that reports all its settings at once. */
export function readKafkaConfig(env: Env, problems: string[]): KafkaConfig {
  const text = (name: string, fallback: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? fallback : v;
  };

  const brokers = text('KAFKA_BROKERS', '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (brokers.length === 0) problems.push('KAFKA_BROKERS must list at least one host:port');
  for (const broker of brokers) {
    if (!BROKER.test(broker)) problems.push(`KAFKA_BROKERS entries must be host:port, got ${JSON.stringify(broker)}`);
  }

  const clientId = text('KAFKA_CLIENT_ID', 'fristvakt');
  if (!CLIENT_ID.test(clientId)) problems.push(`KAFKA_CLIENT_ID must be 1-128 of A-Z a-z 0-9 . _ -, got ${JSON.stringify(clientId)}`);

  const requestTimeoutMs = positiveInteger('KAFKA_REQUEST_TIMEOUT_MS', text('KAFKA_REQUEST_TIMEOUT_MS', '30000'), problems);
  const connectionTimeoutMs = positiveInteger('KAFKA_CONNECTION_TIMEOUT_MS', text('KAFKA_CONNECTION_TIMEOUT_MS', '3000'), problems);

  const clientLogLevel = text('KAFKA_LOG_LEVEL', 'warn') as LogLevelName;
  if (!LOG_LEVELS.includes(clientLogLevel))
    problems.push(`KAFKA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(clientLogLevel)}`);

  return { brokers, clientId, requestTimeoutMs, connectionTimeoutMs, clientLogLevel };
}

export function positiveInteger(name: string, value: string, problems: string[]): number {
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1)) problems.push(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}
