import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { classCheck } from './class-check';
import type { FieldProblem } from './field-problem';
import { memberSegment, pointerTo } from './field-problem';

/*
 * Runs class-validator on one level of the request. Unknown keys are found here rather than by
 * class-validator's whitelist: it looks property names up in a plain object, so `constructor` or
 * `__proto__` would slip through as "known". Only known keys are copied into the instance, and by
 * defineProperty, so a `__proto__` key from JSON.parse can never become a prototype.
 */

const knownKeysByClass = new WeakMap<object, ReadonlySet<string>>();

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;

/*
 * class-validator looks a class's metadata up on every validateSync: a filter of its own entries
 * plus an instanceof test against every class that has any, in the whole process. Decorators
 * register it once, when their classes load, so the answer is kept per class and options until
 * metadata is added again. Lookups with groups are passed through: nothing here uses them.
 */
function memoizeMetadataLookups(storage: MetadataStorage): void {
  const marked = storage as MetadataStorage & { fristvaktMemoized?: true };
  if (marked.fristvaktMemoized) return;
  marked.fristvaktMemoized = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const addMetadata = storage.addValidationMetadata.bind(storage);
  let cache = new Map<unknown, Map<string, TargetMetadatas>>();
  storage.addValidationMetadata = (metadata) => {
    cache = new Map();
    addMetadata(metadata);
  };
  // The executor regroups the (now identical) metadata array by property on every call.
  const groupBy = storage.groupByPropertyName.bind(storage);
  const grouped = new WeakMap<TargetMetadatas, ReturnType<MetadataStorage['groupByPropertyName']>>();
  storage.groupByPropertyName = (metadatas) => {
    let byProperty = grouped.get(metadatas);
    if (!byProperty) grouped.set(metadatas, (byProperty = groupBy(metadatas)));
    return byProperty;
  };
  storage.getTargetValidationMetadatas = (target, targetSchema, always, strictGroups, groups) => {
    if (groups !== undefined && groups.length > 0) return lookUp(target, targetSchema, always, strictGroups, groups);
    const key = `${targetSchema}\u0000${always}\u0000${strictGroups}`;
    let byOptions = cache.get(target);
    if (!byOptions) cache.set(target, (byOptions = new Map()));
    let metadatas = byOptions.get(key);
    if (!metadatas) byOptions.set(key, (metadatas = lookUp(target, targetSchema, always, strictGroups, groups)));
    return metadatas;
  };
}

memoizeMetadataLookups(getMetadataStorage());

function knownKeys(cls: new () => object): ReadonlySet<string> {
  let keys = knownKeysByClass.get(cls);
  if (!keys) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    keys = new Set(metadata.map((m) => m.propertyName));
    knownKeysByClass.set(cls, keys);
  }
  return keys;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ClassValidation<T> {
  /** the known members, typed; only meaningful when `problems` is empty */
  value: T;
  problems: FieldProblem[];
}

/** `passOver`: members the caller reads and checks itself; they are neither validated nor unknown here. */
export function validateWithClass<T extends object>(
  cls: new () => T,
  plain: Record<string, unknown>,
  at: ReadonlyArray<string | number>,
  passOver: readonly string[] = [],
): ClassValidation<T> {
  const known = knownKeys(cls);
  const problems: FieldProblem[] = [];
  const instance = Object.create(cls.prototype) as T;
  Object.keys(plain).forEach((key, index) => {
    if (passOver.includes(key)) return;
    if (known.has(key)) {
      Object.defineProperty(instance, key, { value: plain[key], enumerable: true, writable: true, configurable: true });
    } else {
      problems.push({ pointer: pointerTo(...at, memberSegment(key, index)), detail: 'unknown property; it is not part of the contract' });
    }
  });
  if (problems.length === 0 && classCheck(cls)?.(instance)) return { value: instance, problems };
  // No whitelist option: the instance holds known keys only, so class-validator could never find
  // a stranger; the loop above has named every one.
  const errors = validateSync(instance, {
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  for (const error of errors) {
    for (const problem of flatten(error, at)) {
      // A missing member fails its type check too; say what the client actually has to fix.
      const missing = plain[error.property] === undefined || !known.has(error.property);
      problems.push(
        missing && problem.pointer === pointerTo(...at, error.property)
          ? { ...problem, detail: `is required (${problem.detail})` }
          : problem,
      );
    }
  }
  return { value: instance, problems };
}

function flatten(error: ValidationError, at: ReadonlyArray<string | number>): FieldProblem[] {
  const path = [...at, error.property];
  const own = Object.values(error.constraints ?? {});
  const problems: FieldProblem[] = own.length > 0 ? [{ pointer: pointerTo(...path), detail: own.join('; ') }] : [];
  for (const child of error.children ?? []) problems.push(...flatten(child, path));
  return problems;
}
