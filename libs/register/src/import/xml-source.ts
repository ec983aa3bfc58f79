import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mapRegisterCase } from '../map-register-case';
import { parseRegisterFile } from '../parse-register-xml';
import type { RegisterPseudonyms } from '../pseudonyms';
import type { CaseInput } from './case-import';

/** The .xml files a path names: the file itself, or every .xml file below a directory, in name order. */
export async function registerFilesIn(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await registerFilesIn(full)));
    else if (entry.name.toLowerCase().endsWith('.xml')) out.push(full);
  }
  return out;
}

/**
 * Cases of register files (that passed the XSD), parsed one file at a time and mapped to events
 * with keyed-hash ids: the Sak's id becomes the case id, so a later extract lands in the same case.
 */
export async function* registerCases(files: readonly string[], ids: RegisterPseudonyms): AsyncGenerator<CaseInput> {
  for (const file of files) {
    const found: CaseInput[] = [];
    await parseRegisterFile(file, (registerCase) => {
      const mapped = mapRegisterCase(registerCase, ids);
      found.push({ caseId: mapped.caseId, at: mapped.at, events: mapped.events, problems: mapped.problems });
    });
    yield* found;
  }
}
