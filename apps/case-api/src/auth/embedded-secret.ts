import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const SECRET_BYTES = 32;

/**
 * The HS256 key of the embedded setup: read from `file`, or generated there on first use (by the
 * server's first start or the first `npm run token`). Stored as base64url text, owner-only. The
 * register import's keyed-hash secret (`import-secret`) is kept the same way.
 */
export function loadOrCreateEmbeddedSecret(file: string, what = 'auth secret'): Uint8Array {
  try {
    return readSecret(file, what);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${randomBytes(SECRET_BYTES).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() never replaces an existing file: when a server and `npm run token` race, both end
    // up with whichever secret landed first, never with half of one.
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return readSecret(file, what);
}

function readSecret(file: string, what: string): Uint8Array {
  const mode = statSync(file).mode & 0o777;
  // Anyone who can read the key can mint tokens for any role and municipality (or undo pseudonyms).
  if ((mode & 0o077) !== 0) {
    throw new Error(`${what} ${file} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length < SECRET_BYTES)
    throw new Error(`${what} ${file} holds ${key.length} bytes; it needs at least ${SECRET_BYTES} (base64url)`);
  return new Uint8Array(key);
}
