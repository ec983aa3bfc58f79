/**
 * Replaces the embedded store with a verified backup. Stop the server first.
 *   npm run restore -- --from /backups/fristvakt-2024-06-15.sqlite --expect-head <hash>@<position> [--data-dir ./data]
 *     [--accept-truncation] [--force]
 * --expect-head: a head pinned earlier (GET /v1/audit/verify); the backup must hold it (docs/security.md).
 * --accept-truncation: the backup may end before the store it replaces.
 * --force replaces the file even while a process has it open: only for a store known to be dead.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePinnedHead, restoreSqliteStore, RestoreRefusedError, restrictNewFilesToOwner } from '@fristvakt/event-store';
import { fail, storeFileOf } from './ops/cli';

const USAGE =
  'usage: npm run restore -- --from <file> [--expect-head <hash>@<position>] [--data-dir <dir>] [--accept-truncation] [--force]';

async function main(): Promise<void> {
  restrictNewFilesToOwner();
  let args;
  try {
    args = parseArgs({
      options: {
        from: { type: 'string' },
        'data-dir': { type: 'string' },
        'expect-head': { type: 'string' },
        'accept-truncation': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (!args.from) fail(USAGE, 2);
  let expectHead;
  try {
    expectHead = args['expect-head'] === undefined ? undefined : parsePinnedHead(args['expect-head']);
  } catch (error) {
    fail(`--expect-head: ${(error as Error).message}`, 2);
  }
  const storeFile = storeFileOf(args['data-dir']);
  mkdirSync(dirname(storeFile), { recursive: true, mode: 0o700 });
  try {
    const report = await restoreSqliteStore(args.from, storeFile, {
      force: args.force,
      expectHead,
      acceptTruncation: args['accept-truncation'],
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } catch (error) {
    if (error instanceof RestoreRefusedError) fail(error.message, 3);
    throw error;
  }
}

main().catch((error: unknown) => fail(`restore failed: ${error instanceof Error ? error.message : String(error)}`));
