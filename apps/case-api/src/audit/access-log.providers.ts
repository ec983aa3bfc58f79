import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ACCESS_LOG_FILE, InMemoryAccessLog, SqliteAccessLog, type AccessLog } from '@fristvakt/audit';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../tokens';
import { ACCESS_LOG } from './audit.tokens';

/** `<dataDir>/access-log.sqlite` beside the SQLite store; in memory beside the memory store. */
export const accessLogProvider: Provider = {
  provide: ACCESS_LOG,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): AccessLog => {
    if (config.store === 'memory') return new InMemoryAccessLog();
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    return new SqliteAccessLog(join(config.dataDir, ACCESS_LOG_FILE));
  },
};

@Injectable()
export class AccessLogCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('AccessLog');
  constructor(@Inject(ACCESS_LOG) private readonly log: AccessLog) {}

  onApplicationShutdown(): void {
    try {
      this.log.close();
    } catch (error) {
      this.logger.error(`closing the access log failed: ${String(error)}`);
    }
  }
}
