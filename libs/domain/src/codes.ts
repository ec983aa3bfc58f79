/**
 * Tiltak category codes from the national register (SSB, /Barnevern/Sak/Tiltak/Kategori; DOMAIN.md §5).
 * Group headers ("1", "2", …) are not codes a measure can carry; only the sub-codes are.
 */

/** plasseringstiltak: institusjon (1.x), fosterhjem (2.x) and bolig med oppfølging (8.2) */
export const PLACEMENT_CATEGORIES = ['1.1', '1.2', '1.99', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.99', '8.2'] as const;
export type PlacementCategory = (typeof PLACEMENT_CATEGORIES)[number];

/** hjelpetiltak in the home and around the child (3.x–8.x); 8.2 counts as a placement, not a measure */
export const MEASURE_CATEGORIES = [
  '3.1',
  '3.2',
  '3.3',
  '3.4',
  '3.5',
  '3.6',
  '3.7',
  '3.8',
  '3.9',
  '3.10',
  '3.99',
  '4.1',
  '4.2',
  '4.3',
  '4.4',
  '4.5',
  '4.6',
  '4.7',
  '4.8',
  '4.9',
  '4.99',
  '5.1',
  '5.2',
  '5.3',
  '5.4',
  '5.99',
  '6.1',
  '6.2',
  '6.3',
  '6.4',
  '6.99',
  '7.1',
  '7.2',
  '7.3',
  '7.99',
  '8.1',
  '8.3',
  '8.4',
  '8.5',
  '8.99',
] as const;
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number];

const placementCategories: ReadonlySet<string> = new Set(PLACEMENT_CATEGORIES);
const measureCategories: ReadonlySet<string> = new Set(MEASURE_CATEGORIES);

export function isPlacementCategory(code: string): code is PlacementCategory {
  return placementCategories.has(code);
}

export function isMeasureCategory(code: string): code is MeasureCategory {
  return measureCategories.has(code);
}

/** fosterhjem (2.x): where follow-up and supervision visits apply (DOMAIN.md §7.3, §7.4) */
export function isFosterHomeCategory(code: string): boolean {
  return code.startsWith('2.') && placementCategories.has(code);
}
