import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { CaseCache, CaseReader, CaseRecording } from '@fristvakt/case-recording';
import type { FristvaktMetrics } from '@fristvakt/observability';
import { openEventStore, SQLITE_STORE_FILE, type EventStore } from '@fristvakt/event-store';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CASE_CACHE, CASE_READER, CASE_RECORDING, CLOCK, EVENT_STORE, METRICS, type Clock } from '../tokens';

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [APP_CONFIG, CLOCK],
  useFactory: async (config: AppConfig, clock: Clock): Promise<EventStore> => {
    if (config.store === 'memory') return openEventStore({ kind: 'memory', clock });
    if (config.store === 'eventstoredb') {
      return openEventStore({ kind: 'eventstoredb', connectionString: config.eventStoreConnectionString as string, clock });
    }
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    return openEventStore({ kind: 'sqlite', path: join(config.dataDir, SQLITE_STORE_FILE), clock, writer: config.sqliteWriter });
  },
};

/** The recording pipeline and the case reader keep one copy of each recently used case between them. */
export const caseRecordingProviders: Provider[] = [
  { provide: CASE_CACHE, inject: [EVENT_STORE], useFactory: (store: EventStore) => new CaseCache(store) },
  {
    provide: CASE_RECORDING,
    inject: [EVENT_STORE, CLOCK, METRICS, CASE_CACHE],
    useFactory: (store: EventStore, clock: Clock, metrics: FristvaktMetrics, cases: CaseCache) =>
      new CaseRecording(store, { clock, metrics, cases }),
  },
  { provide: CASE_READER, inject: [CASE_CACHE], useFactory: (cases: CaseCache) => new CaseReader(cases) },
];

/** Closes the store last, after Nest has stopped taking requests, so SQLite is checkpointed cleanly. */
@Injectable()
export class EventStoreCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.store.close();
    } catch (error) {
      this.logger.error(`closing the event store failed: ${String(error)}`);
    }
  }
}
