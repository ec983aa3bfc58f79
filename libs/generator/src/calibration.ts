/**
 * Every number the synthetic history is calibrated on, with its source. Sources are the state
 * reports in /work/shared/reference/seeds (index in its README.md):
 *   [000] Holmestrand tilstandsrapport 2024   [001] Hustadvika tilstandsrapport 2024
 *   [003] Bærum tilstandsrapport 2024         [DOMAIN] /work/shared/domain/DOMAIN.md
 * Where a report gives no figure the value is a stated assumption ("assumed"), chosen to land
 * inside the ranges the brief names. Shares are fractions 0–1.
 */
import type { ClearingReason, ExtensionReason, InvestigationOutcome, MeasureEndReason, ReporterCode } from '@fristvakt/domain';

/** Notifications per year per municipality at `scale` 1: a mid-size service. [000] Holmestrand 470 (2024), [002] Ringerike 565, [001] Hustadvika 254, [003] Bærum 1 428. */
export const NOTIFICATIONS_PER_YEAR_AT_SCALE_1 = 500;

/**
 * Further notifications per child after the first one (mean of a geometric count). [003] Bærum 2024:
 * 826 new notifications + 602 "meldinger i aktiv sak" → 602 / 826 = 0.73.
 */
export const FOLLOW_UP_NOTIFICATIONS_PER_CHILD = 0.73;
/** Mean delay of a follow-up notification after the child's first one, days. Assumed. */
export const FOLLOW_UP_MEAN_DELAY_DAYS = 240;

/**
 * Reporter (melder) of a notification by SSB code, counts from [001] Hustadvika 2024 (sum 254).
 * Categories Hustadvika had none of get small weights in the proportions of [003] Bærum table 1
 * (PPT 1 of 826) or, where no report has a figure, 0.5 (assumed) so every code occurs.
 * Code 15 (lege/sykehus/tannlege) is split into 24 and 25 from 2025 (SSB code list).
 */
export const REPORTER_WEIGHTS: Readonly<Partial<Record<ReporterCode, number>>> = {
  '1': 1, // barnet selv
  '2': 8, // mor/far/foresatte
  '3': 15, // familie for øvrig
  '4': 10, // andre privatpersoner
  '5': 13, // barnevernstjeneste
  '6': 5, // NAV
  '7': 32, // barnevernsvakt
  '8': 50, // politi/lensmann
  '9': 9, // barnehage
  '10': 13, // helsestasjon/skolehelsetjenesten
  '11': 21, // skole
  '12': 0.5, // PPT ([003]: 1 of 826)
  '13': 4, // psykisk helsevern barn og unge
  '14': 13, // psykisk helsevern voksne
  '15': 36, // lege/sykehus/tannlege
  '16': 0.5, // familievernkontor (assumed)
  '17': 0.5, // rustjenester (assumed)
  '18': 2, // krisesenter
  '19': 0.5, // asylmottak/UDI (assumed)
  '20': 0.5, // utekontakt/fritidsklubb (assumed)
  '21': 0.5, // frivillige organisasjoner/idrettslag (assumed)
  '22': 8, // andre offentlige instanser
  '23': 14, // anonym
};
/** From 2025 code 15 is split: 24 lege/sykehus, 25 tannlege. Share of dentists assumed. */
export const DENTIST_SHARE_OF_CODE_15 = 0.1;
/** Number of reporters a notification names (1–3). Assumed: the reports count one reporter per notification in their tables. */
export const REPORTER_COUNT_WEIGHTS = { 1: 0.86, 2: 0.11, 3: 0.03 } as const;
/** Reporters who call out of hours (police, child welfare emergency service); the rest report in office hours. Assumed. */
export const OUT_OF_HOURS_REPORTERS: readonly ReporterCode[] = ['7', '8', '23'];
export const OUT_OF_HOURS_SHARE_FOR_THOSE = 0.45;

/** Notifications flagged acute. Assumed so that emergency placements land near the reports' rate (below). */
export const ACUTE_SHARE_BY_FIRST_REPORTER: Readonly<Partial<Record<ReporterCode, number>>> = { '7': 0.35, '8': 0.15 };
export const ACUTE_SHARE_OTHER = 0.01;
/**
 * An acute notification leads to an emergency placement. Target ≈ 2 % of notifications:
 * [003] Bærum 24 acute placements / 1 428 notifications = 1.7 %; [000] Holmestrand 12 / 470 = 2.6 %.
 */
export const EMERGENCY_PLACEMENT_SHARE_OF_ACUTE = 0.3;
/** Of acute placements, decided with consent ([003] Bærum: 17 of 24 voluntary) → basis voluntary, else emergency. */
export const ACUTE_PLACEMENT_VOLUNTARY_SHARE = 17 / 24;
/** Acute placement categories. [000] Holmestrand: most move to someone they know (2.6 / 2.1); else emergency home 2.5; institution assumed. */
export const ACUTE_PLACEMENT_CATEGORIES = { '2.5': 0.62, '2.6': 0.16, '2.1': 0.07, '1.1': 0.15 } as const;

/** Review (gjennomgang) of a notification. [003] Bærum 100 % within a week 2020–24, [000] Holmestrand no late reviews; brief asks 5–15 % late over a mix of services. */
export const REVIEW_LATE_SHARE = 0.08;
export const REVIEW_LATE_EXTRA_DAYS = { min: 1, max: 14 } as const;

/**
 * Notifications concluded "to investigation" when nothing is ongoing. [003] Bærum 726 investigations
 * / 1 428 notifications = 51 % overall; the base is higher because notifications in active cases are
 * often joined or cleared for active measures (overall lands ≈ 50 %, brief: 45–60 %).
 */
export const INVESTIGATE_SHARE = 0.6;
export const INVESTIGATE_SHARE_ACUTE = 0.92;
/** During active measures or placements the service often clears "henlagt grunnet aktive tiltak" (SSB code 3). Assumed. */
export const ACTIVE_MEASURES_INVESTIGATE_SHARE = 0.3;
/** Clearing reasons for a notification that is not investigated (outside the special cases). Assumed, "no grounds" dominant ([003] text). */
export const CLEARING_REASON_WEIGHTS: Readonly<Partial<Record<ClearingReason, number>>> = {
  no_grounds: 0.8,
  transferred_agency: 0.06,
  transferred_municipality: 0.04,
  other_act: 0.03,
  moved_unknown: 0.01,
  moved_abroad: 0.01,
  other: 0.05,
};

/**
 * Investigation durations relative to the ordinary 3-month deadline (legal method).
 * Breaches: [001] Hustadvika 14.3 % (2024 H1) and 8.5 % (H2), county 4.9–8.5 %; [003] Bærum 5 of 726.
 * Target ≈ 10 % breaches; brief: 5–25 % per half-year.
 */
export const INVESTIGATION_BREACH_SHARE = 0.09;
export const INVESTIGATION_BREACH_DAYS = { min: 1, max: 45 } as const;
/** Closed in the first part of the three months (fraction of the available time). Assumed. */
export const INVESTIGATION_EARLY_SHARE = 0.45;
/**
 * Extensions to six months. [003] Bærum 13 of 726 (1.8 %), all approved; [001] Hustadvika reports
 * extensions to Statsforvalteren. Raised to 6 % (assumed) so every half-year has some to count.
 */
export const EXTENSION_SHARE = 0.06;
/** Extension decided after the ordinary deadline (does not cure the breach; DOMAIN §3.2). Assumed. */
export const EXTENSION_LATE_DECISION_SHARE = 0.15;
/** Statsforvalteren's verdict: approved / not approved / never assessed (pending). [003]: all approved; [001] mentions rejections. Assumed. */
export const EXTENSION_ASSESSMENT = { approved: 0.8, rejected: 0.1, pending: 0.1 } as const;
/** Extended investigations still closed after the six months. Assumed. */
export const EXTENDED_BREACH_SHARE = 0.12;
export const EXTENSION_REASON_WEIGHTS: Readonly<Record<ExtensionReason, number>> = {
  complex_case: 0.5,
  expert_assessment: 0.25,
  family_circumstances: 0.2,
  other: 0.05,
};

/**
 * Investigation outcomes. [003] Bærum 2024: 66 % cleared, of which 84.3 % on the service's
 * assessment, 11.5 % at the party's wish, 5 % referred/moved; brief: ~40 % end with measures.
 * Petition to the board ~3 % (assumed; [000] lists it as outcome d).
 */
export const INVESTIGATION_OUTCOME_WEIGHTS: Readonly<Record<InvestigationOutcome, number>> = {
  measures_decided: 0.4,
  petition_to_board: 0.03,
  cleared_service_assessment: 0.57 * 0.843,
  cleared_party_wish: 0.57 * 0.115,
  cleared_referred: 0.57 * 0.025,
  cleared_moved_municipality: 0.57 * 0.012,
  cleared_moved_abroad: 0.57 * 0.0025,
  cleared_moved_unknown: 0.57 * 0.0025,
};

/**
 * In-home measure categories (hjelpetiltak). [000] Holmestrand: mostly parenting skills (3.x) and
 * child development (4.x), then network/cooperation (6.x) and other services (7.x), "noen få
 * kontrolltiltak" (5.x). Weights within groups assumed; [000] names COS, PMTO, Marte Meo, MST.
 */
export const MEASURE_CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  '3.1': 2,
  '3.2': 5,
  '3.4': 2,
  '3.5': 3,
  '3.6': 4,
  '3.7': 6,
  '3.8': 1,
  '3.9': 12,
  '3.10': 2,
  '3.99': 5,
  '4.1': 4,
  '4.2': 2,
  '4.3': 5,
  '4.4': 5,
  '4.5': 4,
  '4.6': 7,
  '4.7': 2,
  '4.8': 1,
  '4.99': 2,
  '5.1': 1,
  '5.2': 1,
  '5.99': 1,
  '6.1': 2,
  '6.2': 5,
  '6.3': 1,
  '6.4': 3,
  '7.1': 2,
  '7.2': 2,
  '7.99': 1,
  '8.1': 1,
  '8.3': 0.5,
};
/** Measures started after "measures decided" (1–3). Assumed. */
export const MEASURES_PER_DECISION_WEIGHTS = { 1: 0.55, 2: 0.33, 3: 0.12 } as const;
/** Ordered (pålagt) rather than voluntary: "I praksis blir pålagte tiltak i liten grad foreslått" [000]. */
export const MEASURE_ORDERED_SHARE = 0.02;
/** Measure duration, days (log-normal). Assumed: months to a few years. */
export const MEASURE_DURATION = { medianDays: 240, sigma: 0.7, minDays: 21, maxDays: 1500 } as const;
export const MEASURE_END_REASON_WEIGHTS: Readonly<Record<MeasureEndReason, number>> = {
  completed: 0.75,
  returned_to_family: 0.05,
  turned_18: 0,
  other: 0.2,
};

/** "Measures decided" that also place the child out of home voluntarily. [000] Holmestrand: 15 children placed as a help measure at year end vs 160 with help at home. */
export const VOLUNTARY_PLACEMENT_SHARE_OF_MEASURES = 0.09;
export const VOLUNTARY_PLACEMENT_CATEGORIES = { '2.1': 0.3, '2.2': 0.3, '2.6': 0.05, '1.1': 0.2, '8.2': 0.15 } as const;
/**
 * Care-order (omsorgsovertakelse) placement categories. Kinship target ≈ 30 % of foster placements
 * ([DOMAIN]/brief; [000] Holmestrand 50 %, Vestfold average 37.1 %).
 */
export const CARE_ORDER_PLACEMENT_CATEGORIES = { '2.1': 0.3, '2.2': 0.42, '2.3': 0.1, '2.4': 0.03, '1.1': 0.12, '2.99': 0.03 } as const;
/** Days from the petition to the board's decision (placement start). Assumed. */
export const BOARD_DECISION_DAYS = { min: 30, max: 120 } as const;
/** Placement durations, days (log-normal). Assumed: care orders last years; others months. */
export const CARE_ORDER_DURATION = { medianDays: 1400, sigma: 0.6, minDays: 120, maxDays: 5000 } as const;
export const VOLUNTARY_PLACEMENT_DURATION = { medianDays: 300, sigma: 0.7, minDays: 30, maxDays: 2000 } as const;
export const ACUTE_PLACEMENT_DURATION = { medianDays: 35, sigma: 0.8, minDays: 2, maxDays: 180 } as const;
/** Placements ending earlier than planned (utilsiktet flytting). Assumed; [003] mentions a high count in one year. */
export const UNPLANNED_PLACEMENT_END_SHARE = 0.15;

/** Cases whose measures started before go-live (no investigation in this system; DOMAIN §2). Assumed. */
export const PRE_GO_LIVE_MEASURE_SHARE = 0.25;

/** Age at the first notification, years, by band. Assumed (teenagers over-represented). */
export const AGE_BAND_WEIGHTS = { '0-5': 0.3, '6-12': 0.37, '13-17': 0.33 } as const;
/** Help continues as aftercare (ettervern) past 18 rather than ending. Assumed. */
export const AFTERCARE_SHARE = 0.4;

/**
 * Registration delay: how long after it happened an event is recorded. Assumed; the brief asks for
 * late registrations of days to weeks. A late event holds back the ones after it in its case, so
 * the share of events recorded over a day late ends up about twice the draws below (≈ 15 %).
 */
export const RECORDING_DELAY = {
  sameDayShare: 0.9,
  daysShare: 0.08,
  sameDayMinutes: { min: 2, max: 240 },
  days: { min: 1, max: 7 },
  weeks: { min: 8, max: 42 },
} as const;

/** Cases with one retraction of a registration error or a duplicate. Assumed. */
export const RETRACTION_CASE_SHARE = 0.02;

/**
 * Seasonal and weekday profile of incoming notifications (relative; normalised to mean 1).
 * Assumed: fewer reports in July (school and kindergarten closed) and at Christmas, few at weekends
 * (police and the emergency service still report).
 */
export const MONTH_FACTORS = [1.05, 1.1, 1.1, 1.0, 1.1, 1.05, 0.6, 0.85, 1.15, 1.1, 1.1, 0.8] as const;
export const WEEKDAY_FACTORS = [1.2, 1.2, 1.2, 1.15, 1.1, 0.35, 0.3] as const;

// ---- after the investigation (DOMAIN.md §7) ------------------------------------------------------

/**
 * Help measures (and voluntary placements) that get a tiltaksplan. [001] Hustadvika 2024: 97.8 % (H1)
 * and 100 % (H2) of children in help measures had one on the count date; county 92.8 / 90.2 %.
 */
export const PLAN_SHARE = 0.985;
/** Plans adopted late (weeks after the measure started), so a count date can fall before them. Assumed. */
export const PLAN_LATE_SHARE = 0.04;
export const PLAN_LATE_DAYS = { min: 20, max: 120 } as const;
/** Measures started on a later day than decided (`decidedOn` recorded). Assumed. */
export const MEASURE_DECIDED_EARLIER_SHARE = 0.5;
/**
 * Evaluations of a tiltaksplan, about every quarter (official guide). [003] Bærum: a high share with
 * "a decline in evaluated plans in 2023 and 2024" → some evaluations late, a few plans never evaluated (assumed shares).
 */
export const EVALUATION_INTERVAL_DAYS = { min: 60, max: 92 } as const;
export const EVALUATION_LATE_SHARE = 0.12;
export const EVALUATION_LATE_DAYS = { min: 10, max: 60 } as const;
export const PLAN_NEVER_EVALUATED_SHARE = 0.05;
/** Care orders with an omsorgsplan (kind 4; kind 3 before 2023). [003] Bærum: "jevnt over høy" (assumed 96 %). */
export const CARE_PLAN_SHARE = 0.96;
export const CARE_PLAN_DELAY_DAYS = { min: 0, max: 45 } as const;
/**
 * A foreløpig omsorgsplan (Plantype 3, to 2022) still in force when the 2021 act's rules apply
 * (2023) is replaced by an omsorgsplan (kind 4) within these days of 1 January 2023, with the
 * share `CARE_PLAN_SHARE`: only kind 4 counts from 2023 (DOMAIN.md §7.2). Assumed.
 */
export const CARE_PLAN_REPLACED_DAYS = { min: 0, max: 120 } as const;
/**
 * Follow-up (FOS) and supervision (TRAP) visits in foster homes. [003] Bærum 2024: 97.1 % and 97.6 % of
 * children's visits met ("nært opp mot 100 %"). One visit in every calendar quarter the child spends
 * in the home (one per half-year once reduced), as the requirement counts them (DOMAIN.md §7.3);
 * a visit is missed or slips weeks late now and then.
 */
export const VISIT_MISSED_SHARE = 0.006;
export const VISIT_LATE_SHARE = 0.03;
export const VISIT_LATE_DAYS = { min: 10, max: 45 } as const;
/** Visits not in person (do not count). Assumed. */
export const VISIT_NOT_IN_PERSON_SHARE = 0.01;
/** Frequency recorded explicitly at the start (else the rule set's default 4 applies). Assumed. */
export const FREQUENCY_RECORDED_SHARE = 0.5;
/** Foster placements lasting over two years whose visits are reduced to two a year. Assumed. */
export const FREQUENCY_REDUCED_SHARE = 0.35;
/** Reductions recorded before two years in the home (flagged, not refused; DOMAIN §7.3). Assumed. */
export const FREQUENCY_REDUCED_EARLY_SHARE = 0.1;
/** Foster placements whose supervision is moved to another municipality by agreement. Assumed. */
export const SUPERVISION_MOVED_SHARE = 0.2;
/** Of those, moved from the placement's start (agreed with it); the rest from the first day of a later quarter. Assumed. */
export const SUPERVISION_MOVED_AT_START_SHARE = 0.7;
/** Young people continuing after 18 who get an ettervern offer recorded; [003] "alle … takket ja" (assumed shares). */
export const AFTERCARE_OFFER_SHARE = 0.9;
/** Of those ending at 18, offered ettervern and declining. Assumed. */
export const AFTERCARE_DECLINED_OFFER_SHARE = 0.5;
