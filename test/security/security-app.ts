import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AccessLog } from '@fristvakt/audit';
import { received } from '@fristvakt/domain/testing';
import { ACCESS_LOG } from '../../apps/case-api/src/audit/audit.tokens';
import { loadConfig, type AppConfig } from '../../apps/case-api/src/config/app-config';
import { createApp } from '../../apps/case-api/src/create-app';
import { NOW, uuid } from '../case-api/harness';

/** An in-process app whose log lines are kept, so a test can read everything it wrote. */
export interface SecurityApp {
  app: NestFastifyApplication;
  dataDir: string;
  /** every log line so far, as written */
  logLines(): string[];
  accessLog(): AccessLog;
  post(caseId: string, body: unknown, headers: Record<string, string>): ReturnType<NestFastifyApplication['inject']>;
  close(): Promise<void>;
}

export async function startSecurityApp(overrides: Partial<AppConfig> = {}): Promise<SecurityApp> {
  const parent = mkdtempSync(join(tmpdir(), 'fristvakt-security-'));
  // Not created yet: the app creates it, so its mode is the app's doing.
  const dataDir = join(parent, 'data');
  const config: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, store: 'sqlite', ...overrides };
  const lines: string[] = [];
  const app = await createApp(config, {
    clock: () => NOW,
    logger: 'debug',
    logDestination: { write: (line: string) => void lines.push(line) },
  });
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    dataDir,
    logLines: () => [...lines],
    accessLog: () => app.get<AccessLog>(ACCESS_LOG),
    post: (caseId, body, headers) =>
      app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/events`,
        headers: { 'content-type': 'application/json', ...headers },
        payload: JSON.stringify(body),
      }),
    async close() {
      await app.close();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** A NotificationReceived for `municipality`, with a fresh eventId. */
export function notification(municipality: string, notificationId = 'n1', occurredAt = '2024-05-02') {
  return received(notificationId, occurredAt, { eventId: uuid(), municipality });
}
