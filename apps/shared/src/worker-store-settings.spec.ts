import { join, resolve } from 'node:path';
import { readWorkerStoreSettings } from './worker-store-settings';

describe('readWorkerStoreSettings', () => {
  it('opens the SQLite file of the data dir by default, or FRISTVAKT_STORE_PATH', () => {
    const problems: string[] = [];
    expect(readWorkerStoreSettings({ FRISTVAKT_DATA_DIR: '/srv/data' }, problems)).toEqual({
      store: { kind: 'sqlite', path: join('/srv/data', 'events.sqlite'), writer: 'thread' },
      dataDir: '/srv/data',
      description: join('/srv/data', 'events.sqlite'),
    });
    expect(readWorkerStoreSettings({ FRISTVAKT_STORE_PATH: 'x/events.sqlite' }, problems).store).toEqual({
      kind: 'sqlite',
      path: resolve('x/events.sqlite'),
      writer: 'thread',
    });
    expect(readWorkerStoreSettings({ FRISTVAKT_SQLITE_WRITER: 'inline' }, problems).store).toMatchObject({
      kind: 'sqlite',
      writer: 'inline',
    });
    expect(problems).toEqual([]);
  });

  it('names a SQLite writer that is neither thread nor inline', () => {
    const problems: string[] = [];
    readWorkerStoreSettings({ FRISTVAKT_SQLITE_WRITER: 'fast' }, problems);
    expect(problems).toEqual(['FRISTVAKT_SQLITE_WRITER must be "thread" or "inline", got "fast"']);
  });

  it('opens EventStoreDB with the connection string case-api uses', () => {
    const problems: string[] = [];
    const settings = readWorkerStoreSettings(
      { FRISTVAKT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false' },
      problems,
    );
    expect(settings.store).toEqual({ kind: 'eventstoredb', connectionString: 'esdb://eventstore:2113?tls=false' });
    expect(problems).toEqual([]);
  });

  it('names a missing connection string and a store a worker cannot share', () => {
    const problems: string[] = [];
    readWorkerStoreSettings({ FRISTVAKT_STORE: 'eventstoredb' }, problems);
    readWorkerStoreSettings({ FRISTVAKT_STORE: 'memory' }, problems);
    expect(problems).toEqual([
      expect.stringContaining('EVENTSTORE_CONNECTION_STRING'),
      expect.stringContaining('FRISTVAKT_STORE must be "sqlite" or "eventstoredb"'),
    ]);
  });
});
