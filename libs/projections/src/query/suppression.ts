/*
 * Small-number suppression for aggregates that leave the service (KOSTRA practice: cells with
 * 1–4 are "sensurert på grunn av små verdier"). Zero stays visible, as in KOSTRA.
 *
 * Rules, applied to a finished answer:
 * - every number that is not a share and not inside a duration summary is a count: 1–4 → null;
 * - a duration summary ({ n, median, p90, mean }) over 1–4 values is nulled whole, since a median of
 *   three durations describes individual children;
 * - complementary (secondary) suppression: where figures add up (`concluded` = `onTime` + `late`), a
 *   hidden figure that the others would give back (the only hidden one of its sum) takes the
 *   smallest non-zero visible one with it, or the total; repeated until no sum gives one back;
 * - a share is nulled when its numerator or denominator was suppressed, so it cannot be used to
 *   recompute the hidden count.
 * Sums across answers (this period against another) are beyond one answer and not covered.
 */

export const SUPPRESSION_NOTE =
  'counts of 1–4 are replaced by null (sensurert på grunn av små verdier), and so is a figure that would give a hidden one back as a sum minus its other parts';

export interface Suppressed {
  /** dotted paths of the figures replaced by null */
  suppressed: string[];
  suppression: { applied: true; note: string };
}

/** share path → [numerator path, denominator path] */
export type ShareBasis = Record<string, readonly [string, string]>;

/**
 * `total` = the sum of `parts`. A part ending in `.*` stands for every figure of the record at that
 * path (`record.2.*`: those whose code starts with `2.`); a path to a duration summary stands for its `n`.
 */
export interface AdditiveRelation {
  total: string;
  parts: readonly string[];
}

/**
 * Complementary suppression over cells named by id: the hidden set grown until no relation has
 * exactly one hidden cell, since that one is its total minus (or its parts plus) the visible rest.
 * The cell hidden with it is the relation's smallest non-zero visible part (ties: the first
 * listed), or its total when no such part is left. Zeros are never picked: a hidden zero hides
 * nothing. Pure, and used for report tables as well as for answers.
 */
export function complementarySuppression(
  values: ReadonlyMap<string, number>,
  hidden: ReadonlySet<string>,
  relations: ReadonlyArray<{ total: string; parts: readonly string[] }>,
): Set<string> {
  const out = new Set(hidden);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { total, parts } of relations) {
      const hiddenCount = (out.has(total) ? 1 : 0) + parts.filter((part) => out.has(part)).length;
      if (hiddenCount !== 1) continue;
      let pick: string | undefined;
      for (const part of parts) {
        const value = values.get(part) ?? 0;
        if (!out.has(part) && value > 0 && (pick === undefined || value < (values.get(pick) ?? 0))) pick = part;
      }
      pick ??= out.has(total) ? undefined : total;
      if (pick === undefined) continue;
      out.add(pick);
      changed = true;
    }
  }
  return out;
}

type Json = { [key: string]: unknown };

/** The small-count rule itself, the one place it is stated: 1–4 is hidden, zero stays visible. */
export function isSmallCount(value: unknown): value is number {
  return typeof value === 'number' && value >= 1 && value <= 4;
}

function isSummary(value: unknown): value is { n: number } & Json {
  return typeof value === 'object' && value !== null && 'n' in value && 'median' in value && 'p90' in value;
}

export function suppressSmallCounts<T extends object>(
  answer: T,
  shares: ShareBasis,
  options: { skip?: readonly string[]; relations?: readonly AdditiveRelation[] } = {},
): T & Suppressed {
  const { skip = [], relations = [] } = options;
  const copy = structuredClone(answer) as T & Json;
  const suppressed: string[] = [];

  const walk = (node: Json, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (skip.includes(path) || key.endsWith('Share')) continue;
      if (isSummary(value)) {
        if (isSmallCount(value.n)) {
          for (const k of Object.keys(value)) value[k] = null;
          suppressed.push(path);
        }
      } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        walk(value as Json, path);
      } else if (isSmallCount(value)) {
        node[key] = null;
        suppressed.push(path);
      }
    }
  };
  walk(copy, '');

  const expanded = expandRelations(answer as Json, relations);
  const values = new Map<string, number>();
  for (const { total, parts } of expanded) for (const path of [total, ...parts]) values.set(path, figureAt(answer as Json, path));
  for (const path of complementarySuppression(values, new Set(suppressed), expanded)) {
    if (suppressed.includes(path)) continue;
    hideAt(copy, path);
    suppressed.push(path);
  }

  for (const [sharePath, [numerator, denominator]] of Object.entries(shares)) {
    if (!suppressed.includes(numerator) && !suppressed.includes(denominator)) continue;
    const found = locate(copy, sharePath);
    if (found && found.node[found.key] !== null) {
      found.node[found.key] = null;
      suppressed.push(sharePath);
    }
  }
  return Object.assign(copy, { suppressed, suppression: { applied: true as const, note: SUPPRESSION_NOTE } });
}

/**
 * The object holding `path`'s last key, and that key. Keys may contain dots (category codes such as
 * `2.1`), so each step takes the longest key of the node that the rest of the path starts with.
 */
function locate(root: Json, path: string): { node: Json; key: string } | undefined {
  let node: Json = root;
  let rest = path;
  for (;;) {
    let key: string | undefined;
    for (const candidate of Object.keys(node)) {
      if ((rest === candidate || rest.startsWith(`${candidate}.`)) && candidate.length > (key?.length ?? -1)) key = candidate;
    }
    if (key === undefined) return undefined;
    if (rest === key) return { node, key };
    const next = node[key];
    if (typeof next !== 'object' || next === null) return undefined;
    node = next as Json;
    rest = rest.slice(key.length + 1);
  }
}

function valueAt(root: Json, path: string): unknown {
  const found = locate(root, path);
  return found ? found.node[found.key] : undefined;
}

/** A relation's figure: a count, or the `n` of a duration summary; 0 when absent. */
function figureAt(root: Json, path: string): number {
  const value = valueAt(root, path);
  if (isSummary(value)) return typeof value.n === 'number' ? value.n : 0;
  return typeof value === 'number' ? value : 0;
}

function hideAt(root: Json, path: string): void {
  const found = locate(root, path);
  if (!found) return;
  const target = found.node[found.key];
  if (isSummary(target)) for (const k of Object.keys(target)) target[k] = null;
  else found.node[found.key] = null;
}

/**
 * Wildcard parts spelled out with the keys the answer has: `record.*` is every figure of the record,
 * `record.2.*` those whose code starts with `2.` (codes such as `2.1` contain dots themselves).
 */
function expandRelations(answer: Json, relations: readonly AdditiveRelation[]): AdditiveRelation[] {
  return relations.map(({ total, parts }) => ({
    total,
    parts: parts.flatMap((part) => (part.endsWith('.*') ? expandWildcard(answer, part) : [part])),
  }));
}

function expandWildcard(answer: Json, part: string): string[] {
  const base = part.slice(0, -1);
  for (let dot = base.lastIndexOf('.'); dot > 0; dot = base.lastIndexOf('.', dot - 1)) {
    const recordPath = base.slice(0, dot);
    const record = valueAt(answer, recordPath);
    if (typeof record !== 'object' || record === null) continue;
    const prefix = base.slice(dot + 1);
    return Object.keys(record)
      .filter((key) => key.startsWith(prefix))
      .map((key) => `${recordPath}.${key}`);
  }
  return [];
}
