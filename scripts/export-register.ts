/**
 * Writes the national register's extract (SSB "Barnevern" v4, one file per case) of a municipality
 * for a year from the data dir's store, and validates every file against the XSD with xmllint.
 *   npm run export-register -- --municipality 3201 --year 2024 --out extract.tar | --out-dir <dir>
 * docs/register-import.md says what is exported and which attributes are pseudonymous.
 */
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { SqliteEventStore } from '@fristvakt/event-store';
import {
  extractTar,
  registerExtract,
  validateRegisterFiles,
  writeExtractDir,
  XmlValidatorMissing,
  type RegisterFile,
} from '@fristvakt/register';
import { fail, storeFileOf } from './ops/cli';
import { importSecretFor } from './ops/import-secret';

const USAGE = `usage: npm run export-register -- --municipality <nnnn> --year <yyyy> (--out <file.tar> | --out-dir <dir>)
         [--data-dir <dir>] [--organization-number <9 digits>] [--municipality-name <name>]
         [--birth-year]   a placeholder Personalia carrying each child's birth year (docs/register-import.md)`;

async function main(): Promise<void> {
  let values;
  try {
    values = parseArgs({
      options: {
        municipality: { type: 'string' },
        year: { type: 'string' },
        out: { type: 'string' },
        'out-dir': { type: 'string' },
        'data-dir': { type: 'string' },
        'organization-number': { type: 'string' },
        'municipality-name': { type: 'string' },
        'birth-year': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const municipality = values.municipality ?? '';
  const year = Number(values.year);
  if (!/^\d{4}$/.test(municipality) || !Number.isInteger(year) || (values.out === undefined) === (values['out-dir'] === undefined))
    fail(USAGE, 2);
  const organizationNumber = values['organization-number'];
  if (organizationNumber !== undefined && !/^\d{9}$/.test(organizationNumber))
    fail('export-register: --organization-number must be 9 digits', 2);

  const storeFile = storeFileOf(values['data-dir']);
  const secret = importSecretFor(storeFile);
  const store = new SqliteEventStore({ path: storeFile, writer: 'inline' });
  const dir = values['out-dir'] ? resolve(values['out-dir']) : mkdtempSync(join(tmpdir(), 'fristvakt-extract-'));
  try {
    const files = registerExtract({
      store,
      municipality,
      year,
      secret,
      now: new Date(),
      organizationNumber,
      municipalityName: values['municipality-name'],
      birthYear: values['birth-year'],
    });
    const count = await writeExtractDir(files, dir);
    const written = readdirSync(dir)
      .filter((f) => f.endsWith('.xml'))
      .map((f) => join(dir, f));
    const xsd = await validateRegisterFiles(written, { xmllint: process.env.FRISTVAKT_XMLLINT });
    if (xsd.invalid.length > 0)
      fail(
        `export-register: ${xsd.invalid.length} file(s) do not validate:\n${xsd.invalid
          .flatMap((f) => f.messages)
          .slice(0, 40)
          .join('\n')}`,
        1,
      );
    if (values.out) await pipeline(Readable.from(extractTar(fromDir(written))), createWriteStream(resolve(values.out)));
    process.stderr.write(
      `export-register: ${count} cases of ${municipality} for ${year}, valid against the register XSD → ${values.out ? resolve(values.out) : dir}\n`,
    );
  } catch (error) {
    if (error instanceof XmlValidatorMissing) fail(`export-register: ${error.message}`, 1);
    throw error;
  } finally {
    await store.close();
    if (!values['out-dir']) rmSync(dir, { recursive: true, force: true });
  }
}

async function* fromDir(files: string[]): AsyncGenerator<RegisterFile> {
  for (const file of files) yield { name: file.slice(file.lastIndexOf('/') + 1), xml: readFileSync(file, 'utf8') };
}

void main().catch((error: unknown) =>
  fail(`export-register: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 1),
);
