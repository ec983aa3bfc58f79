import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '@fristvakt/event-store';
import { loadConfig, type AppConfig } from '../../apps/case-api/src/config/app-config';
import { createApp, type CreateAppOptions } from '../../apps/case-api/src/create-app';
import { EVENT_STORE } from '../../apps/case-api/src/tokens';

/** The e2e clock: fixed, so deadlines and "not in the future" are deterministic. */
export const NOW = new Date('2024-06-15T12:00:00Z');

export interface TestApp {
  app: NestFastifyApplication;
  store: EventStore;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts the app in-process on a fresh SQLite file in a temp dir; requests go through `app.inject`. Silent unless `options` says otherwise. */
export async function startTestApp(overrides: Partial<AppConfig> = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'fristvakt-e2e-'));
  const config: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, store: 'sqlite', ...overrides };
  const app = await createApp(config, { clock: () => NOW, logger: false, ...options });
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    async close() {
      await app.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

let counter = 0;
/** Deterministic, valid v4-shaped UUIDs so resends can reuse them. */
export function uuid(): string {
  counter++;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}
