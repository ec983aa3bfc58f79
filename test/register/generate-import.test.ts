import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../case-api/harness';
import { tokenFor } from '../support/auth';

/*
 * `npm run generate --url` loads a running server through POST /v1/import by default, so a
 * 5-year history at scale 1 goes in with the default settings (the per-request API's rate limit
 * stopped it before).
 */

const ROOT = join(__dirname, '..', '..');

describe('npm run generate --url', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp({}, { clock: () => new Date() });
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
  });
  afterAll(async () => t.close());

  it('loads scale 1 over 5 years through the import with default settings', async () => {
    const token = await tokenFor(t.app, { roles: ['admin'], municipalities: ['3201'] });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'scripts', 'generate.ts'),
        '--municipality',
        '3201',
        '--years',
        '5',
        '--scale',
        '1',
        '--url',
        url,
        '--token',
        token,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr: stderr.slice(-2000) }).toEqual({
      code: 0,
      stderr: expect.stringMatching(/imported: \d+ cases written, 0 unchanged, 0 refused/),
    });
    const generated = Number(/done: \d+ cases, \d+ requests, (\d+) events/.exec(stderr)?.[1]);
    expect(generated).toBeGreaterThan(5_000);
    expect(await t.store.headPosition()).toBe(generated);
  });
});
