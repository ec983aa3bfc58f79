/*
 * Names of the national register's codes (DOMAIN.md §5, SSB code lists) in bokmål and English.
 * Shared by the dashboard (bundled for the browser) and the state report (server), so a figure
 * carries the same name wherever a leader reads it. Plain data, no DOM and no Node.
 */

export type Lang = 'nb' | 'en';

export type Labelled = Readonly<Record<string, readonly [nb: string, en: string]>>;

/** melder */
export const REPORTER_LABELS: Labelled = {
  '1': ['Barnet selv', 'The child'],
  '2': ['Mor/far/foresatte', 'Parents/guardians'],
  '3': ['Familie for øvrig', 'Other family'],
  '4': ['Andre privatpersoner', 'Other private persons'],
  '5': ['Barnevernstjenesten', 'Child welfare service'],
  '6': ['NAV', 'NAV (labour and welfare)'],
  '7': ['Barnevernsvakt', 'Child welfare emergency service'],
  '8': ['Politi', 'Police'],
  '9': ['Barnehage', 'Kindergarten'],
  '10': ['Helsestasjon/skolehelsetjenesten', 'Health clinic/school health service'],
  '11': ['Skole', 'School'],
  '12': ['PPT', 'Educational-psychological service'],
  '13': ['Psykisk helsevern for barn og unge', 'Child and adolescent mental health'],
  '14': ['Psykisk helsevern for voksne', 'Adult mental health'],
  '15': ['Lege/sykehus/tannlege', 'Doctor/hospital/dentist'],
  '16': ['Familievernkontor', 'Family counselling office'],
  '17': ['Rustjenester', 'Substance-abuse services'],
  '18': ['Krisesenter', 'Crisis centre'],
  '19': ['Asylmottak/UDI', 'Asylum reception/UDI'],
  '20': ['Utekontakt/fritidsklubb', 'Outreach/youth club'],
  '21': ['Frivillige organisasjoner/idrettslag', 'Voluntary organisations/sports clubs'],
  '22': ['Andre offentlige instanser', 'Other public agencies'],
  '23': ['Anonym', 'Anonymous'],
  '24': ['Lege/sykehus', 'Doctor/hospital'],
  '25': ['Tannlege', 'Dentist'],
};

/** Reporter codes in use for a year: 15 until 2024, 24 and 25 from 2025. */
export function reporterCodesFor(year: number): string[] {
  return Object.keys(REPORTER_LABELS).filter((code) => (year >= 2025 ? code !== '15' : code !== '24' && code !== '25'));
}

/** konklusjon på gjennomgang av melding: to investigation, or the clearing reason */
export const CONCLUSION_LABELS: Labelled = {
  investigation: ['Til undersøkelse', 'To investigation'],
  no_grounds: ['Henlagt – ikke grunnlag', 'Cleared – no grounds'],
  active_measures: ['Henlagt – aktive tiltak', 'Cleared – active measures'],
  joined_ongoing_investigation: ['Inngår i pågående undersøkelse', 'Joined an ongoing investigation'],
  moved_abroad: ['Henlagt – flyttet til utlandet', 'Cleared – moved abroad'],
  moved_unknown: ['Henlagt – flyttet til ukjent adresse', 'Cleared – moved to unknown address'],
  transferred_municipality: ['Overført til annen kommune', 'Transferred to another municipality'],
  transferred_agency: ['Overført til annen instans', 'Transferred to another agency'],
  other_act: ['Behandlet etter annet lovverk', 'Handled under another act'],
  other: ['Henlagt – andre grunner', 'Cleared – other reasons'],
};

/** utfall av undersøkelse */
export const OUTCOME_LABELS: Labelled = {
  measures_decided: ['Vedtak om tiltak', 'Measures decided'],
  petition_to_board: ['Begjæring til barneverns- og helsenemnda', 'Petition to the child welfare board'],
  cleared_service_assessment: ['Henlagt etter barnevernets vurdering', "Closed on the service's assessment"],
  cleared_party_wish: ['Henlagt etter partens ønske', "Closed at the party's wish"],
  cleared_referred: ['Henlagt – henvist til annen instans', 'Closed – referred to another agency'],
  cleared_moved_abroad: ['Henlagt – flyttet til utlandet', 'Closed – moved abroad'],
  cleared_moved_unknown: ['Henlagt – flyttet til ukjent adresse', 'Closed – moved to unknown address'],
  cleared_moved_municipality: ['Henlagt – flyttet til annen kommune', 'Closed – moved to another municipality'],
};

/** grunnlag for plassering */
export const PLACEMENT_BASIS_LABELS: Labelled = {
  voluntary: ['Frivillig plassering', 'Voluntary placement'],
  emergency: ['Akuttplassering', 'Emergency placement'],
  care_order: ['Omsorgsovertakelse', 'Care order'],
  behavioural: ['Atferdsplassering', 'Behavioural placement'],
};

/** tiltakskategori, hovedgrupper: 8.2 (bolig med oppfølging) is a placement, the rest of 8 a measure */
export const CATEGORY_GROUP_LABELS: Labelled = {
  '1': ['Institusjon', 'Institutions'],
  '2': ['Fosterhjem', 'Foster homes'],
  '3': ['Foreldreferdigheter', 'Parenting skills'],
  '4': ['Barnets utvikling', 'Child development'],
  '5': ['Tilsyn og kontroll', 'Supervision and control'],
  '6': ['Nettverk og samarbeid', 'Network and cooperation'],
  '7': ['Undersøkelse og behandling i andre tjenester', 'Examination and treatment by other services'],
  '8': ['Bolig', 'Housing'],
};

export const MEASURE_GROUPS = ['3', '4', '5', '6', '7', '8'] as const;

/** plasseringstiltak */
export const PLACEMENT_CATEGORY_LABELS: Labelled = {
  '1.1': ['Barnevernsinstitusjon', 'Child welfare institution'],
  '1.2': ['Institusjon etter annet lovverk', 'Institution under another act'],
  '1.99': ['Annen institusjon', 'Other institution'],
  '2.1': ['Fosterhjem i familie og nære nettverk', 'Kinship foster home'],
  '2.2': ['Fosterhjem utenfor familie og nettverk', 'Foster home outside the network'],
  '2.3': ['Forsterket fosterhjem', 'Specialised foster home'],
  '2.4': ['Fosterhjem etter § 6-3', 'Foster home under § 6-3'],
  '2.5': ['Beredskapshjem', 'Emergency foster home'],
  '2.6': ['Midlertidig hjem i nettverk', 'Temporary home in the network'],
  '2.99': ['Annet fosterhjem', 'Other foster home'],
  '8.2': ['Bolig med oppfølging', 'Supported housing'],
};

/** The group a category code belongs to ("3.10" → "3"). */
export function categoryGroup(code: string): string {
  return code.split('.')[0];
}

export function labelOf(table: Labelled, code: string, lang: Lang): string {
  const names = table[code];
  return names === undefined ? code : names[lang === 'nb' ? 0 : 1];
}
