import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  backupSqliteStore,
  chainUnhashedRows,
  restoreSqliteStore,
  RestoreRefusedError,
  verifySqliteChainFile,
  type PinnedHead,
} from '@fristvakt/event-store';
import { tamperedCopy, writeLog } from '../audit/chain-fixture';

/*
 * Issue 14, finding 8: restore accepted a backup whose schema was downgraded (hash columns
 * dropped, user_version lowered: the next start re-chains whatever it holds), and truncated or
 * fully re-hashed backups restored with exit 0.
 */
const ROOT = resolve(__dirname, '../..');
/** Change an event, then chain the log afresh from the start, as someone covering their tracks would. */
const REHASH = `UPDATE events SET data = replace(data, '"n5"', '"n55"') WHERE position = 5; UPDATE events SET hash = NULL, prev_hash = NULL;`;

describe('security: restore refuses a worse log than the one it replaces', () => {
  let dir: string;
  let storeFile: string;
  let backupFile: string;
  let head: PinnedHead;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-restore-'));
    storeFile = await writeLog(dir, 30);
    backupFile = join(dir, 'backup.sqlite');
    await backupSqliteStore(storeFile, backupFile);
    const report = await verifySqliteChainFile(storeFile);
    if (!report.ok) throw new Error('the fixture log does not verify');
    head = { hash: report.headHash, position: report.headPosition };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A fresh copy of the store to restore over, so each case starts from the same log. */
  function liveStore(name: string): string {
    const file = join(dir, `${name}-events.sqlite`);
    copyFileSync(storeFile, file);
    return file;
  }

  function rehashed(name: string): string {
    const copy = tamperedCopy(backupFile, name, REHASH);
    const db = new Database(copy);
    try {
      chainUnhashedRows(db);
    } finally {
      db.close();
    }
    return copy;
  }

  it('restores the untouched backup over its own store, and writes it 0600', async () => {
    const target = liveStore('good');
    await expect(restoreSqliteStore(backupFile, target, { expectHead: head })).resolves.toMatchObject({ events: 30, truncated: null });
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('refuses a backup whose schema was downgraded, with the store present or only a pinned head', async () => {
    const downgraded = tamperedCopy(
      backupFile,
      'downgraded',
      `UPDATE events SET data = replace(data, '"n5"', '"n55"') WHERE position = 5;
       ALTER TABLE events DROP COLUMN hash; ALTER TABLE events DROP COLUMN prev_hash; PRAGMA user_version = 1;`,
    );
    await expect(restoreSqliteStore(downgraded, liveStore('downgraded'))).rejects.toThrow(/schema version 1 is older than the store's 2/);
    await expect(restoreSqliteStore(downgraded, join(dir, 'empty-1.sqlite'), { expectHead: head })).rejects.toThrow(/no hash chain/);
  });

  it('refuses a truncated backup unless the loss is accepted, and reports it', async () => {
    const truncated = tamperedCopy(backupFile, 'truncated', 'DELETE FROM events WHERE position > 20');
    await expect(restoreSqliteStore(truncated, liveStore('truncated'))).rejects.toThrow(/10 events would be lost/);
    await expect(restoreSqliteStore(truncated, join(dir, 'empty-2.sqlite'), { expectHead: head })).rejects.toThrow(RestoreRefusedError);
    await expect(restoreSqliteStore(truncated, liveStore('truncated-ok'), { acceptTruncation: true })).resolves.toMatchObject({
      headPosition: 20,
      truncated: { storeHeadPosition: 30, lostEvents: 10 },
    });
  });

  it('refuses a backup re-hashed after a change, against the store or the pinned head', async () => {
    const copy = rehashed('rehashed');
    // Sound on its own: only a comparison can tell.
    expect(await verifySqliteChainFile(copy)).toMatchObject({ ok: true });
    await expect(restoreSqliteStore(copy, liveStore('rehashed'))).rejects.toThrow(/differs from the store's at position 30/);
    await expect(restoreSqliteStore(copy, join(dir, 'empty-3.sqlite'), { expectHead: head })).rejects.toThrow(
      /does not hold the pinned head/,
    );
  });

  it('makes npm run restore exit non-zero for them, naming the reason', () => {
    const dataDir = join(dir, 'cli');
    mkdirSync(dataDir);
    copyFileSync(storeFile, join(dataDir, 'events.sqlite'));
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/restore.ts',
        '--from',
        rehashed('cli-rehashed'),
        '--data-dir',
        dataDir,
        '--expect-head',
        `${head.hash}@${head.position}`,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBe(null);
    expect(run.stderr).toMatch(/does not hold the pinned head|differs from the store/);
  });
});
