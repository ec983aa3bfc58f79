/**
 * JSON with object keys sorted at every depth, so two payloads that differ only in key order compare
 * equal. Idempotent retries are often re-serialised by another client library, which may reorder keys.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortObjectKeys);
}

function sortObjectKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  // Object.fromEntries defines own properties, so a "__proto__" key stays data instead of a prototype.
  return Object.fromEntries(
    Object.keys(source)
      .sort()
      .map((key) => [key, source[key]]),
  );
}
