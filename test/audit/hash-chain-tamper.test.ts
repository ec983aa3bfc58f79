import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, verifySqliteChainFile, verifySqliteStoreFile } from '@fristvakt/event-store';
import { appendMore, tamperedCopy, writeLog } from './chain-fixture';

describe('hash chain of a SQLite store file', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-chain-'));
    file = await writeLog(dir, 60);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies an untouched log, and the backup verifier agrees', async () => {
    const report = await verifySqliteChainFile(file);
    expect(report).toEqual({ ok: true, count: 60, headPosition: 60, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await expect(verifySqliteStoreFile(file)).resolves.toMatchObject({ hashChain: 'verified', events: 60 });
  });

  const changes: Array<[string, string]> = [
    ['data', `UPDATE events SET data = replace(data, '3201', '3202') WHERE position = 17`],
    ['data, one byte of a string', `UPDATE events SET data = replace(data, 'æøå', 'æøa') WHERE position = 17`],
    ['metadata', `UPDATE events SET metadata = replace(metadata, '2024-03-01', '2024-03-02') WHERE position = 17`],
    ['type', `UPDATE events SET type = 'NotificationCleared' WHERE position = 17`],
    ['recorded_by', `UPDATE events SET recorded_by = 'intake-2' WHERE position = 17`],
    ['recorded_at', `UPDATE events SET recorded_at = replace(recorded_at, '.', ',') WHERE position = 17`],
    ['event_id', `UPDATE events SET event_id = event_id || 'x' WHERE position = 17`],
    ['version', `UPDATE events SET version = version + 1000 WHERE position = 17`],
    ['hash', `UPDATE events SET hash = substr(hash, 2) || '0' WHERE position = 17`],
    ['prev_hash', `UPDATE events SET prev_hash = substr(prev_hash, 2) || '0' WHERE position = 17`],
  ];
  it.each(changes)('reports a changed %s as changed at its position', async (name, sql) => {
    const report = await verifySqliteChainFile(tamperedCopy(file, name.replace(/\W+/g, '-'), sql));
    expect(report).toMatchObject({ ok: false, count: 16, brokenAt: 17, reason: 'changed' });
  });

  it('reports a deleted event as missing at its position', async () => {
    expect(await verifySqliteChainFile(tamperedCopy(file, 'deleted', 'DELETE FROM events WHERE position = 23'))).toMatchObject({
      ok: false,
      count: 22,
      brokenAt: 23,
      reason: 'missing',
    });
    expect(await verifySqliteChainFile(tamperedCopy(file, 'deleted-last', 'DELETE FROM events WHERE position = 60'))).toMatchObject({
      ok: true,
      headPosition: 59,
    });
  });

  it.each([
    [30, 31],
    [12, 40],
  ])('reports events %i and %i swapped as reordered at the first', async (a, b) => {
    const sql = `UPDATE events SET position = -1 WHERE position = ${a};
      UPDATE events SET position = ${a} WHERE position = ${b};
      UPDATE events SET position = ${b} WHERE position = -1;`;
    expect(await verifySqliteChainFile(tamperedCopy(file, `swap-${a}-${b}`, sql))).toMatchObject({
      ok: false,
      count: a - 1,
      brokenAt: a,
      reason: 'reordered',
    });
  });

  it('makes the backup verifier refuse a tampered file, naming the position', async () => {
    const copy = tamperedCopy(file, 'backup-check', `UPDATE events SET data = replace(data, 'n', 'm') WHERE position = 9`);
    await expect(verifySqliteStoreFile(copy)).rejects.toThrow(/hash chain: changed at position 9/);
  });

  it('proves with a pinned head that a later log extends it, and catches a rewritten one', async () => {
    const pinned = await verifySqliteChainFile(file);
    if (!pinned.ok) throw new Error('fixture log must verify');
    const expectHead = { position: pinned.headPosition, hash: pinned.headHash };
    const extended = tamperedCopy(file, 'extended', 'SELECT 1');
    const store = new SqliteEventStore({ path: extended });
    await appendMore(store, 25);
    await store.close();
    expect(await verifySqliteChainFile(extended, { expectHead })).toMatchObject({ ok: true, count: 85, pinned: { ok: true } });

    // Rewrite event 10 and recompute every later link: the chain is self-consistent again, the pin is not.
    const rewritten = tamperedCopy(
      file,
      'rewritten',
      `UPDATE events SET data = replace(data, '3201', '0301') WHERE position = 10;
      UPDATE events SET hash = NULL, prev_hash = NULL WHERE position >= 10;`,
    );
    const db = new Database(rewritten);
    const { chainUnhashedRows } = await import('@fristvakt/event-store');
    chainUnhashedRows(db);
    db.close();
    expect(await verifySqliteChainFile(rewritten)).toMatchObject({ ok: true, count: 60 });
    expect(await verifySqliteChainFile(rewritten, { expectHead })).toMatchObject({
      ok: false,
      brokenAt: 60,
      reason: 'changed',
      pinned: { ok: false },
    });
  });
});
