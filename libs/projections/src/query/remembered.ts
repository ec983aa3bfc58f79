/**
 * What `make` built for the pair (owner, key), built once and kept as long as `owner` lives: the
 * queries keep per-model and per-rules-object structures (calendars, board stretches) this way.
 */
export function remembered<Owner extends object, Key, Value>(
  store: WeakMap<Owner, Map<Key, Value>>,
  owner: Owner,
  key: Key,
  make: () => Value,
): Value {
  let byKey = store.get(owner);
  if (byKey === undefined) {
    byKey = new Map();
    store.set(owner, byKey);
  }
  let value = byKey.get(key);
  if (value === undefined) {
    value = make();
    byKey.set(key, value);
  }
  return value;
}
