import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The register's schema, as SSB publishes it (schema/README.md): beside the sources, or, from the
 * compiled server under dist/, in the checkout it runs from.
 */
export const REGISTER_XSD =
  [join(__dirname, '..', 'schema'), join(process.cwd(), 'libs', 'register', 'schema')]
    .map((dir) => join(dir, 'ssb-barnevern-v4.xsd'))
    .find((file) => existsSync(file)) ?? join(__dirname, '..', 'schema', 'ssb-barnevern-v4.xsd');

/** The validator (libxml2's `xmllint`) is not installed: nothing can be imported or checked. */
export class XmlValidatorMissing extends Error {
  override readonly name = 'XmlValidatorMissing';
  constructor(command: string) {
    super(
      `the XML schema validator "${command}" was not found: it is libxml2's xmllint (Debian/Ubuntu: apt-get install libxml2-utils; ` +
        `macOS: it ships with the system; or set FRISTVAKT_XMLLINT to its path). Register files are validated against the XSD before anything is stored.`,
    );
  }
}

export interface XsdReport {
  /** files that failed, with libxml2's own messages (`file:line: element X: Schemas validity error : …`) */
  invalid: Array<{ file: string; messages: string[] }>;
  valid: number;
}

/** Files per xmllint run: keeps the command line short and the messages of one run readable. */
const FILES_PER_RUN = 400;

/**
 * Validates files against the register XSD with libxml2 in streaming mode (`xmllint --stream
 * --schema`): a file is never loaded whole, and the messages carry line numbers.
 */
export async function validateRegisterFiles(
  files: readonly string[],
  options: { xmllint?: string; xsd?: string } = {},
): Promise<XsdReport> {
  const command = options.xmllint ?? 'xmllint';
  const report: XsdReport = { invalid: [], valid: 0 };
  for (let i = 0; i < files.length; i += FILES_PER_RUN) {
    const chunk = files.slice(i, i + FILES_PER_RUN);
    const messages = await runXmllint(command, options.xsd ?? REGISTER_XSD, chunk);
    const byFile = new Map<string, string[]>();
    for (const line of messages) {
      const file = chunk.find((f) => line.startsWith(`${f}:`) || line.startsWith(`${f} `));
      if (file === undefined) continue;
      if (line === `${file} validates`) continue;
      if (!byFile.has(file)) byFile.set(file, []);
      byFile.get(file)!.push(line);
    }
    for (const file of chunk) {
      const lines = byFile.get(file);
      if (lines) report.invalid.push({ file, messages: lines });
      else report.valid += 1;
    }
  }
  return report;
}

function runXmllint(command: string, xsd: string, files: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--stream', '--noout', '--schema', xsd, ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      // A file full of errors must not fill memory; the first lines say enough.
      if (stderr.length < 4_000_000) stderr += text;
    });
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new XmlValidatorMissing(command) : error));
    child.on('close', (code) => {
      // 0 valid, 3 validation error, 4 schema/parse error of a file (xmllint's exit codes); 5 the schema itself.
      if (code === 5) return reject(new Error(`xmllint could not compile the schema ${xsd}:\n${stderr}`));
      if (code !== 0 && code !== 3 && code !== 4 && code !== 1)
        return reject(new Error(`xmllint exited with ${code}:\n${stderr.slice(0, 2000)}`));
      resolve(stderr.split('\n').filter((l) => l.trim() !== ''));
    });
  });
}

/** Validates XML text (the export checks what it wrote) by handing it to xmllint on stdin. */
export async function validateRegisterXml(xml: string, options: { xmllint?: string } = {}): Promise<string[]> {
  const command = options.xmllint ?? 'xmllint';
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--stream', '--noout', '--schema', REGISTER_XSD, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr += text));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new XmlValidatorMissing(command) : error));
    child.on('close', () => resolve(stderr.split('\n').filter((l) => l.trim() !== '' && !l.endsWith(' validates'))));
    child.stdin.end(xml);
  });
}
