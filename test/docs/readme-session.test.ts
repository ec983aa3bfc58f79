import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../ops/ops-app';
import { listening, spawnServer, type ServerProcess } from '../ops/server-process';

/*
 * The README's copy-paste session, run as a reader would: the first fenced bash block that talks to
 * `$API`, against a started server, only the base URL swapped for the test server's. Found by its
 * shape rather than by line numbers, so README edits around it do not break the test.
 */

const run = promisify(execFile);
const README_URL = 'http://localhost:3000';

function sessionBlock(markdown: string): string {
  const blocks = [...markdown.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  const session = blocks.find((block) => /\$API\b/.test(block) && block.includes(README_URL));
  if (!session) throw new Error(`README.md has no bash block using $API=${README_URL}`);
  return session;
}

describe("README's copy-paste session", () => {
  let dataDir: string;
  let server: ServerProcess;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-readme-'));
    server = spawnServer({ FRISTVAKT_DATA_DIR: dataDir });
    url = await listening(server);
  });

  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the case and reads it back, every answer a success', async () => {
    const block = sessionBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    const script = `set -euo pipefail\n${block.split(README_URL).join(url)}`;
    const { stdout } = await run('bash', ['-c', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, FRISTVAKT_DATA_DIR: dataDir },
      timeout: 60_000,
    });

    const answers = stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const curls = block.split('\n').filter((line) => /^\s*curl\b/.test(line)).length;
    expect(answers).toHaveLength(curls);
    for (const answer of answers) expect(answer).not.toHaveProperty('status');

    const caseView = answers.find((a) => 'deadlines' in a || 'investigations' in a);
    expect(JSON.stringify(caseView)).toContain('2024-08-07');
    const stream = answers.find((a) => Array.isArray(a.events));
    expect((stream?.events as Array<{ type: string }>).map((e) => e.type)).toEqual([
      'NotificationReceived',
      'InvestigationOpened',
      'InvestigationExtended',
      'InvestigationClosed',
    ]);
  });
});
