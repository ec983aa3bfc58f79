/**
 * Rebuilds the projections snapshot of a data dir from the whole event log.
 *   npm run rebuild [-- --data-dir ./data]
 *
 * Safe while a server runs on the same data dir: SQLite lets this process read while the server
 * writes, and the snapshot file is replaced atomically (temp file, fsync, rename). The running
 * server keeps its own model in memory and overwrites the snapshot on its next save; the rebuilt
 * snapshot is what the next start loads when no server saved after it. A server also rebuilds by
 * itself when PROJECTION_VERSION changed, so this is for a suspected bad snapshot or a restore.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openEventStore, restrictNewFilesToOwner, SQLITE_STORE_FILE } from '@fristvakt/event-store';
import { FileSnapshotStore, PROJECTION_VERSION, ProjectionRunner } from '@fristvakt/projections';
import { configDefault } from '../apps/case-api/src/config/config-doc';
import { projectionSnapshotPath } from '../apps/case-api/src/projections/snapshot-path';
import { fail } from './ops/cli';

const USAGE =
  'usage: npm run rebuild [-- --data-dir <dir>]   (default: FRISTVAKT_DATA_DIR, then ./data; the snapshot goes to FRISTVAKT_SNAPSHOT_DIR when set)';

async function main(): Promise<void> {
  restrictNewFilesToOwner();
  let args;
  try {
    args = parseArgs({ options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args['data-dir'] === undefined && existsSync('.env')) process.loadEnvFile('.env');
  const dataDir = resolve(args['data-dir'] ?? process.env.FRISTVAKT_DATA_DIR ?? configDefault('FRISTVAKT_DATA_DIR'));
  const storeFile = join(dataDir, SQLITE_STORE_FILE);
  if (!existsSync(storeFile)) fail(`no event store at ${storeFile}`, 1);

  const started = Date.now();
  const store = await openEventStore({ kind: 'sqlite', path: storeFile });
  try {
    const snapshotDir = process.env.FRISTVAKT_SNAPSHOT_DIR?.trim();
    const snapshotFile = projectionSnapshotPath(dataDir, snapshotDir ? resolve(snapshotDir) : undefined);
    const runner = new ProjectionRunner({ store, snapshots: new FileSnapshotStore(snapshotFile) });
    await runner.rebuild('npm run rebuild');
    const { position, skippedEvents } = runner.status;
    const { cases, factCount } = runner.model;
    process.stdout.write(
      `${JSON.stringify({ snapshot: snapshotFile, projectionVersion: PROJECTION_VERSION, position, cases: cases.size, facts: factCount, skippedEvents, durationMs: Date.now() - started })}\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => fail(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`));
