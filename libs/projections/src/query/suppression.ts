/*
 * Small-number suppression for aggregates that leave the service (KOSTRA practice: cells with
 * 1–4 are "sensurert på grunn av små verdier"). Zero stays visible, as in KOSTRA.
 *
 * Rules, applied to a finished answer:
 * - every number that is not a share and not inside a duration summary is a count: 1–4 → null;
 * - a duration summary ({ n, median, p90, mean }) over 1–4 values is nulled whole, since a median of
 *   three durations describes individual children;
 * - a share is nulled when its numerator or denominator was suppressed, so it cannot be used to
 *   recompute the hidden count.
 * Not done: complementary (secondary) suppression, e.g. `late` = `concluded` − `onTime` when only
 * `late` is small. Callers publishing tables must not publish derivable differences.
 */

export const SUPPRESSION_NOTE = 'counts of 1–4 are replaced by null (sensurert på grunn av små verdier)';

export interface Suppressed {
  /** dotted paths of the figures replaced by null */
  suppressed: string[];
  suppression: { applied: true; note: string };
}

/** share path → [numerator path, denominator path] */
export type ShareBasis = Record<string, readonly [string, string]>;

type Json = { [key: string]: unknown };

function isSmall(value: unknown): boolean {
  return typeof value === 'number' && value >= 1 && value <= 4;
}

function isSummary(value: unknown): value is { n: number } & Json {
  return typeof value === 'object' && value !== null && 'n' in value && 'median' in value && 'p90' in value;
}

export function suppressSmallCounts<T extends object>(answer: T, shares: ShareBasis, skip: readonly string[] = []): T & Suppressed {
  const copy = structuredClone(answer) as T & Json;
  const suppressed: string[] = [];

  const walk = (node: Json, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (skip.includes(path) || key.endsWith('Share')) continue;
      if (isSummary(value)) {
        if (isSmall(value.n)) {
          for (const k of Object.keys(value)) value[k] = null;
          suppressed.push(path);
        }
      } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        walk(value as Json, path);
      } else if (isSmall(value)) {
        node[key] = null;
        suppressed.push(path);
      }
    }
  };
  walk(copy, '');

  for (const [sharePath, [numerator, denominator]] of Object.entries(shares)) {
    if (!suppressed.includes(numerator) && !suppressed.includes(denominator)) continue;
    const keys = sharePath.split('.');
    const last = keys.pop()!;
    let node: Json | undefined = copy;
    for (const k of keys) node = node?.[k] as Json | undefined;
    if (node !== undefined && node[last] !== null) {
      node[last] = null;
      suppressed.push(sharePath);
    }
  }
  return Object.assign(copy, { suppressed, suppression: { applied: true as const, note: SUPPRESSION_NOTE } });
}
