import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, pack, type Pack } from 'tar-stream';
import type { RegisterFile } from './register-extract';

/*
 * An extract is one register file per case (the schema holds one Sak a document), so several cases
 * travel as a tar archive of those files, or as a directory of them.
 */

/** A tar stream of the files, written as they come (one case in memory at a time). */
export function extractTar(files: AsyncIterable<RegisterFile>): Pack {
  const archive = pack();
  void (async () => {
    try {
      for await (const file of files) {
        await new Promise<void>((resolve, reject) =>
          archive.entry({ name: file.name, mtime: new Date(0) }, file.xml, (e) => (e ? reject(e) : resolve())),
        );
      }
      archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  })();
  return archive;
}

export async function writeExtractDir(files: AsyncIterable<RegisterFile>, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let count = 0;
  for await (const file of files) {
    await writeFile(join(dir, file.name), file.xml);
    count += 1;
  }
  return count;
}

/** Unpacks the .xml entries of a tar (or .tar.gz) file into `dir`, flat; returns how many. */
export async function unpackTar(file: string, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const unpack = extract();
  let count = 0;
  const reading = (async () => {
    for await (const entry of unpack) {
      const name = basename(entry.header.name);
      if (entry.header.type === 'file' && name.toLowerCase().endsWith('.xml')) {
        count += 1;
        // Numbered, so entries of the same name in different folders do not overwrite each other.
        await pipeline(entry, createWriteStream(join(dir, `${String(count).padStart(7, '0')}-${name}`)));
      } else {
        entry.resume();
      }
    }
  })();
  const source = createReadStream(file);
  await Promise.all([/\.(tgz|gz)$/i.test(file) ? pipeline(source, createGunzip(), unpack) : pipeline(source, unpack), reading]);
  return count;
}
