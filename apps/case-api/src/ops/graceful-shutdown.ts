import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { HealthRegistry, InFlightRequests } from '@fristvakt/observability';
import type { AppConfig } from '../config/app-config';
import { PROBLEM_TYPES } from '../http/problem';
import { APP_CONFIG, HEALTH_REGISTRY, IN_FLIGHT_REQUESTS, SHUTDOWN_HOOKS } from '../tokens';
import type { ShutdownHooks } from './shutdown-hooks';

/**
 * Nest's `app.close()` runs this before it disposes the HTTP adapter and before any
 * `onApplicationShutdown` (where the event store is closed, flushing its commit queue). So: fail
 * readiness, stop taking connections and let in-flight requests finish (503 for any that arrive on
 * kept-alive connections, and for those still running after the timeout), then stop the registered
 * components, which save their checkpoints while the store is still open.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HEALTH_REGISTRY) private readonly health: HealthRegistry,
    @Inject(IN_FLIGHT_REQUESTS) private readonly inFlight: InFlightRequests,
    @Inject(SHUTDOWN_HOOKS) private readonly hooks: ShutdownHooks,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    this.health.beginShutdown();
    this.logger.log(`draining ${this.inFlight.size} in-flight request(s)`);
    await this.drainHttp();
    await this.hooks.runAll();
  }

  private async drainHttp(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const closed = fastify.close();
    // server.close() reaps the sockets idle at that moment only; a kept-alive socket whose request
    // finishes later would hold the drain open until the timeout.
    const reaper = setInterval(() => fastify.server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.shutdownTimeoutMs);
    });
    const outcome = await Promise.race([closed.then(() => 'drained' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'drained') return clearInterval(reaper);
    const rejected = this.inFlight.rejectAll(503, {
      type: PROBLEM_TYPES.http,
      title: 'Service Unavailable',
      status: 503,
      detail: 'The server is shutting down; send the request again (resending the same eventIds is safe).',
    });
    this.logger.warn(`shutdown timeout of ${this.config.shutdownTimeoutMs} ms reached: answered ${rejected} request(s) with 503`);
    fastify.server.closeAllConnections();
    await closed;
    clearInterval(reaper);
  }
}
