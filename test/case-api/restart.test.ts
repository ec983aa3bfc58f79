import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { received } from '@fristvakt/domain/testing';
import { authHeaders, authHeadersForDataDir } from '../support/auth';
import { JSON_HEADERS, startTestApp, uuid } from './harness';

/*
 * Durability across restarts on the same data dir. The kill -9 case runs the real entry point in
 * a child process through tsx: esbuild emits no decorator metadata, which this app does not need
 * (every dependency is injected by explicit token, validation is explicit), so the source runs
 * as is and the test does not depend on a prior webpack build.
 */

const ROOT = resolve(__dirname, '../..');

const notification = (notificationId: string) => received(notificationId, '2024-03-01T10:15:00+01:00', { eventId: uuid() });

function startServer(dataDir: string, writer: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/case-api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FRISTVAKT_DATA_DIR: dataDir,
      FRISTVAKT_STORE: 'sqlite',
      FRISTVAKT_SQLITE_WRITER: writer,
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, baseUrl: m[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

describe('restart', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-restart-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps events across an orderly restart on the same data dir', async () => {
    const first = await startTestApp({ dataDir });
    const auth = await authHeaders(first.app, { roles: ['intake'] });
    const posted = await first.app.inject({
      method: 'POST',
      url: '/v1/cases/r-1/events',
      headers: { ...JSON_HEADERS, ...auth },
      payload: JSON.stringify({ events: [notification('n1'), notification('n2')] }),
    });
    expect(posted.statusCode).toBe(201);
    const before = (await first.app.inject({ method: 'GET', url: '/v1/cases/r-1/events', headers: auth })).json();
    await first.close();

    const second = await startTestApp({ dataDir });
    try {
      const after = await second.app.inject({ method: 'GET', url: '/v1/cases/r-1/events', headers: auth });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual(before);
      const next = await second.app.inject({
        method: 'POST',
        url: '/v1/cases/r-1/events',
        headers: { ...JSON_HEADERS, ...auth },
        payload: JSON.stringify({ expectedVersion: 2, events: [notification('n3')] }),
      });
      expect(next.json()).toMatchObject({ version: 3, position: 3 });
    } finally {
      await second.close();
    }
  });

  it.each(['thread', 'inline'])(
    'keeps an acknowledged batch when the server is killed with SIGKILL right after the 201 (%s writer)',
    async (writer) => {
      const server = await startServer(dataDir, writer);
      // The server generated the secret on start; the restarted one reads the same file.
      const auth = await authHeadersForDataDir(dataDir);
      const events = [notification('n1'), notification('n2')];
      let res: Response;
      try {
        res = await fetch(`${server.baseUrl}/v1/cases/k-1/events`, {
          method: 'POST',
          headers: { ...JSON_HEADERS, ...auth },
          body: JSON.stringify({ expectedVersion: 0, events }),
        });
      } finally {
        server.child.kill('SIGKILL');
      }
      expect(res.status).toBe(201);
      const acknowledged = (await res.json()) as { version: number; eventIds: string[] };
      await exited(server.child);
      expect(server.child.signalCode).toBe('SIGKILL');

      const restarted = await startServer(dataDir, writer);
      try {
        const read = await fetch(`${restarted.baseUrl}/v1/cases/k-1/events`, { headers: auth });
        expect(read.status).toBe(200);
        const body = (await read.json()) as { version: number; events: Array<{ eventId: string }> };
        expect(body.version).toBe(acknowledged.version);
        expect(body.events.map((e) => e.eventId)).toEqual(acknowledged.eventIds);
        // The resend a client makes when it is unsure is still an idempotent replay.
        const resend = await fetch(`${restarted.baseUrl}/v1/cases/k-1/events`, {
          method: 'POST',
          headers: { ...JSON_HEADERS, ...auth },
          body: JSON.stringify({ expectedVersion: 0, events }),
        });
        expect(resend.status).toBe(201);
        expect(await resend.json()).toEqual(acknowledged);
      } finally {
        restarted.child.kill('SIGTERM');
        await exited(restarted.child);
      }
    },
  );
});
