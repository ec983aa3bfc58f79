import type { Provider } from '@nestjs/common';
import type { EventStore } from '@fristvakt/event-store';
import { HealthRegistry, InFlightRequests, storeHealth, type FristvaktMetrics } from '@fristvakt/observability';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE, HEALTH_REGISTRY, IN_FLIGHT_REQUESTS, METRICS, SHUTDOWN_HOOKS, type Clock } from '../tokens';
import { ShutdownHooks } from './shutdown-hooks';

/**
 * The metrics and in-flight tracker exist before Nest does (the Fastify hooks that feed them are
 * added when the adapter is built), so they come in as values.
 */
export function opsProviders(metrics: FristvaktMetrics, inFlight: InFlightRequests): Provider[] {
  return [
    { provide: METRICS, useValue: metrics },
    { provide: IN_FLIGHT_REQUESTS, useValue: inFlight },
    { provide: SHUTDOWN_HOOKS, useValue: new ShutdownHooks() },
    {
      provide: HEALTH_REGISTRY,
      inject: [EVENT_STORE, APP_CONFIG, CLOCK],
      useFactory: (store: EventStore, config: AppConfig, clock: Clock) => {
        const registry = new HealthRegistry({ store, metrics, maxLagEvents: config.readyMaxLagEvents, now: () => clock().getTime() });
        registry.register(storeHealth(store));
        return registry;
      },
    },
  ];
}
