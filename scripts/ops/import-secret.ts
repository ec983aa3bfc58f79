import { dirname, join } from 'node:path';
import { loadOrCreateEmbeddedSecret } from '../../apps/case-api/src/auth/embedded-secret';

/** The keyed-hash secret of register imports and exports, beside the store (mode 0600), made on first use. */
export const IMPORT_SECRET_FILE = 'import-secret';

export function importSecretFor(storeFile: string): Uint8Array {
  return loadOrCreateEmbeddedSecret(process.env.FRISTVAKT_IMPORT_SECRET_FILE ?? join(dirname(storeFile), IMPORT_SECRET_FILE), 'import secret');
}
