import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: resolve('./data'),
      store: 'sqlite',
      recordedBy: 'anonymous-intake',
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({ PORT: '8080', HOST: '127.0.0.1', FRISTVAKT_DATA_DIR: '/tmp/x', FRISTVAKT_STORE: 'memory', FRISTVAKT_RECORDED_BY: 'svc-intake' }),
    ).toEqual({ port: 8080, host: '127.0.0.1', dataDir: '/tmp/x', store: 'memory', recordedBy: 'svc-intake' });
  });

  it.each([
    ['PORT', { PORT: 'http' }],
    ['PORT', { PORT: '70000' }],
    ['FRISTVAKT_STORE', { FRISTVAKT_STORE: 'postgres' }],
    ['FRISTVAKT_RECORDED_BY', { FRISTVAKT_RECORDED_BY: 'two words' }],
    ['HOST', { HOST: 'a b' }],
  ])('names %s when it is bad', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
