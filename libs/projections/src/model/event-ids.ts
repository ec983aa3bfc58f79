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
/** bytes of a packed id */
export const PACKED_ID_BYTES = UUID_BYTES;
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
  if (!packEventIdInto(id, chunk, used)) return -1;
  const at = used;
  used = at + UUID_BYTES;
  return at;
}

/**
 * Writes a lowercase UUID as 16 bytes into `out` at `at` (a batch's id column, on whichever thread
 * decodes it); false for any other id, when what was written there means nothing.
 */
export function packEventIdInto(id: string, out: Uint8Array, at: number): boolean {
  if (id.length !== UUID_LENGTH) return false;
  if (id.charCodeAt(8) !== DASH || id.charCodeAt(13) !== DASH || id.charCodeAt(18) !== DASH || id.charCodeAt(23) !== DASH) return false;
  // 8-4-4-4-12 hex digits
  return (
    packHex(id, 0, 4, out, at) &&
    packHex(id, 9, 2, out, at + 4) &&
    packHex(id, 14, 2, out, at + 6) &&
    packHex(id, 19, 2, out, at + 8) &&
    packHex(id, 24, 6, out, at + 10)
  );
}

/** Copies the 16 bytes of a packed id into the current chunk and returns their offset there (call {@link eventIdChunk} first). */
export function copyPackedEventId(from: Uint8Array, at: number): number {
  const to = used;
  for (let b = 0; b < UUID_BYTES; b++) chunk[to + b] = from[at + b];
  used = to + UUID_BYTES;
  return to;
}

/** `bytes` bytes from the hex digits at id[from…] into `out` at `at`; false at a character that is not a lowercase hex digit. */
function packHex(id: string, from: number, bytes: number, out: Uint8Array, at: number): boolean {
  for (let b = 0; b < bytes; b++) {
    const high = hexValue(id.charCodeAt(from + 2 * b));
    const low = hexValue(id.charCodeAt(from + 2 * b + 1));
    if ((high | low) < 0) return false;
    out[at + b] = (high << 4) | low;
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
