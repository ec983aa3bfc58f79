import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SQLITE_STORE_FILE } from '@fristvakt/event-store';
import { configDefault } from '../../apps/case-api/src/config/config-doc';

export const STORE_FILE = SQLITE_STORE_FILE;

/** The store file the server would open: --data-dir, else FRISTVAKT_DATA_DIR (real env, then .env), else the default. */
export function storeFileOf(dataDirArgument: string | undefined): string {
  if (dataDirArgument === undefined && existsSync('.env')) process.loadEnvFile('.env');
  const dataDir = dataDirArgument ?? process.env.FRISTVAKT_DATA_DIR ?? configDefault('FRISTVAKT_DATA_DIR');
  return join(resolve(dataDir), STORE_FILE);
}

/** Exit codes: 1 failed, 2 usage, 3 refused (restore into a running store). */
export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
