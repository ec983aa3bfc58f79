import { join } from 'node:path';

/** Where the projections snapshot of a data dir lives; the server and `npm run rebuild` agree on it. */
export function projectionSnapshotPath(dataDir: string): string {
  return join(dataDir, 'projections', 'snapshot.ndjson');
}
