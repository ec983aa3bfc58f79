import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeJwt } from 'jose';
import { loadOrCreateEmbeddedSecret } from '../../apps/case-api/src/auth/embedded-secret';
import { startTestApp } from '../case-api/harness';

const ROOT = resolve(__dirname, '../..');

describe('embedded setup: the secret file and npm run token', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-secret-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates 32+ random bytes, owner-only, on first start and keeps them on the next', async () => {
    const first = await startTestApp({ dataDir: dir });
    await first.close();
    const file = join(dir, 'auth-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8');
    expect(Buffer.from(secret.trim(), 'base64url').length).toBeGreaterThanOrEqual(32);
    const second = await startTestApp({ dataDir: dir });
    await second.close();
    expect(readFileSync(file, 'utf8')).toBe(secret);
  });

  it('refuses to start with a secret others can read, or one too short', () => {
    const file = join(dir, 'auth-secret');
    writeFileSync(file, `${Buffer.alloc(32, 1).toString('base64url')}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => loadOrCreateEmbeddedSecret(file)).toThrow(/chmod 600/);
    writeFileSync(file, 'c2hvcnQ\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(() => loadOrCreateEmbeddedSecret(file)).toThrow(/at least 32/);
  });

  it('prints a token that the server accepts, with the requested claims', async () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, FRISTVAKT_DATA_DIR: dir },
        encoding: 'utf8',
      });
    const printed = run(['--role', 'leader', '--municipality', '3201,0301', '--sub', 'kari', '--ttl', '15m']);
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    const token = printed.stdout.trim();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: 'kari',
      roles: ['leader'],
      municipalities: ['3201', '0301'],
      iss: 'fristvakt-embedded',
      aud: 'fristvakt',
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);

    // The server on the same data dir uses the secret the script created, on the real clock: the
    // token was issued now, and a token issued after the server's now is refused (issue 14).
    const t = await startTestApp({ dataDir: dir }, { clock: () => new Date() });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/v1/cases/none', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(404);
    } finally {
      await t.close();
    }

    expect(run(['--role', 'boss', '--municipality', '3201']).status).toBe(2);
    expect(run(['--role', 'intake']).status).toBe(2);
    expect(run(['--role', 'intake', '--municipality', '3201', '--sub', '01010750160']).status).toBe(2);
  });
});
