import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { SqliteEventStore, verifySqliteChainFile } from '@fristvakt/event-store';
import { newEvent, STORE_FILE, tamperedCopy } from './chain-fixture';

const run = promisify(execFile);

describe('hash chain migration and the audit:verify command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-chain-mig-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('chains a log written before the chain existed when the store opens it, then keeps chaining', async () => {
    const file = join(dir, STORE_FILE);
    const old = new Database(file);
    old.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL CHECK (version >= 1),
      event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL, UNIQUE (stream_id, version)) STRICT`);
    old.pragma('user_version = 1');
    const insert = old.prepare(
      'INSERT INTO events (stream_id, version, event_id, type, data, metadata, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let i = 1; i <= 5; i++) {
      // key order as a client sent it, not canonical
      insert.run(
        'case-old',
        i,
        `old-${i}`,
        'NotificationReceived',
        `{"z":${i},"a":"x"}`,
        '{"schemaVersion":1,"occurredAt":"2024-01-01"}',
        '2024-01-02T00:00:00.000Z',
        'legacy',
      );
    }
    old.close();

    const store = new SqliteEventStore({ path: file });
    const read = await store.readAll(0, 10);
    expect(read.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
    const appended = await store.append('case-new', [newEvent()], { expectedVersion: 0, recordedBy: 'intake-1' });
    expect(appended.events[0].hash).toEqual((await store.readAll(5, 1))[0].hash);
    await store.close();
    expect(await verifySqliteChainFile(file)).toMatchObject({ ok: true, count: 6, headPosition: 6 });
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT data FROM events WHERE position = 1').pluck().get()).toBe('{"z":1,"a":"x"}');
    raw.close();
  });

  it('npm run audit:verify reports OK with the head, the broken position, and a pinned head', async () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const script = join(process.cwd(), 'scripts', 'audit-verify.ts');
    const ok = await run(tsx, [script, '--data-dir', dir]);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({ ok: true, count: 6, headPosition: 6 });
    expect(ok.stderr).toContain(`OK: 6 events, head ${report.headHash}@6`);

    const pinned = await run(tsx, [script, '--data-dir', dir, '--expect-head', `${report.headHash}@6`]);
    expect(JSON.parse(pinned.stdout)).toMatchObject({ ok: true, pinned: { ok: true } });

    const brokenDir = mkdtempSync(join(dir, 'broken-'));
    const copy = tamperedCopy(join(dir, STORE_FILE), 'x', `UPDATE events SET recorded_by = 'someone' WHERE position = 3`);
    const db = new Database(copy);
    await db.backup(join(brokenDir, STORE_FILE));
    db.close();
    const failed = await run(tsx, [script, '--data-dir', brokenDir]).then(
      () => {
        throw new Error('expected a non-zero exit');
      },
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, brokenAt: 3, reason: 'changed', count: 2 });
    expect(failed.stderr).toContain('BROKEN at position 3 (changed)');
  });
});
