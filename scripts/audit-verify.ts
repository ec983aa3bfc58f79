/**
 * Verifies the audit hash chain of the embedded store, read-only and safe while the server writes.
 *   npm run audit:verify [-- --data-dir ./data] [--expect-head <hash>@<position>]
 * Prints the report as JSON on stdout and one line for people on stderr; exits 0 when the chain
 * (and the pinned head, if given) holds, 1 when it is broken, 2 on bad usage.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePinnedHead, verifySqliteChainFile, type PinnedHead } from '@fristvakt/event-store';
import { fail, storeFileOf } from './ops/cli';

const USAGE = 'usage: npm run audit:verify -- [--data-dir <dir>] [--expect-head <hash>@<position>]';

async function main(): Promise<void> {
  let args;
  let expectHead: PinnedHead | undefined;
  try {
    args = parseArgs({ options: { 'data-dir': { type: 'string' }, 'expect-head': { type: 'string' } } }).values;
    if (args['expect-head'] !== undefined) expectHead = parsePinnedHead(args['expect-head']);
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const file = storeFileOf(args['data-dir']);
  if (!existsSync(file)) fail(`no event store at ${file}`, 2);
  const started = Date.now();
  const report = await verifySqliteChainFile(file, { expectHead });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ file, ...report, durationMs: Math.round(seconds * 1000) })}\n`);
  if (report.ok) {
    const pin = report.pinned ? `; extends the pinned head ${report.pinned.hash}@${report.pinned.position}` : '';
    process.stderr.write(`OK: ${report.count} events, head ${report.headHash}@${report.headPosition}${pin}\n`);
    return;
  }
  fail(`BROKEN at position ${report.brokenAt} (${report.reason}): ${report.detail}; ${report.count} events before it verify`);
}

main().catch((error: unknown) => fail(`audit verify failed: ${error instanceof Error ? error.message : String(error)}`));
