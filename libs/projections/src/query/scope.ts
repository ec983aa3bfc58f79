/** What a query may say about which municipalities it covers. */
export interface MunicipalityFilter {
  /** one kommunenummer (kept for callers of the single-municipality form) */
  municipality?: string;
  /** several kommunenummer, answered as one population (medians over the union, not combined answers) */
  municipalities?: readonly string[];
}

/**
 * The municipalities a query covers, sorted and without duplicates; null = every municipality.
 * Both fields given: their union. An empty list covers nothing, so a caller that computed an
 * empty scope gets empty figures rather than everyone's.
 */
export function scopeOf(filter: MunicipalityFilter): string[] | null {
  if (filter.municipalities === undefined && filter.municipality === undefined) return null;
  const names = new Set(filter.municipalities ?? []);
  if (filter.municipality !== undefined) names.add(filter.municipality);
  return [...names].sort();
}
