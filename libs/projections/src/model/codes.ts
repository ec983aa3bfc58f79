import {
  AFTERCARE_OUTCOMES,
  CLEARING_REASONS,
  EXTENSION_REASONS,
  INVESTIGATION_OUTCOMES,
  MEASURE_BASES,
  MEASURE_END_REASONS,
  PLACEMENT_BASES,
  PLACEMENT_END_REASONS,
  REPORTER_CODES,
  VISIT_KINDS,
} from '@fristvakt/domain';

/*
 * Code lists as array indexes: the model stores the index, answers spell the code. -1 means
 * "not given" for optional fields. Appending to a code list keeps old indexes valid; reordering one
 * would not, which is why the snapshot carries PROJECTION_VERSION.
 */

export function codeIndex(list: readonly string[], code: string | undefined): number {
  return code === undefined ? -1 : list.indexOf(code);
}

/** melder: 25 codes, one bit each, so a notification's reporters fit one small integer */
export function reporterMask(reporters: readonly string[]): number {
  let mask = 0;
  for (const r of reporters) {
    const i = REPORTER_CODES.indexOf(r as (typeof REPORTER_CODES)[number]);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

export function reportersOf(mask: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < REPORTER_CODES.length; i++) if (mask & (1 << i)) out.push(REPORTER_CODES[i]);
  return out;
}

export const codeLists = {
  clearingReasons: CLEARING_REASONS,
  extensionReasons: EXTENSION_REASONS,
  outcomes: INVESTIGATION_OUTCOMES,
  measureBases: MEASURE_BASES,
  measureEndReasons: MEASURE_END_REASONS,
  placementBases: PLACEMENT_BASES,
  placementEndReasons: PLACEMENT_END_REASONS,
  reporters: REPORTER_CODES,
  visitKinds: VISIT_KINDS,
  aftercareOutcomes: AFTERCARE_OUTCOMES,
} as const;
