import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { CaseRecorder } from '@fristvakt/case-recording';
import { openEventStore, type EventStore } from '@fristvakt/event-store';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CASE_RECORDER, CLOCK, EVENT_STORE, type Clock } from '../tokens';

export const EVENT_STORE_FILE = 'events.sqlite';

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [APP_CONFIG, CLOCK],
  useFactory: async (config: AppConfig, clock: Clock): Promise<EventStore> => {
    if (config.store === 'memory') return openEventStore({ kind: 'memory', clock });
    if (config.store === 'eventstoredb') {
      return openEventStore({ kind: 'eventstoredb', connectionString: config.eventStoreConnectionString as string, clock });
    }
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    return openEventStore({ kind: 'sqlite', path: join(config.dataDir, EVENT_STORE_FILE), clock, writer: config.sqliteWriter });
  },
};

export const caseRecorderProvider: Provider = {
  provide: CASE_RECORDER,
  inject: [EVENT_STORE, CLOCK],
  useFactory: (store: EventStore, clock: Clock) => new CaseRecorder(store, clock),
};

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
