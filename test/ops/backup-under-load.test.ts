import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupSqliteStore, SqliteEventStore } from '@fristvakt/event-store';
import { ROOT } from './ops-app';
import { TSX_LOADER } from './server-process';

/*
 * A backup taken while another process keeps appending is a consistent prefix of the log: every
 * batch acknowledged before the backup began is in it, no batch is in it only in part, it equals
 * the live log up to its head, and it verifies, restores (through the CLI) and opens.
 */

interface Ack {
  streamId: string;
  positions: number[];
  eventIds: string[];
}

const tsx = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', TSX_LOADER, join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('backup during continuous writes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-backup-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('restores to a consistent prefix holding every batch acknowledged before it started', async () => {
    const storeFile = join(dir, 'data', 'events.sqlite');
    mkdirSync(join(dir, 'data'));
    // A log big enough that the copy takes a while, written before the writer starts.
    const seed = new SqliteEventStore({ path: storeFile });
    for (let i = 0; i < 200; i++) {
      const events = Array.from({ length: 50 }, (_, j) => ({
        eventId: `seed-${i}-${j}`,
        type: 'Seeded',
        data: { padding: 'y'.repeat(500) },
        metadata: {},
      }));
      await seed.append(`seed-${i}`, events, { expectedVersion: 0, recordedBy: 'seed' });
    }
    await seed.close();

    const writer = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'test/ops/append-loop.ts'), storeFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let partial = '';
    writer.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) acks.push(JSON.parse(line) as Ack);
    });
    let stderr = '';
    writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const writerExit = new Promise<number | null>((resolve) => writer.once('exit', resolve));

    while (acks.length < 200) {
      if (writer.exitCode !== null) throw new Error(`writer exited: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const acknowledgedBefore = acks.slice();
    const backupFile = join(dir, 'backup.sqlite');
    const report = await backupSqliteStore(storeFile, backupFile);
    const acksWhenDone = acks.length;
    // Keep writing a little after the backup, so the live log grows past it.
    while (acks.length < acksWhenDone + 100) await new Promise((r) => setTimeout(r, 20));
    writer.kill('SIGTERM');
    expect(await writerExit).toBe(0);
    expect(acks.length).toBeGreaterThan(acknowledgedBefore.length);

    expect(['absent', 'verified']).toContain(report.hashChain);
    expect(report.events).toBe(report.headPosition);
    const backup = new Database(backupFile, { readonly: true });
    const rows = backup.prepare('SELECT position, event_id AS eventId FROM events ORDER BY position').all() as Array<{
      position: number;
      eventId: string;
    }>;
    backup.close();
    const positionOf = new Map(rows.map((r) => [r.eventId, r.position]));

    for (const ack of acknowledgedBefore) {
      ack.eventIds.forEach((id, i) => expect(positionOf.get(id)).toBe(ack.positions[i]));
    }
    for (const ack of acks) {
      const present = ack.eventIds.filter((id) => positionOf.has(id)).length;
      expect([0, ack.eventIds.length]).toContain(present);
    }
    expect(rows.length).toBeGreaterThan(10_000);

    // The live log, which went on growing, starts with exactly the backup.
    const live = new SqliteEventStore({ path: storeFile });
    const liveHead = await live.headPosition();
    const livePrefix = await live.readAll(0, rows.length);
    await live.close();
    expect(liveHead).toBeGreaterThan(report.headPosition);
    expect(livePrefix.map((e) => e.eventId)).toEqual(rows.map((r) => r.eventId));

    // Restore through the CLI into a fresh data dir, then open it as the server would.
    const restored = tsx('scripts/restore.ts', ['--from', backupFile, '--data-dir', join(dir, 'restored')]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ events: rows.length, headPosition: rows.length, hashChain: report.hashChain });
    const reopened = new SqliteEventStore({ path: join(dir, 'restored', 'events.sqlite') });
    expect(await reopened.headPosition()).toBe(rows.length);
    await reopened.close();
  });

  it('the backup CLI takes a backup of a live store and the restore CLI refuses to replace it while open', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    await store.append('c-1', [{ eventId: 'e-1', type: 'Noted', data: {}, metadata: {} }], { expectedVersion: 0, recordedBy: 'cli' });
    try {
      const backup = tsx('scripts/backup.ts', ['--to', join(dir, 'b.sqlite'), '--data-dir', dataDir]);
      expect(backup.status).toBe(0);
      expect(JSON.parse(backup.stdout)).toMatchObject({ events: 1, headPosition: 1, streams: 1 });

      const refused = tsx('scripts/restore.ts', ['--from', join(dir, 'b.sqlite'), '--data-dir', dataDir]);
      expect(refused.status).toBe(3);
      expect(refused.stderr).toContain('open in a running store');
      expect(await store.headPosition()).toBe(1);

      const usage = tsx('scripts/backup.ts', []);
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain('--to <file>');
    } finally {
      await store.close();
    }
  });
});
