import { resolve } from 'node:path';
import { readKafkaEmbeddingConfig } from './kafka-embedding-config';

/** The reader loadConfig hands over: the variable, or '' for unset (every Kafka default here is spelled out by the test). */
const reader = (env: Record<string, string>) => (name: string) => env[name] ?? '';

describe('readKafkaEmbeddingConfig', () => {
  it('is off without brokers, but still refuses an intake that cannot run', () => {
    const problems: string[] = [];
    expect(readKafkaEmbeddingConfig(reader({ FRISTVAKT_KAFKA_INTAKE: 'false' }), problems)).toBeNull();
    expect(problems).toEqual([]);
    readKafkaEmbeddingConfig(reader({ FRISTVAKT_KAFKA_INTAKE: 'true' }), problems);
    expect(problems).toEqual(['FRISTVAKT_KAFKA_INTAKE=true needs KAFKA_BROKERS']);
  });

  it('keeps the relay checkpoint in the data dir unless FRISTVAKT_RELAY_CHECKPOINT names a file', () => {
    const base = {
      KAFKA_BROKERS: 'localhost:9092',
      FRISTVAKT_KAFKA_INTAKE: 'false',
      FRISTVAKT_RELAY_BATCH_SIZE: '100',
      FRISTVAKT_RELAY_CHECKPOINT_MS: '0',
    };
    const problems: string[] = [];
    expect(readKafkaEmbeddingConfig(reader(base), problems)?.relay).toEqual({ batchSize: 100, checkpointEveryMs: 0 });
    expect(readKafkaEmbeddingConfig(reader({ ...base, FRISTVAKT_RELAY_CHECKPOINT: 'state/relay.json' }), problems)?.relay).toEqual({
      batchSize: 100,
      checkpointEveryMs: 0,
      checkpointFile: resolve('state/relay.json'),
    });
    expect(problems).toEqual([]);
  });
});

describe('readKafkaEmbeddingConfig: the intake', () => {
  const base = {
    KAFKA_BROKERS: 'localhost:9092',
    FRISTVAKT_KAFKA_INTAKE: 'true',
    FRISTVAKT_RELAY_BATCH_SIZE: '100',
    FRISTVAKT_RELAY_CHECKPOINT_MS: '0',
    FRISTVAKT_INTAKE_GROUP_ID: 'g',
  };

  it('does not run until told whom it records for and where, as the standalone intake', () => {
    const problems: string[] = [];
    readKafkaEmbeddingConfig(reader(base), problems);
    expect(problems).toEqual([
      expect.stringContaining('FRISTVAKT_INTAKE_SUBJECT is required'),
      expect.stringContaining('FRISTVAKT_INTAKE_MUNICIPALITIES is required'),
    ]);
  });

  it('reads the same settings as the standalone intake', () => {
    const problems: string[] = [];
    const config = readKafkaEmbeddingConfig(
      reader({ ...base, FRISTVAKT_INTAKE_SUBJECT: 'kafka-intake:a', FRISTVAKT_INTAKE_MUNICIPALITIES: '3201' }),
      problems,
    );
    expect(config?.intake).toEqual({ subject: 'kafka-intake:a', municipalities: new Set(['3201']), groupId: 'g' });
    expect(problems).toEqual([]);
  });
});
