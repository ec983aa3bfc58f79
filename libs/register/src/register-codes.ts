import type {
  ClearingReason,
  InvestigationOutcome,
  MeasureBasis,
  MeasureEndReason,
  PlacementBasis,
  PlacementEndReason,
} from '@fristvakt/domain';
import type { LegalBasis } from './register-case';

/*
 * The register's codes (SSB code lists, `../shared/reference/ssb-barnevern-kodelister.md`) against
 * Fristvakt's, in one place for the import and the export; docs/register-import.md prints them.
 */

/** Melding/Konklusjon/@Kode → clearing reason; code 2 ("ikke henlagt") is the investigation. */
export const NOTIFICATION_CLEARING_BY_CODE: Readonly<Record<string, ClearingReason>> = {
  '1': 'no_grounds',
  '3': 'active_measures',
  '4': 'joined_ongoing_investigation',
  '5': 'moved_abroad',
  '6': 'moved_unknown',
  '7': 'transferred_municipality',
  '8': 'transferred_agency',
  '9': 'other_act',
  '10': 'other',
};
export const NOTIFICATION_TO_INVESTIGATION = '2';
export const CODE_BY_CLEARING_REASON = invert(NOTIFICATION_CLEARING_BY_CODE);

/** Undersokelse/Konklusjon/@Kode → outcome; 5 ("moved", until 2025) is read as moved to another municipality. */
export const INVESTIGATION_OUTCOME_BY_CODE: Readonly<Record<string, InvestigationOutcome>> = {
  '1': 'measures_decided',
  '2': 'petition_to_board',
  '3': 'cleared_service_assessment',
  '4': 'cleared_party_wish',
  '5': 'cleared_moved_municipality',
  '6': 'cleared_referred',
  '7': 'cleared_moved_abroad',
  '8': 'cleared_moved_unknown',
  '9': 'cleared_moved_municipality',
};

/** The code the export writes: 9 ("moved to another municipality") exists from 2026, 5 before. */
export function investigationOutcomeCode(outcome: InvestigationOutcome, closedDate: string): string {
  if (outcome === 'cleared_moved_municipality') return closedDate >= '2026-01-01' ? '9' : '5';
  return Object.entries(INVESTIGATION_OUTCOME_BY_CODE).find(([, o]) => o === outcome)![0];
}

/** UtvidetFrist/@Innvilget: 1 ja, 2 nei; absent = not (yet) assessed. */
export const EXTENSION_APPROVED_BY_CODE: Readonly<Record<string, boolean>> = { '1': true, '2': false };

/** Tiltak/Opphevelse/@Kode → end reasons of a measure and of a placement. */
export const MEASURE_END_BY_REPEAL: Readonly<Record<string, MeasureEndReason>> = {
  '1': 'returned_to_family',
  '2': 'turned_18',
  '3': 'other',
  '4': 'other',
};
export const PLACEMENT_END_BY_REPEAL: Readonly<Record<string, PlacementEndReason>> = {
  '1': 'returned_to_parents',
  '2': 'turned_18',
  '3': 'adoption',
  '4': 'other',
};
export const REPEAL_BY_MEASURE_END: Readonly<Partial<Record<MeasureEndReason, string>>> = {
  returned_to_family: '1',
  turned_18: '2',
  other: '4',
};
export const REPEAL_BY_PLACEMENT_END: Readonly<Partial<Record<PlacementEndReason, string>>> = {
  returned_to_parents: '1',
  turned_18: '2',
  adoption: '3',
  other: '4',
};

/**
 * Flytting/ArsakFra codes that mean the move was not planned (utilsiktet flytting: the foster home or
 * institution could not go on, consent withdrawn, the board said no); the others are planned.
 */
export const UNPLANNED_MOVE_REASONS: ReadonlySet<string> = new Set([
  '1.1.3',
  '1.1.4',
  '1.1.5',
  '1.2.1',
  '1.2.2',
  '1.2.3',
  '2.2',
  '2.3',
  '2.5',
  '2.6',
  '2.7',
  '2.8',
]);

/** The move the export writes for a placement end: ArsakFra by home type and plan, FlyttingTil by reason. */
export function moveCodes(
  category: string,
  planned: boolean,
  reason: PlacementEndReason | undefined,
): { reasonFrom: string; movedTo: string } {
  const fosterHome = category.startsWith('2.');
  const adult = reason === 'turned_18';
  const reasonFrom = fosterHome ? (planned ? (adult ? '1.1.2' : '1.1.1') : '1.1.3') : planned ? (adult ? '2.4' : '2.1') : '2.2';
  const movedTo = reason === 'returned_to_parents' ? '6' : reason === 'turned_18' ? '7' : reason === 'moved_placement' ? '2' : '8';
  return { reasonFrom, movedTo };
}

/** A placement's end reason from its Opphevelse, else from where the child moved (FlyttingTil). */
export function placementEndReason(repeal: string | undefined, movedTo: string | undefined): PlacementEndReason | undefined {
  if (repeal !== undefined) return PLACEMENT_END_BY_REPEAL[repeal];
  if (movedTo === '6') return 'returned_to_parents';
  if (movedTo !== undefined && ['1', '2', '3', '4', '5'].includes(movedTo)) return 'moved_placement';
  return undefined;
}

/** Ettervern/Konklusjon/@Kode → outcome of the aftercare offer. */
export const AFTERCARE_OUTCOME_BY_CODE: Readonly<
  Record<string, 'accepted' | 'declined_wants_other_measure' | 'declined_no_more_measures'>
> = {
  '1': 'accepted',
  '2': 'declined_wants_other_measure',
  '3': 'declined_no_more_measures',
};
/** outcome → Ettervern/Konklusjon/@Kode (the export) */
export const CODE_BY_AFTERCARE_OUTCOME = invert(AFTERCARE_OUTCOME_BY_CODE);

/**
 * Legal basis (Tiltak/Lovhjemmel: Lov, Kapittel, Paragraf) → placement basis. BVL2021: § 3-x
 * frivillig, kap. 4 akuttvedtak, § 5-1 omsorgsovertakelse, kap. 6 atferd. BVL (1992): § 4-4
 * frivillig, §§ 4-6, 4-9 akutt, §§ 4-8, 4-12 omsorgsovertakelse, §§ 4-24 to 4-26 atferd.
 */
export function placementBasisOf(basis: LegalBasis | undefined): PlacementBasis | undefined {
  if (!basis) return undefined;
  const { law, chapter, section } = basis;
  if (law === 'BVL2021') {
    if (chapter === '3') return 'voluntary';
    if (chapter === '4') return 'emergency';
    if (chapter === '5') return 'care_order';
    if (chapter === '6') return 'behavioural';
  }
  if (law === 'BVL' && chapter === '4') {
    if (section === '4') return 'voluntary';
    if (section === '6' || section === '9') return 'emergency';
    if (section === '8' || section === '12') return 'care_order';
    if (['24', '25', '26'].includes(section)) return 'behavioural';
  }
  return undefined;
}

/** Legal basis → measure basis: pålagte hjelpetiltak (BVL2021 § 3-4; BVL § 4-4 fourth/fifth paragraph) are ordered. */
export function measureBasisOf(basis: LegalBasis | undefined): MeasureBasis | undefined {
  if (!basis) return undefined;
  if (basis.law === 'BVL2021' && basis.chapter === '3') return basis.section === '4' ? 'ordered' : 'voluntary';
  if (basis.law === 'BVL' && basis.chapter === '4' && basis.section === '4') {
    return basis.paragraphs.some((p) => p === '4' || p === '5') ? 'ordered' : 'voluntary';
  }
  return undefined;
}

/** The legal basis the export writes, by the act in force on the start date. */
export function legalBasisFor(
  kind: 'measure' | 'placement',
  basis: MeasureBasis | PlacementBasis | undefined,
  startDate: string,
): LegalBasis {
  const act2021 = startDate >= '2023-01-01';
  const [chapter, section, paragraphs] = act2021
    ? LEGAL_BASIS_2021[`${kind}:${basis ?? 'unspecified'}`]
    : LEGAL_BASIS_1992[`${kind}:${basis ?? 'unspecified'}`];
  return { law: act2021 ? 'BVL2021' : 'BVL', chapter, section, paragraphs };
}

type Section = [chapter: string, section: string, paragraphs: string[]];
const LEGAL_BASIS_2021: Record<string, Section> = {
  'measure:voluntary': ['3', '1', []],
  'measure:unspecified': ['3', '1', []],
  'measure:ordered': ['3', '4', []],
  'placement:voluntary': ['3', '2', []],
  'placement:emergency': ['4', '2', []],
  'placement:care_order': ['5', '1', []],
  'placement:behavioural': ['6', '2', []],
};
const LEGAL_BASIS_1992: Record<string, Section> = {
  'measure:voluntary': ['4', '4', ['2']],
  'measure:unspecified': ['4', '4', ['2']],
  'measure:ordered': ['4', '4', ['4']],
  'placement:voluntary': ['4', '4', ['6']],
  'placement:emergency': ['4', '6', ['2']],
  'placement:care_order': ['4', '12', []],
  'placement:behavioural': ['4', '24', []],
};

function invert<V extends string>(record: Readonly<Record<string, V>>): Readonly<Record<V, string>> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [v, k])) as Record<V, string>;
}
