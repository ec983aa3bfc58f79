import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { toRecordedCaseEvent } from '@fristvakt/case-recording';
import type { RecordedCaseEvent } from '@fristvakt/domain';
import type { EventStore } from '@fristvakt/event-store';
import type { EventRequest } from '@fristvakt/generator';
import { loadConfig, type AppConfig } from '../../apps/case-api/src/config/app-config';
import { createApp } from '../../apps/case-api/src/create-app';
import { ProjectionsService } from '../../apps/case-api/src/projections/projections.service';
import { EVENT_STORE } from '../../apps/case-api/src/tokens';
import { mintTestToken, type TokenClaims } from '../support/auth';

/**
 * A clock the test moves: while a history loads it reads each request's intended recording time,
 * so `recordedAt` (and with it `knownAt`) is as the generator meant it; afterwards it stays put.
 */
export class TestClock {
  constructor(public now: Date) {}
  readonly read = (): Date => this.now;
  set(iso: string): void {
    this.now = new Date(iso);
  }
}

export interface LeaderTestApp {
  app: NestFastifyApplication;
  store: EventStore;
  config: AppConfig;
  dataDir: string;
  clock: TestClock;
  projections: ProjectionsService;
  /** closes the app; removes the data dir unless the test brought its own */
  close(): Promise<void>;
}

export async function startLeaderApp(options: { clock: TestClock; dataDir?: string; minPositionWaitMs?: number }): Promise<LeaderTestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'fristvakt-queries-'));
  const defaults = loadConfig({});
  const config: AppConfig = {
    ...defaults,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    store: 'sqlite',
    minPositionWaitMs: options.minPositionWaitMs ?? 5_000,
    // a whole history goes through the API in seconds
    http: { ...defaults.http, rateLimitPerMinute: 10_000_000 },
  };
  const app = await createApp(config, { clock: options.clock.read, logger: false });
  await app.getHttpAdapter().getInstance().ready();
  const projections = app.get(ProjectionsService);
  await projections.whenCaughtUp();
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    config,
    dataDir,
    clock: options.clock,
    projections,
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headers with a token valid for the whole simulated span (the app's clock moves through years). */
export async function bearer(t: Pick<LeaderTestApp, 'config'>, claims: TokenClaims, issuedAt: Date): Promise<{ authorization: string }> {
  const token = await mintTestToken(t.config, { ttlSeconds: 10 * 366 * 86_400, ...claims }, issuedAt);
  return { authorization: `Bearer ${token}` };
}

/** Posts every request at its intended recording time, in order; returns the last position. */
export async function loadThroughApi(
  t: LeaderTestApp,
  requests: Iterable<EventRequest>,
  headers: { authorization: string },
): Promise<number> {
  let position = 0;
  for (const request of requests) {
    t.clock.set(request.recordedAt);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${request.caseId}/events`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(request.body),
    });
    if (res.statusCode !== 201) throw new Error(`POST ${request.caseId} answered ${res.statusCode}: ${res.body}`);
    position = (res.json() as { position: number }).position;
  }
  return position;
}

/** Every case event in the log, straight from the store: the reference recomputation's input. */
export async function recordedEvents(store: EventStore): Promise<RecordedCaseEvent[]> {
  const events: RecordedCaseEvent[] = [];
  for (let after = 0; ;) {
    const batch = await store.readAll(after, 5_000);
    if (batch.length === 0) return events;
    for (const stored of batch) events.push(toRecordedCaseEvent(stored));
    after = batch[batch.length - 1].position;
  }
}

export async function getJson<T = Record<string, unknown>>(
  t: Pick<LeaderTestApp, 'app'>,
  url: string,
  headers: { authorization: string },
): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: res.json() as T, headers: res.headers };
}
