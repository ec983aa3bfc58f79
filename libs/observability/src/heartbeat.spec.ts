import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeartbeat } from './heartbeat';

describe('startHeartbeat', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'heartbeat-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes at once, refreshes while alive and lets the file go stale once the worker is not', async () => {
    const file = join(dir, 'nested', 'heartbeat');
    let alive = true;
    const stop = startHeartbeat({ file, alive: () => alive, intervalMs: 20 });
    try {
      const first = statSync(file).mtimeMs;
      await waitFor(() => statSync(file).mtimeMs > first);
      alive = false;
      await sleep(30);
      const last = statSync(file).mtimeMs;
      await sleep(80);
      expect(statSync(file).mtimeMs).toBe(last);
    } finally {
      stop();
    }
  });

  it('reports a file it cannot write once, not every beat', async () => {
    const errors: unknown[] = [];
    const stop = startHeartbeat({
      file: join(dir, 'missing-file-as-dir', '\0bad'),
      alive: () => true,
      intervalMs: 5,
      onError: (e) => errors.push(e),
    });
    await sleep(40);
    stop();
    expect(errors).toHaveLength(1);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}
