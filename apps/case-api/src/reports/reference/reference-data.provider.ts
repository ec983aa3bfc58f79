import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../tokens';
import { NO_REFERENCE_DATA, parseReferenceCsv, type ReferenceData } from './reference-values';

export const REFERENCE_DATA = Symbol('REFERENCE_DATA');

/** The file a service imports its published comparison figures into (docs/state-report.md). */
export const REFERENCE_FILE = 'reference-values.csv';

/**
 * Read once at start from the data directory; a malformed file stops the start with the line it
 * failed on rather than putting wrong comparisons in front of a council. No file: no comparisons.
 */
export const REFERENCE_DATA_PROVIDER: Provider = {
  provide: REFERENCE_DATA,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): ReferenceData => {
    const file = join(config.dataDir, REFERENCE_FILE);
    return existsSync(file) ? parseReferenceCsv(readFileSync(file, 'utf8'), REFERENCE_FILE) : NO_REFERENCE_DATA;
  },
};
