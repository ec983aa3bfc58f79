import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordingPrincipal } from '@fristvakt/case-recording';
import type { EventStore } from '@fristvakt/event-store';
import { unpackTar } from '../export/extract-archive';
import { RegisterPseudonyms } from '../pseudonyms';
import { validateRegisterFiles } from '../xsd-validation';
import { CaseImport, type ImportTally, type Refusal } from './case-import';
import { NdjsonCases } from './ndjson-source';
import { registerCases, registerFilesIn } from './xml-source';

export type ImportFormat = 'ndjson' | 'xml';

export interface ImportRun {
  /** a file or directory; NDJSON by `.ndjson`/`.jsonl`, else register XML: a .xml file, a directory or a .tar(.gz) of them */
  path: string;
  /** where a tar is unpacked before its files are validated (default: the system's temp dir) */
  workDir?: string;
  format?: ImportFormat;
  store: EventStore;
  /** who records, and the municipalities whose cases it may write (`*`: every one) */
  principal: RecordingPrincipal;
  /** the installation's import secret (keyed hashes of the register's ids) */
  secret: Uint8Array;
  /** NDJSON file the refusals are written to, one JSON object a line */
  reportFile: string;
  clock?: () => Date;
  onProgress?: (progress: ImportProgress) => void;
  casesPerGroup?: number;
  /** the libxml2 validator to run (default `xmllint` on PATH) */
  xmllint?: string;
}

export interface ImportProgress extends ImportTally {
  format: ImportFormat;
  /** cases and events the input holds, when known up front */
  totalCases: number | null;
  totalEvents: number | null;
  seconds: number;
}

export interface ImportSummary extends ImportProgress {
  reportFile: string;
}

/** The input failed the register XSD: nothing was stored. `invalid` carries libxml2's line-numbered messages. */
export class ImportRefused extends Error {
  override readonly name = 'ImportRefused';
  constructor(readonly invalid: Array<{ file: string; messages: string[] }>) {
    super(
      `${invalid.length} file(s) are not valid against the register XSD; nothing was imported:\n` +
        invalid.map((f) => f.messages.slice(0, 20).join('\n')).join('\n'),
    );
  }
}

export function importFormatOf(path: string): ImportFormat {
  return /\.(ndjson|jsonl|json)$/i.test(path) ? 'ndjson' : 'xml';
}

/** Imports one input (docs/register-import.md): validates, records case by case, writes the refusal report. */
export async function runImport(run: ImportRun): Promise<ImportSummary> {
  const format = run.format ?? importFormatOf(run.path);
  const started = performance.now();
  const report = createWriteStream(run.reportFile, { flags: 'w' });
  const totals = { cases: null as number | null, events: null as number | null };
  const progress = (tally: Readonly<ImportTally>): ImportProgress => ({
    ...tally,
    format,
    totalCases: totals.cases,
    totalEvents: totals.events,
    seconds: (performance.now() - started) / 1000,
  });
  const writeRefusal = (refusal: Refusal) => report.write(`${JSON.stringify(refusal)}\n`);
  const importer = new CaseImport({
    store: run.store,
    principal: run.principal,
    clock: run.clock,
    casesPerGroup: run.casesPerGroup,
    onRefusal: writeRefusal,
    onProgress: (tally) => run.onProgress?.(progress(tally)),
  });
  try {
    if (format === 'ndjson') {
      const source = new NdjsonCases(run.path);
      await source.scan();
      totals.cases = source.caseCount;
      totals.events = source.events;
      for (const bad of source.unreadable) writeRefusal({ caseId: '', at: bad.at, rule: 'invalid_line', detail: bad.detail });
      for await (const input of source.cases()) await importer.add(input);
    } else {
      const unpacked = isTar(run.path) ? mkdtempSync(join(run.workDir ?? tmpdir(), 'fristvakt-import-')) : undefined;
      try {
        if (unpacked) await unpackTar(run.path, unpacked);
        const files = await registerFilesIn(unpacked ?? run.path);
        const xsd = await validateRegisterFiles(files, { xmllint: run.xmllint });
        if (xsd.invalid.length > 0) throw new ImportRefused(xsd.invalid);
        totals.cases = files.length;
        for await (const input of registerCases(files, new RegisterPseudonyms(run.secret))) await importer.add(input);
        await importer.flush();
      } finally {
        if (unpacked) rmSync(unpacked, { recursive: true, force: true });
      }
    }
    await importer.flush();
  } finally {
    await closeStream(report);
  }
  return { ...progress(importer.tally), reportFile: run.reportFile };
}

function isTar(path: string): boolean {
  return /\.(tar|tar\.gz|tgz)$/i.test(path);
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
