import { SqliteEventStore } from '@fristvakt/event-store';
import { registerExtract, writeExtractDir, type RegisterFile } from '@fristvakt/register';

/** Writes up to `cases` register files of the bench's largest municipality (0301), year by year from 2020. */
export async function exportCasesToDir(storeFile: string, dir: string, cases: number): Promise<string> {
  const store = new SqliteEventStore({ path: storeFile, writer: 'inline' });
  const seen = new Set<string>();
  async function* files(): AsyncGenerator<RegisterFile> {
    for (let year = 2020; year <= 2024 && seen.size < cases; year++) {
      for await (const file of registerExtract({ store, municipality: '0301', year, secret: Buffer.alloc(32, 7), now: new Date() })) {
        if (seen.has(file.name)) continue;
        seen.add(file.name);
        yield file;
        if (seen.size >= cases) return;
      }
    }
  }
  const written = await writeExtractDir(files(), dir);
  await store.close();
  return `exported from the NDJSON import, municipality 0301`.concat(written < cases ? `, only ${written} cases` : '');
}
