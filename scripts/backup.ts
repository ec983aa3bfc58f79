/**
 * Consistent online backup of the embedded store, safe while the server keeps writing.
 *   npm run backup -- --to /backups/fristvakt-$(date +%F).sqlite [--data-dir ./data] [--overwrite]
 * Prints the verified backup's report as JSON; exits non-zero if anything is wrong.
 */
import { parseArgs } from 'node:util';
import { backupSqliteStore, restrictNewFilesToOwner } from '@fristvakt/event-store';
import { fail, storeFileOf } from './ops/cli';

async function main(): Promise<void> {
  restrictNewFilesToOwner();
  let args;
  try {
    args = parseArgs({
      options: { to: { type: 'string' }, 'data-dir': { type: 'string' }, overwrite: { type: 'boolean', default: false } },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\nusage: npm run backup -- --to <file> [--data-dir <dir>] [--overwrite]`, 2);
  }
  if (!args.to) fail('usage: npm run backup -- --to <file> [--data-dir <dir>] [--overwrite]', 2);
  const started = Date.now();
  const report = await backupSqliteStore(storeFileOf(args['data-dir']), args.to, { overwrite: args.overwrite });
  process.stdout.write(`${JSON.stringify({ ...report, durationMs: Date.now() - started })}\n`);
}

main().catch((error: unknown) => fail(`backup failed: ${error instanceof Error ? error.message : String(error)}`));
