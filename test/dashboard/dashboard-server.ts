import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateEventLog, logToRequests } from '@fristvakt/generator';
import { loadConfig, type AppConfig } from '../../apps/case-api/src/config/app-config';
import { createApp } from '../../apps/case-api/src/create-app';
import { ProjectionsService } from '../../apps/case-api/src/projections/projections.service';
import { REFERENCE_FILE } from '../../apps/case-api/src/reports/reference/reference-data.provider';
import { bearer, loadThroughApi, TestClock } from '../queries/leader-harness';
import { FIRST_RECORDING, HISTORY, NOW, REFERENCE_CSV } from '../reports/report-fixture';

export interface DashboardServer {
  app: NestFastifyApplication;
  config: AppConfig;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/**
 * The app listening on a free loopback port with the demo login on, loaded with the generated
 * history of the report tests through the API and their reference file of published figures; its
 * clock then stays at NOW (2025-01-15).
 */
export async function startDashboardServer(): Promise<DashboardServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-dashboard-'));
  writeFileSync(join(dataDir, REFERENCE_FILE), REFERENCE_CSV);
  const defaults = loadConfig({});
  const config: AppConfig = {
    ...defaults,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    store: 'sqlite',
    dashboardDemoLogin: true,
    http: { ...defaults.http, rateLimitPerMinute: 10_000_000 },
  };
  const clock = new TestClock(FIRST_RECORDING);
  const app = await createApp(config, { clock: clock.read, logger: false });
  await app.listen(0, '127.0.0.1');
  const projections = app.get(ProjectionsService);
  await projections.whenCaughtUp();
  const intake = await bearer({ config }, { roles: ['intake'], municipalities: HISTORY.municipalities }, FIRST_RECORDING);
  const last = await loadThroughApi(
    { app, clock } as Parameters<typeof loadThroughApi>[0],
    logToRequests(generateEventLog(HISTORY)),
    intake,
  );
  clock.set(NOW);
  await projections.runner.waitForPosition(last, 10_000);
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
