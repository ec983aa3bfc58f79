import { PLACEMENT_CATEGORIES } from '../codes';
import type { PlacementBasis } from '../events';

/*
 * The rules behind the children-based figures of the state report (DOMAIN.md §4, §7.5): ages from
 * birth year, who is in aftercare, and what kind of placement a category is. Projections count;
 * these decide.
 */

/**
 * A child's age on 31.12 of `year`: only the birth year is recorded (DOMAIN.md §6), so this is exact
 * on 31.12 and the statistics' convention on every other day. Null when the birth year is unknown.
 */
export function ageAtYearEnd(birthYear: number | null, year: number): number | null {
  return birthYear === null ? null : year - birthYear;
}

/** A case without a birth year counts as under 18 (DOMAIN.md §7, "Ages from birth year"). */
export function isUnder18(age: number | null): boolean {
  return age === null || age < 18;
}

/**
 * ettervern (bvl 2021 § 3-6): measures continued from 18 up to 25. On 31.12 the age `year − birthYear`
 * of someone still under 25 is 18–24 (DOMAIN.md §7.5).
 */
export const AFTERCARE_AGES = { from: 18, to: 24 } as const;

export function isAftercareAge(age: number | null): boolean {
  return age !== null && age >= AFTERCARE_AGES.from && age <= AFTERCARE_AGES.to;
}

/** plasseringstype as the state reports present it: institution, foster home (in or outside the network), emergency home, supported housing. */
export const PLACEMENT_TYPES = ['institution', 'foster_home_kinship', 'foster_home_other', 'emergency_home', 'supported_housing'] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

/** 2.1 fosterhjem i familie og nære nettverk, 2.6 midlertidig hjem i nettverk */
const KINSHIP: ReadonlySet<string> = new Set(['2.1', '2.6']);

export function placementType(category: string): PlacementType {
  if (category === '8.2') return 'supported_housing';
  if (category === '2.5') return 'emergency_home';
  if (KINSHIP.has(category)) return 'foster_home_kinship';
  if (category.startsWith('2.')) return 'foster_home_other';
  return 'institution';
}

/** The categories of each placement type, for the report's notes and complementary sums. */
export function categoriesOfType(type: PlacementType): string[] {
  return PLACEMENT_CATEGORIES.filter((code) => placementType(code) === type);
}

/**
 * akuttplassering: a placement under an emergency decision (bvl 2021 ch. 4), whatever its basis
 * says, so an emergency placement may also be voluntary (Bærum 2024: "17 of 24 emergency
 * placements were voluntary"). `emergency` is the event's flag; absent, the basis decides.
 */
export function isEmergencyPlacement(basis: PlacementBasis, emergency?: boolean | null): boolean {
  return emergency === true || basis === 'emergency';
}
