import { join } from 'node:path';

/**
 * Where the projections snapshot lives; the server and `npm run rebuild` agree on it. Processes that
 * share a data dir (two case-api on one SQLite file) each need their own `snapshotDir`, or they
 * would overwrite each other's snapshot.
 */
export function projectionSnapshotPath(dataDir: string, snapshotDir?: string): string {
  return join(snapshotDir ?? join(dataDir, 'projections'), 'snapshot.ndjson');
}
