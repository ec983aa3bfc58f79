import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifySqliteChainFile } from '@fristvakt/event-store';
import { generateEventLog, logToRequests } from '@fristvakt/generator';
import { tempDir } from './register-support';

/*
 * `npm run import` killed with SIGKILL in the middle of an NDJSON import, then run again, ends with
 * exactly the events of one clean import: every case is one append (all of it or none), and the
 * rerun skips what is stored.
 */

const ROOT = join(__dirname, '..', '..');

function runImportCli(file: string, dataDir: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'import.ts'), file, '--data-dir', dataDir, '--report', join(dataDir, 'report.ndjson')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Every stored event as it matters: stream, version, id and content (not when or by whom). */
function storedEvents(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return (
      db.prepare('SELECT stream_id, version, event_id, type, data, metadata FROM events ORDER BY stream_id, version').all() as object[]
    ).map((row) => JSON.stringify(row));
  } finally {
    db.close();
  }
}

function storedCount(dataDir: string): number {
  const file = join(dataDir, 'events.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, timeout: 1000 });
    try {
      return db.prepare('SELECT COUNT(*) AS n FROM events').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

async function writeHistory(file: string): Promise<number> {
  const out = createWriteStream(file);
  let events = 0;
  for (const request of logToRequests(
    generateEventLog({ municipalities: ['3201', '3203'], years: 3, fromYear: 2021, scale: 1.5, seed: 5, now: '2023-12-31T22:59:59.000Z' }),
  )) {
    events += request.body.events.length;
    out.write(`${JSON.stringify(request)}\n`);
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return events;
}

describe('import killed with SIGKILL', () => {
  it('resumes on a rerun and ends with exactly the events of one clean import', async () => {
    const dir = tempDir();
    const history = join(dir, 'history.ndjson');
    const total = await writeHistory(history);

    const clean = join(dir, 'clean');
    // 0: done, nothing refused (this seed's history once retracted an event by a UUID whose digits
    // passed the fødselsnummer check; the generator's ids no longer spell one).
    const cleanRun = await exited(runImportCli(history, clean));
    expect([cleanRun.code, cleanRun.stderr]).toEqual([0, expect.stringContaining(' 0 refused')]);
    const expected = storedEvents(clean);
    expect(expected.length).toBe(total);

    const killed = join(dir, 'killed');
    const child = runImportCli(history, killed);
    const done = exited(child);
    // Kill once some groups are committed and before the last one is.
    for (let n = storedCount(killed); n === 0; n = storedCount(killed)) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const partial = storedCount(killed);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);
    // Nothing partial per case: every stored case holds all of its events or none.
    const perCase = new Map<string, number>();
    for (const row of storedEvents(killed)) {
      const streamId = (JSON.parse(row) as { stream_id: string }).stream_id;
      perCase.set(streamId, (perCase.get(streamId) ?? 0) + 1);
    }
    const cleanPerCase = new Map<string, number>();
    for (const row of expected) {
      const streamId = (JSON.parse(row) as { stream_id: string }).stream_id;
      cleanPerCase.set(streamId, (cleanPerCase.get(streamId) ?? 0) + 1);
    }
    for (const [streamId, n] of perCase) expect([streamId, n]).toEqual([streamId, cleanPerCase.get(streamId)]);

    const rerun = await exited(runImportCli(history, killed));
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/unchanged/);
    expect(storedEvents(killed)).toEqual(expected);
    // The bulk appends (no savepoint each) and the kill left the audit hash chain whole.
    for (const store of [clean, killed]) {
      expect(await verifySqliteChainFile(join(store, 'events.sqlite'))).toMatchObject({ ok: true, count: expected.length });
    }
  });
});
