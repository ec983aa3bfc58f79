import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: resolve('./data'),
      store: 'sqlite',
      sqliteWriter: 'thread',
      logLevel: 'info',
      readyMaxLagEvents: 100,
      shutdownTimeoutMs: 10_000,
      minPositionWaitMs: 5000,
      auth: {
        mode: 'embedded',
        secretFile: null,
        issuer: 'fristvakt-embedded',
        audience: 'fristvakt',
        rolesClaim: 'roles',
        municipalitiesClaim: 'municipalities',
      },
      http: { rateLimitPerMinute: 6000, requestTimeoutMs: 30_000, connectionTimeoutMs: 120_000, corsOrigins: [] },
      dashboardDemoLogin: false,
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        FRISTVAKT_DATA_DIR: '/tmp/x',
        FRISTVAKT_STORE: 'memory',
        FRISTVAKT_SQLITE_WRITER: 'inline',
        LOG_LEVEL: 'debug',
        FRISTVAKT_READY_MAX_LAG_EVENTS: '0',
        FRISTVAKT_SHUTDOWN_TIMEOUT_MS: '2500',
        FRISTVAKT_MIN_POSITION_WAIT_MS: '1500',
        FRISTVAKT_AUTH_JWKS_URL: 'https://login.example.no/keys',
        FRISTVAKT_AUTH_ISSUER: 'https://login.example.no/',
        FRISTVAKT_AUTH_AUDIENCE: 'api://fristvakt',
        FRISTVAKT_AUTH_ROLES_CLAIM: 'realm_access.roles',
        FRISTVAKT_AUTH_MUNICIPALITIES_CLAIM: 'kommuner',
        FRISTVAKT_RATE_LIMIT_PER_MINUTE: '60',
        FRISTVAKT_REQUEST_TIMEOUT_MS: '5000',
        FRISTVAKT_CONNECTION_TIMEOUT_MS: '9000',
        FRISTVAKT_CORS_ORIGINS: 'https://a.kommune.no, http://localhost:5173',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      store: 'memory',
      sqliteWriter: 'inline',
      logLevel: 'debug',
      readyMaxLagEvents: 0,
      shutdownTimeoutMs: 2500,
      minPositionWaitMs: 1500,
      auth: {
        mode: 'jwks',
        jwksUrl: new URL('https://login.example.no/keys'),
        issuer: 'https://login.example.no/',
        audience: 'api://fristvakt',
        rolesClaim: 'realm_access.roles',
        municipalitiesClaim: 'kommuner',
      },
      http: {
        rateLimitPerMinute: 60,
        requestTimeoutMs: 5000,
        connectionTimeoutMs: 9000,
        corsOrigins: ['https://a.kommune.no', 'http://localhost:5173'],
      },
      dashboardDemoLogin: false,
    });
  });

  it.each([
    ['PORT', { PORT: 'http' }],
    ['PORT', { PORT: '70000' }],
    ['FRISTVAKT_STORE', { FRISTVAKT_STORE: 'postgres' }],
    ['FRISTVAKT_SQLITE_WRITER', { FRISTVAKT_SQLITE_WRITER: 'async' }],
    [
      'FRISTVAKT_AUTH_JWKS_URL',
      { FRISTVAKT_AUTH_JWKS_URL: 'http://idp.example.no/keys', FRISTVAKT_AUTH_ISSUER: 'i', FRISTVAKT_AUTH_AUDIENCE: 'a' },
    ],
    ['FRISTVAKT_AUTH_ISSUER', { FRISTVAKT_AUTH_JWKS_URL: 'https://idp.example.no/keys', FRISTVAKT_AUTH_AUDIENCE: 'a' }],
    ['FRISTVAKT_AUTH_AUDIENCE', { FRISTVAKT_AUTH_JWKS_URL: 'https://idp.example.no/keys', FRISTVAKT_AUTH_ISSUER: 'i' }],
    [
      'FRISTVAKT_AUTH_SECRET_FILE',
      {
        FRISTVAKT_AUTH_JWKS_URL: 'https://idp.example.no/keys',
        FRISTVAKT_AUTH_ISSUER: 'i',
        FRISTVAKT_AUTH_AUDIENCE: 'a',
        FRISTVAKT_AUTH_SECRET_FILE: '/s',
      },
    ],
    ['FRISTVAKT_AUTH_ROLES_CLAIM', { FRISTVAKT_AUTH_ROLES_CLAIM: 'two words' }],
    ['FRISTVAKT_RATE_LIMIT_PER_MINUTE', { FRISTVAKT_RATE_LIMIT_PER_MINUTE: '0' }],
    ['FRISTVAKT_REQUEST_TIMEOUT_MS', { FRISTVAKT_REQUEST_TIMEOUT_MS: '30s' }],
    ['FRISTVAKT_CORS_ORIGINS', { FRISTVAKT_CORS_ORIGINS: '*' }],
    ['FRISTVAKT_DASHBOARD_DEMO_LOGIN', { FRISTVAKT_DASHBOARD_DEMO_LOGIN: 'yes' }],
    [
      'FRISTVAKT_DASHBOARD_DEMO_LOGIN',
      {
        FRISTVAKT_AUTH_JWKS_URL: 'https://idp.example.no/keys',
        FRISTVAKT_AUTH_ISSUER: 'i',
        FRISTVAKT_AUTH_AUDIENCE: 'a',
        FRISTVAKT_DASHBOARD_DEMO_LOGIN: 'true',
      },
    ],
    ['FRISTVAKT_CORS_ORIGINS', { FRISTVAKT_CORS_ORIGINS: 'https://a.kommune.no/path' }],
    ['FRISTVAKT_RECORDED_BY', { FRISTVAKT_RECORDED_BY: 'svc-intake' }],
    ['HOST', { HOST: 'a b' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['FRISTVAKT_READY_MAX_LAG_EVENTS', { FRISTVAKT_READY_MAX_LAG_EVENTS: '-1' }],
    ['FRISTVAKT_SHUTDOWN_TIMEOUT_MS', { FRISTVAKT_SHUTDOWN_TIMEOUT_MS: '10s' }],
    ['FRISTVAKT_STOR', { FRISTVAKT_STOR: 'memory' }],
  ])('names %s when it is bad', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('needs an esdb:// connection string for the eventstoredb store, and only then carries it', () => {
    expect(loadConfig({ FRISTVAKT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113?tls=false' })).toMatchObject({
      store: 'eventstoredb',
      eventStoreConnectionString: 'esdb://es:2113?tls=false',
    });
    expect(() => loadConfig({ FRISTVAKT_STORE: 'eventstoredb' })).toThrow('EVENTSTORE_CONNECTION_STRING');
    expect(() => loadConfig({ FRISTVAKT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://es:2113' })).toThrow(
      'EVENTSTORE_CONNECTION_STRING',
    );
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113' })).not.toHaveProperty('eventStoreConnectionString');
  });

  it('starts in an environment shared with the worker processes, as long as it names the same store file', () => {
    const shared = {
      FRISTVAKT_DATA_DIR: '/srv/fristvakt',
      FRISTVAKT_STORE_PATH: '/srv/fristvakt/events.sqlite',
      FRISTVAKT_HEARTBEAT_FILE: '/tmp/heartbeat',
      FRISTVAKT_RELAY_CHECKPOINT: '/srv/fristvakt/relay.json',
    };
    expect(loadConfig(shared)).toMatchObject({ dataDir: '/srv/fristvakt', store: 'sqlite' });
    expect(() => loadConfig({ ...shared, FRISTVAKT_STORE_PATH: '/mnt/other/events.sqlite' })).toThrow(
      'FRISTVAKT_STORE_PATH names /mnt/other/events.sqlite, but case-api keeps its store in /srv/fristvakt/events.sqlite',
    );
    // Another store kind has no file for it to disagree with.
    expect(() => loadConfig({ ...shared, FRISTVAKT_STORE: 'memory', FRISTVAKT_STORE_PATH: '/mnt/other/events.sqlite' })).not.toThrow();
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
