import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listening, logLines, spawnServer } from './server-process';

describe('start-up configuration (real entry point)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a bad LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"/],
    ['a bad FRISTVAKT_SHUTDOWN_TIMEOUT_MS', { FRISTVAKT_SHUTDOWN_TIMEOUT_MS: '10s' }, /FRISTVAKT_SHUTDOWN_TIMEOUT_MS must be an integer/],
    ['a misspelt FRISTVAKT_STORE', { FRISTVAKT_STOR: 'memory' }, /FRISTVAKT_STOR is not a setting \(did you mean FRISTVAKT_STORE\?\)/],
  ])('refuses to start on %s, naming it', async (_what, env, message) => {
    const server = spawnServer({ FRISTVAKT_DATA_DIR: dir, ...env });
    const { code } = await server.exited;
    expect(code).toBe(78);
    expect(server.stderr()).toMatch(message);
    expect(server.stdout()).not.toContain('listening');
  });

  it('reads .env from the working directory, under the real environment', async () => {
    writeFileSync(join(dir, '.env'), 'FRISTVAKT_READY_MAX_LAG_EVENTS=lots\n');
    const bad = spawnServer({ FRISTVAKT_DATA_DIR: dir }, dir);
    expect((await bad.exited).code).toBe(78);
    expect(bad.stderr()).toContain('FRISTVAKT_READY_MAX_LAG_EVENTS must be an integer');

    // The real environment wins over .env; .env still supplies what the environment does not set.
    writeFileSync(join(dir, '.env'), 'LOG_LEVEL=loud\nFRISTVAKT_STORE=memory\n');
    const good = spawnServer({ FRISTVAKT_DATA_DIR: dir, LOG_LEVEL: 'info' }, dir);
    try {
      await listening(good);
      expect(good.stdout()).toContain('(store: memory');
    } finally {
      good.child.kill('SIGTERM');
    }
    expect(await good.exited).toEqual({ code: 0, signal: null });
    const lines = logLines(good);
    expect(lines.every((l) => l.service === 'case-api' && typeof l.time === 'string')).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['SIGTERM: shutting down', 'stopped']));
  });
});
