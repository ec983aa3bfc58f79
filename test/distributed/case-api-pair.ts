import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '../../apps/case-api/src/config/app-config';
import { createApp } from '../../apps/case-api/src/create-app';
import { ProjectionsService } from '../../apps/case-api/src/projections/projections.service';
import { mintTestToken, type AuthHeaders, type TokenClaims } from '../support/auth';

export type SharedStore = { kind: 'sqlite' } | { kind: 'eventstoredb'; connectionString: string };

export interface CaseApiPair {
  apps: [NestFastifyApplication, NestFastifyApplication];
  /** shared by both: the SQLite events file (when that is the store), the auth secret, the access log */
  dataDir: string;
  headers(claims: TokenClaims): Promise<AuthHeaders>;
  close(): Promise<void>;
}

/**
 * Two case-api instances in one process, each its own Nest app with its own projections and store
 * connection, on one shared store. They share the data dir, so one token works on both; each keeps
 * its projections snapshot in its own FRISTVAKT_SNAPSHOT_DIR, as two real processes would have to.
 */
export async function startCaseApiPair(store: SharedStore): Promise<CaseApiPair> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-distributed-'));
  const defaults = loadConfig({});
  const configFor = (instance: string): AppConfig => {
    const snapshotDir = join(dataDir, `snapshots-${instance}`);
    mkdirSync(snapshotDir, { recursive: true });
    return {
      ...defaults,
      port: 0,
      host: '127.0.0.1',
      dataDir,
      snapshotDir,
      store: store.kind,
      ...(store.kind === 'eventstoredb' ? { eventStoreConnectionString: store.connectionString } : {}),
      minPositionWaitMs: 10_000,
      http: { ...defaults.http, rateLimitPerMinute: 10_000_000 },
    };
  };
  const apps: NestFastifyApplication[] = [];
  try {
    // One after the other: the first start creates the shared auth secret, the second loads it.
    for (const instance of ['a', 'b']) {
      const app = await createApp(configFor(instance), { logger: false });
      apps.push(app);
      await app.getHttpAdapter().getInstance().ready();
      await app.get(ProjectionsService).whenCaughtUp();
    }
  } catch (error) {
    await Promise.all(apps.map((app) => app.close()));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const config = configFor('a');
  return {
    apps: apps as [NestFastifyApplication, NestFastifyApplication],
    dataDir,
    headers: async (claims) => ({ authorization: `Bearer ${await mintTestToken(config, claims, new Date())}` }),
    async close() {
      await Promise.all(apps.map((app) => app.close()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
