/**
 * One measured import for scripts/bench/import.ts, in a process of its own (its peak RSS is the
 * import's). Reports a ChildReport to the parent over IPC.
 *   ndjson <file> <store> <report>
 *   xml <source store> <xml dir> <store> <report> <cases>   (exports that many cases first, unclocked)
 */
import { randomBytes } from 'node:crypto';
import { SqliteEventStore } from '@fristvakt/event-store';
import { runImport } from '@fristvakt/register';
import type { ChildReport } from './import';
import { exportCasesToDir } from './export-sample';

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  const secret = randomBytes(32);
  let path: string;
  let storeFile: string;
  let reportFile: string;
  let note: string | undefined;
  if (mode === 'ndjson') {
    [path, storeFile, reportFile] = args;
  } else {
    const [sourceStore, xmlDir, target, report, cases] = args;
    note = await exportCasesToDir(sourceStore, xmlDir, Number(cases));
    [path, storeFile, reportFile] = [xmlDir, target, report];
  }
  const store = new SqliteEventStore({ path: storeFile, writer: 'inline' });
  const summary = await runImport({
    path,
    format: mode === 'ndjson' ? 'ndjson' : 'xml',
    store,
    principal: { subject: 'import:bench', municipalities: '*' },
    secret,
    reportFile,
  });
  await store.close();
  const report: ChildReport = {
    seconds: summary.seconds,
    eventsRead: summary.eventsRead,
    eventsAppended: summary.eventsAppended,
    cases: summary.cases,
    refused: summary.refused,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    note,
  };
  process.send!(report, () => process.exit(0));
}

void main();
