/*
 * Event ids of the facts, outside the JS heap. Almost every id is a lowercase UUID (what the store
 * and the clients generate): held as 16 bytes in a shared chunk instead of a 36-character string
 * per fact, a million-event model is ~45 MB smaller and has a million fewer objects for the
 * garbage collector to copy and mark. Ids are read back only to find a retraction's target and to
 * write a snapshot. Any other spelling (uppercase, another format) is kept as the string itself,
 * so what is read back is always exactly what was given.
 */

const UUID_LENGTH = 36;
const UUID_BYTES = 16;
/** 4 096 ids per chunk: a chunk stays alive while any fact still points into it */
const CHUNK_BYTES = 64 * 1024;

/** Where an id is: a chunk and the offset of its 16 bytes, or the string itself (offset -1). */
export type EventIdHome = Uint8Array | string;

let chunk = new Uint8Array(CHUNK_BYTES);
let used = 0;

/** The chunk the next packed id goes to (the caller stores it with the offset {@link packEventId} returns). */
export function eventIdChunk(): Uint8Array {
  if (used + UUID_BYTES > CHUNK_BYTES) {
    chunk = new Uint8Array(CHUNK_BYTES);
    used = 0;
  }
  return chunk;
}

/**
 * Writes a lowercase UUID into the current chunk and returns its offset; -1 (nothing written) for
 * any other id. Call {@link eventIdChunk} first: both refer to the same chunk.
 */
export function packEventId(id: string): number {
  if (id.length !== UUID_LENGTH) return -1;
  if (id.charCodeAt(8) !== DASH || id.charCodeAt(13) !== DASH || id.charCodeAt(18) !== DASH || id.charCodeAt(23) !== DASH) return -1;
  const at = used;
  // 8-4-4-4-12 hex digits; a bad digit leaves `used` where it was, so the bytes written are dropped
  if (
    packHex(id, 0, 4, at) &&
    packHex(id, 9, 2, at + 4) &&
    packHex(id, 14, 2, at + 6) &&
    packHex(id, 19, 2, at + 8) &&
    packHex(id, 24, 6, at + 10)
  ) {
    used = at + UUID_BYTES;
    return at;
  }
  return -1;
}

/** `bytes` bytes from the hex digits at id[from…] into the chunk at `out`; false at a character that is not a lowercase hex digit. */
function packHex(id: string, from: number, bytes: number, out: number): boolean {
  for (let b = 0; b < bytes; b++) {
    const high = hexValue(id.charCodeAt(from + 2 * b));
    const low = hexValue(id.charCodeAt(from + 2 * b + 1));
    if ((high | low) < 0) return false;
    chunk[out + b] = (high << 4) | low;
  }
  return true;
}

/** The id stored at `home`/`at`, spelled as it was given. */
export function unpackEventId(home: EventIdHome, at: number): string {
  if (typeof home === 'string') return home;
  let s = '';
  for (let b = 0; b < UUID_BYTES; b++) {
    if (b === 4 || b === 6 || b === 8 || b === 10) s += '-';
    const byte = home[at + b];
    s += HEX[byte >> 4] + HEX[byte & 15];
  }
  return s;
}

/** Whether the id stored at `home`/`at` is `id`, without building the string. */
export function isEventId(home: EventIdHome, at: number, id: string): boolean {
  if (typeof home === 'string') return home === id;
  if (id.length !== UUID_LENGTH) return false;
  let b = at;
  for (let i = 0; i < UUID_LENGTH;) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (id.charCodeAt(i) !== DASH) return false;
      i++;
      continue;
    }
    if (((hexValue(id.charCodeAt(i)) << 4) | hexValue(id.charCodeAt(i + 1))) !== home[b++]) return false;
    i += 2;
  }
  return true;
}

const DASH = 45;
const HEX = '0123456789abcdef';

/** 0–15 for a lowercase hex digit, -1 otherwise (uppercase would not read back as written). */
function hexValue(c: number): number {
  return c < 128 ? HEX_VALUE[c] : -1;
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE[HEX.charCodeAt(i)] = i;
