import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LogLevel } from '@nestjs/common';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { serveDocsUi } from './openapi/docs-ui';
import { serveOpenApi } from './openapi/openapi';
import type { Clock } from './tokens';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  /** tests pin time; defaults to the system clock */
  clock?: Clock;
  /** Nest log levels; `false` silences it (tests, benches) */
  logger?: LogLevel[] | false;
}

/** Builds the app without listening, so tests and benches can `inject` or `listen(0)` in-process. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const clock = options.clock ?? (() => new Date());
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Long ids must reach the controller to be refused with a 400 naming caseId, not a bare 404.
    routerOptions: { maxParamLength: 1000 },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  // Fastify parses text/plain by itself; without it such bodies are refused with a 415.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, clock), adapter, {
    logger: options.logger ?? ['log', 'warn', 'error', 'fatal'],
    abortOnError: false,
  });
  app.enableShutdownHooks();
  serveOpenApi(app);
  serveDocsUi(app);
  await app.init();
  return app;
}
