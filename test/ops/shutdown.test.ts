import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@fristvakt/event-store';
import { authHeadersForDataDir } from '../support/auth';
import { eventId, notification } from './ops-app';
import { listening, logLines, spawnServer } from './server-process';

/*
 * SIGTERM in the middle of a burst of concurrent writes: the server drains, flushes and exits 0,
 * and every batch it acknowledged with a 201 is in the log afterwards. Requests it refused (503,
 * connection refused or reset) may or may not be stored; a client resends those with the same ids.
 */

const REQUESTS = 300;

type Outcome = { status: number; eventIds?: string[] } | { error: string };

describe('graceful shutdown', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-shutdown-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged event when SIGTERM arrives during a write burst, and exits 0', async () => {
    const auth = await authHeadersForDataDir(dataDir, { roles: ['intake'], subject: 'burst-writer' });
    const server = spawnServer({ FRISTVAKT_DATA_DIR: dataDir, LOG_LEVEL: 'info', FRISTVAKT_SHUTDOWN_TIMEOUT_MS: '5000' });
    const baseUrl = await listening(server);

    let answered = 0;
    let signalled = false;
    const post = async (i: number): Promise<Outcome> => {
      try {
        const res = await fetch(`${baseUrl}/v1/cases/burst-case-${i}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': `burst-${i}`, ...auth },
          body: JSON.stringify({ expectedVersion: 0, events: [notification(`n${i}`), { ...notification(`m${i}`), eventId: eventId() }] }),
        });
        const body = (await res.json()) as { eventIds?: string[] };
        return { status: res.status, eventIds: body.eventIds };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      } finally {
        if (++answered === 25 && !signalled) {
          signalled = true;
          server.child.kill('SIGTERM');
        }
      }
    };
    // A second wave arrives once the server is draining: refused (503 or no connection), or, in
    // the instant before Fastify starts closing, served in full.
    let signalledAt = 0;
    const lateWave = new Promise<Outcome[]>((resolve) => {
      const start = setInterval(() => {
        if (!server.stdout().includes('SIGTERM: shutting down')) return;
        clearInterval(start);
        signalledAt = Date.now();
        resolve(Promise.all(Array.from({ length: 50 }, (_, i) => post(REQUESTS + i))));
      }, 2);
    });
    const outcomes = [...(await Promise.all(Array.from({ length: REQUESTS }, (_, i) => post(i)))), ...(await lateWave)];
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Kept-alive client connections do not hold the drain open until FRISTVAKT_SHUTDOWN_TIMEOUT_MS.
    expect(Date.now() - signalledAt).toBeLessThan(4_000);

    const acknowledged = outcomes.flatMap((o) => ('status' in o && o.status === 201 ? (o.eventIds ?? []) : []));
    expect(acknowledged.length).toBeGreaterThanOrEqual(50);
    const unexpected = outcomes.filter((o) => 'status' in o && o.status !== 201 && o.status !== 503);
    expect(unexpected).toEqual([]);

    const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    try {
      const stored = new Set((await store.readAll(0, 10_000)).map((e) => e.eventId));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await store.close();
    }

    // Structured logs: the request id we sent on every line of its request, the subject, route patterns only.
    const lines = logLines(server);
    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed.length).toBeGreaterThanOrEqual(acknowledged.length / 2);
    for (const line of completed) {
      expect(line).toMatchObject({
        reqId: expect.stringMatching(/^burst-\d+$/),
        route: '/v1/cases/:caseId/events',
        method: 'POST',
        sub: 'burst-writer',
      });
    }
    expect(server.stdout()).not.toContain('burst-case-');
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['SIGTERM: shutting down', 'stopped']));
  });
});
