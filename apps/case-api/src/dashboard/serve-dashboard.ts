import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import type { Clock } from '../tokens';
import type { DashboardFile } from './bundle-dashboard';
import { loadDashboardAssets } from './dashboard-assets';
import { demoLoginEnabled, mintDemoToken } from './demo-login';

const TYPES: Record<Exclude<DashboardFile, 'index.html'>, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

/**
 * The leaders' dashboard at `/`, its script and stylesheet under `/dashboard/assets/`, and, only
 * where it is switched on, `POST /dashboard/demo-login`. Plain Fastify routes like the docs page
 * (`@fastify/static` does not fit the Nest peer ranges); outside `/v1`, so the page loads without a
 * token and every figure it shows comes from the token-protected API.
 */
export function serveDashboard(app: NestFastifyApplication, config: AppConfig, clock: Clock): void {
  const fastify = app.getHttpAdapter().getInstance();
  const assets = loadDashboardAssets();
  const demo = demoLoginEnabled(config);

  if (!assets.ok) {
    new Logger('Dashboard').warn(`dashboard not served: ${assets.reason}`);
    fastify.get('/', (_request, reply) => {
      void reply.code(503).type('text/plain; charset=utf-8').send(`The dashboard is not built: ${assets.reason}\n`);
    });
  } else {
    const index = assets.files['index.html'].toString('utf8').replace('data-demo-login="false"', `data-demo-login="${demo}"`);
    fastify.get('/', (_request, reply) => {
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
    });
    fastify.get<{ Params: { name: string } }>('/dashboard/assets/:name', (request, reply) => {
      const name = request.params.name;
      if (!Object.hasOwn(TYPES, name)) {
        void reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404 });
        return;
      }
      void reply
        .type(TYPES[name as keyof typeof TYPES])
        .header('cache-control', 'no-cache')
        .send(assets.files[name as keyof typeof TYPES]);
    });
  }

  if (demo) {
    new Logger('Dashboard').warn(
      'FRISTVAKT_DASHBOARD_DEMO_LOGIN is on: anyone reaching this server can get a leader token for every municipality',
    );
    fastify.post('/dashboard/demo-login', async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return mintDemoToken(config, clock);
    });
  }
}
