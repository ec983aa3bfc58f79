import { PLACEMENT_CATEGORIES } from '../codes';
import type { PlacementBasis } from '../events';

/*
 * The rules behind the children-based figures of the state report (DOMAIN.md §4): what kind of
 * placement a category is, and what an emergency placement is. Ages and aftercare are the follow-up
 * rule sets' (follow-up/calendar.ts, follow-up/aftercare.ts). Projections count; these decide.
 */

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
 * placements were voluntary"). `emergency` is the event's flag; absent, the basis decides (as the case
 * state's `emergency`).
 */
export function isEmergencyPlacement(basis: PlacementBasis, emergency?: boolean | null): boolean {
  return emergency ?? basis === 'emergency';
}
