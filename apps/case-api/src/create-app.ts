import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createLogger,
  fastifyLoggingOptions,
  FristvaktMetrics,
  InFlightRequests,
  observeHttp,
  PinoNestLogger,
  type LogLevelName,
} from '@fristvakt/observability';
import type { DestinationStream } from 'pino';
import { containsNationalIdentityNumber } from '@fristvakt/case-recording';
import { AppModule } from './app.module';
import { installSecurity, registeredRoutes } from './auth/install-security';
import { principalOf } from './auth/principal';
import type { AppConfig } from './config/app-config';
import { serveDashboard } from './dashboard/serve-dashboard';
import { installMethodNotAllowed } from './http/method-not-allowed';
import { serveDocsUi } from './openapi/docs-ui';
import { serveOpenApi } from './openapi/openapi';
import { acceptImportBodies } from './register/import-bodies';
import type { Clock } from './tokens';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  /** tests pin time; defaults to the system clock */
  clock?: Clock;
  /** overrides `config.logLevel`; `false` silences logging (tests, benches) */
  logger?: LogLevelName | false;
  /** where the JSON log lines go; default stdout */
  logDestination?: DestinationStream;
}

/** Builds the app without listening, so tests and benches can `inject` or `listen(0)` in-process. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const clock = options.clock ?? (() => new Date());
  const level = options.logger === false ? 'silent' : (options.logger ?? config.logLevel);
  const logger = createLogger({ level, service: 'case-api', destination: options.logDestination });
  const metrics = new FristvaktMetrics();
  const inFlight = new InFlightRequests();
  const adapter = new FastifyAdapter({
    ...fastifyLoggingOptions(logger, containsNationalIdentityNumber),
    bodyLimit: BODY_LIMIT_BYTES,
    // Long ids must reach the controller to be refused with a 400 naming caseId, not a bare 404.
    routerOptions: { maxParamLength: 1000 },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A client that trickles its request, or holds an idle socket, must not tie up the server.
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
  });
  // Fastify parses text/plain by itself; without it such bodies are refused with a 415.
  adapter.getInstance().removeContentTypeParser('text/plain');
  acceptImportBodies(adapter.getInstance());
  observeHttp(adapter.getInstance(), { metrics, inFlight, subjectOf: (request) => principalOf(request)?.subject });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, clock, { metrics, inFlight }), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  await installSecurity(app, config.http);
  installMethodNotAllowed(adapter.getInstance(), registeredRoutes(app));
  // No enableShutdownHooks: it re-raises the signal after closing, so the exit code is never 0; main.ts handles signals.
  serveOpenApi(app);
  serveDocsUi(app);
  serveDashboard(app, config, clock);
  await app.init();
  return app;
}
