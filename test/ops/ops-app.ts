import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { received } from '@fristvakt/domain/testing';
import type { EventStore } from '@fristvakt/event-store';
import type { HealthRegistry } from '@fristvakt/observability';
import { loadConfig, type AppConfig } from '../../apps/case-api/src/config/app-config';
import { createApp } from '../../apps/case-api/src/create-app';
import { EVENT_STORE, HEALTH_REGISTRY } from '../../apps/case-api/src/tokens';
import { authHeaders, type AuthHeaders } from '../support/auth';

export const ROOT = resolve(__dirname, '../..');

/** An in-process app whose clock the test moves, so lag in seconds can be measured. */
export interface OpsApp {
  app: NestFastifyApplication;
  store: EventStore;
  health: HealthRegistry;
  auth: AuthHeaders;
  clock: { now: Date; advance(ms: number): void };
  post(caseId: string, body: unknown): ReturnType<NestFastifyApplication['inject']>;
  close(): Promise<void>;
}

export async function startOpsApp(overrides: Partial<AppConfig> = {}): Promise<OpsApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-ops-'));
  const clock = {
    now: new Date('2024-06-15T12:00:00Z'),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const config: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, store: 'sqlite', ...overrides };
  const app = await createApp(config, { clock: () => clock.now, logger: false });
  await app.getHttpAdapter().getInstance().ready();
  const auth = await authHeaders(app, { roles: ['intake'], subject: 'ops-test' });
  await untilReady(app);
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    health: app.get<HealthRegistry>(HEALTH_REGISTRY),
    auth,
    clock,
    post: (caseId, body) =>
      app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/events`,
        headers: { 'content-type': 'application/json', ...auth },
        payload: JSON.stringify(body),
      }),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Components that start in the background (the projections runner) report ready shortly after start. */
async function untilReady(app: NestFastifyApplication, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    if (res.statusCode === 200) return;
    if (Date.now() > deadline) throw new Error(`the app did not become ready: ${res.body}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let counter = 0;
export function eventId(): string {
  counter++;
  return `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`;
}

export const notification = (notificationId: string, municipality = '3201') =>
  received(notificationId, '2024-03-01T10:15:00+01:00', { eventId: eventId(), municipality });
