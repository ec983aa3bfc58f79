import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupSqliteStore, restoreSqliteStore, RestoreRefusedError, StoreFileVerificationError, verifySqliteStoreFile } from './backup';
import { SqliteEventStore } from './sqlite-event-store';

function hasChainColumns(file: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    const names = (db.pragma('table_info(events)') as Array<{ name: string }>).map((c) => c.name);
    return names.includes('hash') && names.includes('prev_hash');
  } finally {
    db.close();
  }
}

const event = (eventId: string) => ({ eventId, type: 'Noted', data: { n: eventId }, metadata: {} });

describe('SQLite backup and restore', () => {
  let dir: string;
  let storeFile: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-backup-'));
    storeFile = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path: storeFile });
    await store.append('case-a', [event('a1'), event('a2')], { expectedVersion: 0, recordedBy: 'spec' });
    await store.append('case-b', [event('b1')], { expectedVersion: 0, recordedBy: 'spec' });
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up a store into one verified, self-contained file', async () => {
    const report = await backupSqliteStore(storeFile, join(dir, 'backup.sqlite'));
    expect(report).toMatchObject({ events: 3, headPosition: 3, streams: 2 });
    // With the hash-chain columns in the schema, the library's own verifier must have checked them.
    expect(report.hashChain).toBe(hasChainColumns(storeFile) ? 'verified' : 'absent');
    expect(
      readdirSync(dir)
        .filter((n) => !n.startsWith('events.sqlite'))
        .sort(),
    ).toEqual(['backup.sqlite']);
    await expect(verifySqliteStoreFile(join(dir, 'backup.sqlite'))).resolves.toMatchObject({ events: 3 });
  });

  it('refuses to overwrite an existing backup unless told to', async () => {
    await backupSqliteStore(storeFile, join(dir, 'backup.sqlite'));
    await expect(backupSqliteStore(storeFile, join(dir, 'backup.sqlite'))).rejects.toThrow('exists');
    await expect(backupSqliteStore(storeFile, join(dir, 'backup.sqlite'), { overwrite: true })).resolves.toMatchObject({ events: 3 });
  });

  it.each([
    ['a gap in positions', 'UPDATE events SET position = 7 WHERE position = 3', /positions are not gapless: 3 events span positions 1..7/],
    ['a gap in a stream', "UPDATE events SET version = 5 WHERE event_id = 'a2'", /stream case-a has 2 events with versions 1..5/],
  ])('rejects a file with %s', async (_name, sql, message) => {
    const db = new Database(storeFile);
    db.exec(sql);
    db.close();
    await expect(backupSqliteStore(storeFile, join(dir, 'backup.sqlite'))).rejects.toThrow(message);
    expect(existsSync(join(dir, 'backup.sqlite'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['events.sqlite']);
  });

  it('rejects what is not a database', async () => {
    const db = new Database(join(dir, 'empty.sqlite'));
    db.close();
    await expect(verifySqliteStoreFile(join(dir, 'empty.sqlite'))).rejects.toThrow(StoreFileVerificationError);
  });

  describe('hash chain', () => {
    beforeEach(() => {
      if (hasChainColumns(storeFile)) return;
      const db = new Database(storeFile);
      db.exec('ALTER TABLE events ADD COLUMN hash TEXT; ALTER TABLE events ADD COLUMN prev_hash TEXT');
      db.close();
    });

    it('is verified with the given verifier', async () => {
      const seen: number[] = [];
      const report = await verifySqliteStoreFile(storeFile, {
        verifyHashChain: (db) => void seen.push((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n),
      });
      expect(report.hashChain).toBe('verified');
      expect(seen).toEqual([3]);
    });

    it('fails the check when the chain is broken', async () => {
      const verifyHashChain = () => {
        throw new Error('position 2: prev_hash does not match');
      };
      await expect(verifySqliteStoreFile(storeFile, { verifyHashChain })).rejects.toThrow(
        'hash chain: position 2: prev_hash does not match',
      );
    });

    it('is reported unverified when the library exports no verifier', async () => {
      await expect(verifySqliteStoreFile(storeFile)).resolves.toMatchObject({
        hashChain: expect.stringMatching(/^(unverified|verified)$/),
      });
    });
  });

  describe('restore', () => {
    let backupFile: string;
    beforeEach(async () => {
      backupFile = join(dir, 'backup.sqlite');
      await backupSqliteStore(storeFile, backupFile);
      const store = new SqliteEventStore({ path: storeFile });
      await store.append('case-c', [event('c1')], { expectedVersion: 0, recordedBy: 'spec' });
      await store.close();
    });

    // The backup ends one event before the store: issue 14 made that a refusal unless accepted.
    it('refuses a backup that ends before the store, unless the truncation is accepted', async () => {
      await expect(restoreSqliteStore(backupFile, storeFile)).rejects.toThrow(/1 events would be lost/);
      const store = new SqliteEventStore({ path: storeFile });
      expect(await store.headPosition()).toBe(4);
      await store.close();
    });

    it('replaces the store file with the backup and keeps the old one aside', async () => {
      const report = await restoreSqliteStore(backupFile, storeFile, { acceptTruncation: true });
      expect(report).toMatchObject({ events: 3, headPosition: 3, truncated: { storeHeadPosition: 4, lostEvents: 1 } });
      expect(report.previousFile).toMatch(/events\.sqlite\.before-restore-/);
      const store = new SqliteEventStore({ path: storeFile });
      expect(await store.headPosition()).toBe(3);
      expect(await store.streamVersion('case-c')).toBe(0);
      await store.close();
      const previous = new SqliteEventStore({ path: report.previousFile! });
      expect(await previous.headPosition()).toBe(4);
      await previous.close();
    });

    it('refuses while a store has the file open, unless forced', async () => {
      const running = new SqliteEventStore({ path: storeFile });
      try {
        await expect(restoreSqliteStore(backupFile, storeFile)).rejects.toThrow(RestoreRefusedError);
        expect(await running.headPosition()).toBe(4);
        await expect(restoreSqliteStore(backupFile, storeFile, { force: true, acceptTruncation: true })).resolves.toMatchObject({
          events: 3,
        });
      } finally {
        await running.close();
      }
    });

    it('restores into an empty data directory', async () => {
      const fresh = join(dir, 'fresh', 'events.sqlite');
      mkdirSync(join(dir, 'fresh'));
      await expect(restoreSqliteStore(backupFile, fresh)).resolves.toMatchObject({ events: 3, previousFile: null });
    });

    it('leaves the store untouched when the backup does not verify', async () => {
      const db = new Database(backupFile);
      db.exec('DELETE FROM events WHERE position = 1');
      db.close();
      await expect(restoreSqliteStore(backupFile, storeFile)).rejects.toThrow(StoreFileVerificationError);
      const store = new SqliteEventStore({ path: storeFile });
      expect(await store.headPosition()).toBe(4);
      await store.close();
      expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    });
  });
});
