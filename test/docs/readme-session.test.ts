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

  /** Runs a session; every curl answers one JSON line, none of them a problem. */
  async function runSession(session: string): Promise<Array<Record<string, unknown>>> {
    const { stdout } = await run('bash', ['-c', `set -euo pipefail\n${session}`], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, FRISTVAKT_DATA_DIR: dataDir },
      timeout: 60_000,
    });
    const answers = stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const curls = session.split('\n').filter((line) => /^\s*curl\b/.test(line)).length;
    expect(answers).toHaveLength(curls);
    for (const answer of answers) expect(answer).not.toHaveProperty('status');
    return answers;
  }

  it('records the case and reads it back, every answer a success', async () => {
    const block = sessionBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    const answers = await runSession(block.split(README_URL).join(url));

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

  it('continues with the follow-up session of docs/follow-up.md: plans, a care order, supervision and a visit', async () => {
    const readme = sessionBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    const followUp = [...readFileSync(join(ROOT, 'docs/follow-up.md'), 'utf8').matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1])[0];
    // Its own case id: the first test's random one could collide and answer 409.
    const session = readme.split(README_URL).join(url).replace('CASE=c-demo-$RANDOM', 'CASE=c-demo-40000');
    expect(session).toContain('CASE=c-demo-40000');
    const answers = await runSession(`${session}\n${followUp}`);

    const view = answers[answers.length - 1] as {
      plans: Array<{ planId: string; evaluationDue: string | null }>;
      placements: Array<Record<string, unknown>>;
      followUp: unknown[];
    };
    expect(view.plans.map((p) => [p.planId, p.evaluationDue])).toEqual([
      ['t1', '2024-08-30'],
      ['o1', null],
    ]);
    expect(view.placements[0]).toMatchObject({
      placementId: 'p1',
      supervisingMunicipality: '3203',
      visitFrequency: { followUp: 4, supervision: 4 },
    });
    expect(view.followUp).toEqual([
      expect.objectContaining({ kind: 'evaluation', id: 't1', deadline: '2024-08-30' }),
      expect.objectContaining({ kind: 'supervision_visit', id: 'p1', deadline: '2024-06-30', municipality: '3203', owed: 1 }),
    ]);
  });
});
