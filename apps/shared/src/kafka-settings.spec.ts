import { kafkaEnabled, KafkaConfigError, loadKafkaConfig } from './kafka-settings';

describe('loadKafkaConfig', () => {
  it('has defaults for everything but the brokers', () => {
    expect(loadKafkaConfig({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092' })).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      clientId: 'fristvakt',
      requestTimeoutMs: 30_000,
      connectionTimeoutMs: 3000,
      clientLogLevel: 'warn',
    });
  });

  it.each([
    ['KAFKA_BROKERS', {}],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'kafka-1' }],
    ['KAFKA_CLIENT_ID', { KAFKA_BROKERS: 'k:1', KAFKA_CLIENT_ID: 'a b' }],
    ['KAFKA_REQUEST_TIMEOUT_MS', { KAFKA_BROKERS: 'k:1', KAFKA_REQUEST_TIMEOUT_MS: '0' }],
    ['KAFKA_LOG_LEVEL', { KAFKA_BROKERS: 'k:1', KAFKA_LOG_LEVEL: 'loud' }],
  ])('names %s when it is bad', (name, env) => {
    expect(() => loadKafkaConfig(env)).toThrow(KafkaConfigError);
    expect(() => loadKafkaConfig(env)).toThrow(name);
  });

  it('is enabled only with brokers', () => {
    expect(kafkaEnabled({})).toBe(false);
    expect(kafkaEnabled({ KAFKA_BROKERS: ' ' })).toBe(false);
    expect(kafkaEnabled({ KAFKA_BROKERS: 'k:1' })).toBe(true);
  });
});
