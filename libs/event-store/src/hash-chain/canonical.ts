/**
 * The canonical JSON text the hash chain is computed over: object keys sorted by UTF-16 code
 * units at every depth, no whitespace, strings and numbers exactly as ECMAScript `JSON.stringify`
 * writes them. That is RFC 8785 (JSON Canonicalization Scheme) for every value an event can hold,
 * so an auditor can reimplement it with any JCS library. Same output as `canonicalJson` in
 * shared/, written out by hand because it sits on the append and verify hot paths.
 */
export function canonicalize(value: unknown): string {
  const text = write(value);
  if (text === undefined) throw new TypeError('a top-level value of undefined or a function has no JSON form');
  return text;
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON(): unknown }).toJSON());
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    case 'bigint':
      throw new TypeError('a BigInt has no JSON form');
    default:
      // undefined, functions and symbols: left out of objects, null in arrays (as JSON.stringify does)
      return undefined;
  }
}

function writeArray(values: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += write(values[i]) ?? 'null';
  }
  return out + ']';
}

function writeObject(source: Record<string, unknown>): string {
  const keys = Object.keys(source).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = write(source[key]);
    if (text === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
    first = false;
  }
  return out + '}';
}
