import type { PlanKind } from '../events';
import type { LocalDate } from './api';
import { fromDayNumber, parseLocalDate } from './local-date';

/*
 * The rules after the investigation (DOMAIN.md §7) as data, like the deadline rule sets beside
 * this file. Where the law text could not be verified DOMAIN.md marks a default [config]: those
 * values are here, each with the source it rests on, so a service (or a later act) changes data,
 * not code. A rule set is chosen by the date the rule is applied to (a measure's decision date, a
 * period's first day, a count date), so replaying 2020 applies what held in 2020.
 */

export type FollowUpRuleSetId = 'followup1992' | 'followup1992-aftercare25' | 'followup2021';

/** Which children a plan indicator counts on its count date D (DOMAIN.md §7.1, confidence U). */
export type PlanMembership = 'stock_on_count_date' | 'during_half_year';

/** Which children the visit indicators count (DOMAIN.md §7.3). */
export type VisitPopulation = 'in_foster_home_during_period' | 'placed_over_one_year_on_count_date';

export interface FollowUpRuleSet {
  id: FollowUpRuleSetId;
  /** first date (inclusive) this rule set applies to */
  validFrom: LocalDate;
  /** last date (inclusive), or null while in force */
  validTo: LocalDate | null;
  /** sources, for the figures' footnotes and for whoever checks the law */
  sources: readonly string[];
  /** tiltaksplan for help measures (bvl 2021 § 8-1, bvl 1992 § 4-5) */
  helpMeasurePlan: {
    /** Plantype codes that count as a tiltaksplan */
    planKinds: readonly PlanKind[];
    /** days after the measure's decision the plan is due [config] */
    graceDays: number;
    /** months from the plan's start or its last evaluation to the next evaluation [config] */
    evaluationIntervalMonths: number;
    /** «evaluert tiltaksplan»: help measures uninterrupted since addMonths(D, −n) */
    evaluationAnchorMonths: number;
    membership: PlanMembership;
  };
  /** omsorgsplan after a care order (bvl 2021 § 8-3 fourth paragraph) */
  carePlan: {
    planKinds: readonly PlanKind[];
    /** days after the care-order placement starts the plan is due [config] */
    graceDays: number;
    /** bvl 1992: months after which a final care plan is checked; null = off [config] */
    finalPlanMonths: number | null;
  };
  /** oppfølgingsbesøk (bvl 2021 § 9-6; the care municipality) */
  followUpVisits: {
    standardPerYear: 4;
    reducedPerYear: 2;
    /** a quarter counts once a foster placement covers this many of its days within the period [config] */
    minDaysInQuarter: number;
    /** a reduction recorded before this many years in the home is flagged, never refused (confidence U) */
    reductionFlagBeforeYearsInHome: number;
    population: VisitPopulation;
  };
  /** tilsynsbesøk (the foster home's municipality, or the one it was moved to by agreement) */
  supervisionVisits: {
    standardPerYear: 4;
    reducedPerYear: 2;
    minDaysInQuarter: number;
    /** a reduction without the child's consent is flagged (G) */
    reductionNeedsChildConsent: boolean;
  };
  /** who the obligations are owed to (DOMAIN.md §7, "Ages from birth year") */
  children: {
    /** the obligations above stop at this age */
    adultAge: number;
    /**
     * Only the birth year is recorded: `end_of_year` ends them on 31.12 of the year the child
     * turns `adultAge` (age = year − birth year, exact on 31.12) [config].
     */
    obligationsEnd: 'end_of_year';
  };
  /** ettervern: ages (year − birth year on the count date) that count as young adults in aftercare */
  aftercare: { fromAge: number; untilAge: number };
  /** days before a due date at which an open item on the board becomes `due_soon` [config] */
  dueSoonDays: { plan: number; evaluation: number; visit: number };
}

export interface FollowUpRules {
  /** ordered by validFrom; exactly one covers any date from 1993-01-01 */
  ruleSets: readonly FollowUpRuleSet[];
}

const PLAN_DEFAULTS = Object.freeze({
  // Official guide: a tiltaksplan when help measures are decided, evaluated regularly, «hvert
  // kvartal» (G); graceDays 0 is the [config] default of DOMAIN.md §7.1.
  graceDays: 0,
  evaluationIntervalMonths: 3,
  // DOMAIN.md §7.1: «evaluert tiltaksplan» anchored at addMonths(D, −3) (U).
  evaluationAnchorMonths: 3,
  membership: 'stock_on_count_date' as const,
});

const VISIT_DEFAULTS = Object.freeze({
  // Register codes: Hyppighet 4 = standard, 2 = reduced (ssb-barnevern-v4.xsd, OppfolgingHyppighetType) (G).
  standardPerYear: 4 as const,
  reducedPerYear: 2 as const,
  // DOMAIN.md §7.3 [config]: one day of a quarter in a foster home makes it a started quarter
  // (Bærum 2024: one visit per started quarter in the first year) (S).
  minDaysInQuarter: 1,
});

const SHARED = Object.freeze({
  followUpVisits: Object.freeze({
    ...VISIT_DEFAULTS,
    // «more than two years in this home»: the 2024 regulation text was not verified (U).
    reductionFlagBeforeYearsInHome: 2,
    population: 'in_foster_home_during_period' as const,
  }),
  supervisionVisits: Object.freeze({ ...VISIT_DEFAULTS, reductionNeedsChildConsent: true }),
  children: Object.freeze({ adultAge: 18, obligationsEnd: 'end_of_year' as const }),
  // Board thresholds as for investigations (DOMAIN.md §3.3 default 14) [config].
  dueSoonDays: Object.freeze({ plan: 14, evaluation: 14, visit: 14 }),
});

/** barnevernloven 1992 with ettervern to 23 (§ 1-3 second paragraph as it read until 2020). */
export const FOLLOW_UP_1992: Readonly<FollowUpRuleSet> = Object.freeze({
  id: 'followup1992',
  validFrom: '1993-01-01',
  validTo: '2020-12-31',
  sources: Object.freeze([
    'bvl 1992 § 4-5 (tiltaksplan), § 4-15 (omsorgsplan), § 4-22 (fosterhjem), § 1-3 (ettervern to 23)',
    'ssb-barnevern-v4.xsd Plan/Plantype, Oppfolging/Hyppighet, Tilsyn',
    'DOMAIN.md §7 [config] defaults',
  ]),
  helpMeasurePlan: Object.freeze({ ...PLAN_DEFAULTS, planKinds: Object.freeze(['1'] as PlanKind[]) }),
  // Plantype 3 (foreløpig omsorgsplan) exists until 2022 (DOMAIN.md §7.2).
  carePlan: Object.freeze({ planKinds: Object.freeze(['3', '4'] as PlanKind[]), graceDays: 0, finalPlanMonths: null }),
  ...SHARED,
  aftercare: Object.freeze({ fromAge: 18, untilAge: 23 }),
});

/** barnevernloven 1992 from 2021-01-01: ettervern to 25 (DOMAIN.md §7.5: «before 2021 to 23»). */
export const FOLLOW_UP_1992_AFTERCARE_25: Readonly<FollowUpRuleSet> = Object.freeze({
  ...FOLLOW_UP_1992,
  id: 'followup1992-aftercare25',
  validFrom: '2021-01-01',
  validTo: '2022-12-31',
  sources: Object.freeze([
    'bvl 1992 § 4-5, § 4-15, § 4-22; § 1-3 (ettervern to 25 from 2021-01-01)',
    'ssb-barnevern-v4.xsd Plan/Plantype, Oppfolging/Hyppighet, Tilsyn',
    'DOMAIN.md §7 [config] defaults',
  ]),
  aftercare: Object.freeze({ fromAge: 18, untilAge: 25 }),
});

/** barnevernloven 2021 (in force 2023-01-01) and the foster-home regulation. */
export const FOLLOW_UP_2021: Readonly<FollowUpRuleSet> = Object.freeze({
  id: 'followup2021',
  validFrom: '2023-01-01',
  validTo: null,
  sources: Object.freeze([
    'bvl 2021 § 8-1 (tiltaksplan), § 8-3 fourth paragraph (omsorgsplan), § 9-6 (oppfølging), § 3-6 (ettervern to 25)',
    'ssb-barnevern-v4.xsd Plan/Plantype, Oppfolging/Hyppighet, Tilsyn/Ansvarlig, Ettervern',
    'Bærum tilstandsrapport 2024 (first year: one visit per started quarter)',
    'DOMAIN.md §7 [config] defaults',
  ]),
  helpMeasurePlan: Object.freeze({ ...PLAN_DEFAULTS, planKinds: Object.freeze(['1'] as PlanKind[]) }),
  carePlan: Object.freeze({ planKinds: Object.freeze(['4'] as PlanKind[]), graceDays: 0, finalPlanMonths: null }),
  ...SHARED,
  aftercare: Object.freeze({ fromAge: 18, untilAge: 25 }),
});

export const DEFAULT_FOLLOW_UP_RULES: Readonly<FollowUpRules> = Object.freeze({
  ruleSets: Object.freeze([FOLLOW_UP_1992, FOLLOW_UP_1992_AFTERCARE_25, FOLLOW_UP_2021]),
});

/** The follow-up rule set covering a date; a gap or an overlap is a configuration error and throws. */
export function followUpRuleSetFor(date: LocalDate, rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES): FollowUpRuleSet {
  parseLocalDate(date);
  const matches = rules.ruleSets.filter((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
  if (matches.length !== 1) {
    const covered = rules.ruleSets.map((r) => `${r.id} ${r.validFrom}..${r.validTo ?? ''}`).join(', ');
    throw new Error(
      `${matches.length === 0 ? 'No' : 'More than one'} follow-up rule set covers ${date} (configured: ${covered || 'none'})`,
    );
  }
  return matches[0];
}

const RULE_SETS_BY_DAY = new WeakMap<FollowUpRules, Map<number, FollowUpRuleSet>>();

/**
 * `followUpRuleSetFor` on a day number, remembered per rules object: the follow-up rules pick a
 * rule set per child and need on every query. Rule sets are data that is never changed in place.
 */
export function followUpRuleSetForDay(day: number, rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES): FollowUpRuleSet {
  let byDay = RULE_SETS_BY_DAY.get(rules);
  if (byDay === undefined) {
    byDay = new Map();
    RULE_SETS_BY_DAY.set(rules, byDay);
  }
  let ruleSet = byDay.get(day);
  if (ruleSet === undefined) {
    ruleSet = followUpRuleSetFor(fromDayNumber(day), rules);
    byDay.set(day, ruleSet);
  }
  return ruleSet;
}
