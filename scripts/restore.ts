/**
 * Replaces the embedded store with a verified backup. Stop the server first.
 *   npm run restore -- --from /backups/fristvakt-2024-06-15.sqlite [--data-dir ./data] [--force]
 * --force replaces the file even while a process has it open: only for a store known to be dead.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreSqliteStore, RestoreRefusedError } from '@fristvakt/event-store';
import { fail, storeFileOf } from './ops/cli';

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { from: { type: 'string' }, 'data-dir': { type: 'string' }, force: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    fail(`${(error as Error).message}\nusage: npm run restore -- --from <file> [--data-dir <dir>] [--force]`, 2);
  }
  if (!args.from) fail('usage: npm run restore -- --from <file> [--data-dir <dir>] [--force]', 2);
  const storeFile = storeFileOf(args['data-dir']);
  mkdirSync(dirname(storeFile), { recursive: true });
  try {
    const report = await restoreSqliteStore(args.from, storeFile, { force: args.force });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } catch (error) {
    if (error instanceof RestoreRefusedError) fail(error.message, 3);
    throw error;
  }
}

main().catch((error: unknown) => fail(`restore failed: ${error instanceof Error ? error.message : String(error)}`));
