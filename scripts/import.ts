/**
 * Imports history into the data dir's event store: an NDJSON file of POST bodies (`npm run generate
 * --out`), or the national register's XML extract (a .xml file or a directory of them). Every case
 * goes through the API's validation and case rules; see docs/register-import.md.
 *   npm run import -- <file|dir> [--format ndjson|xml] [--data-dir ./data] [--report <file>]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_MUNICIPALITIES } from '@fristvakt/case-recording';
import { SqliteEventStore } from '@fristvakt/event-store';
import { ImportRefused, XmlValidatorMissing, runImport, type ImportFormat } from '@fristvakt/register';
import { fail, storeFileOf } from './ops/cli';
import { importSecretFor } from './ops/import-secret';
import { progressPrinter, summaryLine } from './import-progress';

const USAGE = `usage: npm run import -- <file.ndjson | extract.xml | extract-dir> [--format ndjson|xml] [--data-dir <dir>] [--report <file>]

  NDJSON (.ndjson/.jsonl): one POST /v1/cases/{caseId}/events body a line, as npm run generate --out writes
  XML: the register extract (SSB Barnevern v4), one Sak a file; validated with xmllint before anything is stored
  --data-dir  the store to import into (default: FRISTVAKT_DATA_DIR, then ./data)
  --report    where refused cases are listed, one JSON object a line (default: <input>.import-report.ndjson)

exit codes: 0 all imported, 4 imported with refused cases (see the report), 3 input refused by the XSD
(nothing stored), 2 usage, 1 failure`;

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'data-dir': { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (positionals.length !== 1) fail(USAGE, 2);
  const input = resolve(positionals[0]);
  if (!existsSync(input)) fail(`import: ${input} does not exist`, 2);
  const format = values.format as ImportFormat | undefined;
  if (format !== undefined && format !== 'ndjson' && format !== 'xml') fail(`import: --format must be ndjson or xml, got ${format}`, 2);

  const storeFile = storeFileOf(values['data-dir']);
  mkdirSync(dirname(storeFile), { recursive: true, mode: 0o700 });
  const secret = importSecretFor(storeFile);
  // One caller appending group after group: the inline writer has no hand-over between threads.
  const store = new SqliteEventStore({ path: storeFile, writer: 'inline' });
  const printer = progressPrinter(process.stderr);
  try {
    const summary = await runImport({
      path: input,
      format,
      store,
      // The operator who runs the CLI holds the data dir: every municipality.
      principal: { subject: 'import:cli', municipalities: ALL_MUNICIPALITIES },
      secret,
      xmllint: process.env.FRISTVAKT_XMLLINT,
      reportFile: resolve(values.report ?? `${input.replace(/\/+$/, '')}.import-report.ndjson`),
      onProgress: printer.update,
    });
    printer.done();
    process.stderr.write(`${summaryLine(summary)}\n`);
    if (summary.refused > 0) process.exitCode = 4;
  } catch (error) {
    printer.done();
    if (error instanceof ImportRefused) fail(`import: ${error.message}`, 3);
    if (error instanceof XmlValidatorMissing) fail(`import: ${error.message}`, 1);
    throw error;
  } finally {
    await store.close();
  }
}

void main().catch((error: unknown) => fail(`import: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 1));
