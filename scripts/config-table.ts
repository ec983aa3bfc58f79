/**
 * Prints the configuration table from CONFIG_DOC; `--write` replaces the one in docs/configuration.md.
 *   npx tsx scripts/config-table.ts --write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderConfigTable } from '../apps/case-api/src/config/config-doc';

const table = renderConfigTable();
if (!process.argv.includes('--write')) {
  process.stdout.write(`${table}\n`);
} else {
  const path = resolve(__dirname, '..', 'docs', 'configuration.md');
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.indexOf('| variable | default | meaning |');
  if (start < 0) throw new Error('docs/configuration.md has no configuration table (header "| variable | default | meaning |")');
  let end = start;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  lines.splice(start, end - start, ...table.split('\n'));
  writeFileSync(path, lines.join('\n'));
  process.stdout.write('docs/configuration.md configuration table updated\n');
}
