import { dirname, join } from 'node:path';
import { IMPORT_SECRET_FILE } from '@fristvakt/register';
import { loadOrCreateEmbeddedSecret } from '../../apps/case-api/src/auth/embedded-secret';

/** The keyed-hash secret of register imports and exports, beside the store (as the server keeps it), made on first use. */
export function importSecretFor(storeFile: string): Uint8Array {
  return loadOrCreateEmbeddedSecret(join(dirname(storeFile), IMPORT_SECRET_FILE), 'import secret');
}
