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
      logLevel: 'info',
      readyMaxLagEvents: 100,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        FRISTVAKT_DATA_DIR: '/tmp/x',
        FRISTVAKT_STORE: 'memory',
        FRISTVAKT_RECORDED_BY: 'svc-intake',
        LOG_LEVEL: 'debug',
        FRISTVAKT_READY_MAX_LAG_EVENTS: '0',
        FRISTVAKT_SHUTDOWN_TIMEOUT_MS: '2500',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      store: 'memory',
      recordedBy: 'svc-intake',
      logLevel: 'debug',
      readyMaxLagEvents: 0,
      shutdownTimeoutMs: 2500,
    });
  });

  it.each([
    ['PORT', { PORT: 'http' }],
    ['PORT', { PORT: '70000' }],
    ['FRISTVAKT_STORE', { FRISTVAKT_STORE: 'postgres' }],
    ['FRISTVAKT_RECORDED_BY', { FRISTVAKT_RECORDED_BY: 'two words' }],
    ['HOST', { HOST: 'a b' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['FRISTVAKT_READY_MAX_LAG_EVENTS', { FRISTVAKT_READY_MAX_LAG_EVENTS: '-1' }],
    ['FRISTVAKT_SHUTDOWN_TIMEOUT_MS', { FRISTVAKT_SHUTDOWN_TIMEOUT_MS: '10s' }],
    ['FRISTVAKT_STOR', { FRISTVAKT_STOR: 'memory' }],
  ])('names %s when it is bad', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('suggests the setting an unknown FRISTVAKT_ variable was probably meant to be', () => {
    expect(() => loadConfig({ FRISTVAKT_STOR: 'memory' })).toThrow('FRISTVAKT_STOR is not a setting (did you mean FRISTVAKT_STORE?)');
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT.*LOG_LEVEL/);
  });

  it('leaves variables outside its namespace alone', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', NODE_ENV: 'production' })).not.toThrow();
  });
});
