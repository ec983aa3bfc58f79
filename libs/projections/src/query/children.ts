import {
  aftercareAgesOnDays,
  followUpRuleSetFor,
  isUnderAgeOnDay,
  PLACEMENT_BASES,
  PLACEMENT_TYPES,
  placementType,
  type PlacementBasis,
  type AftercareAges,
  type PlacementType,
} from '@fristvakt/domain';
import { fromEpochDay, toEpochDay } from '../model/epoch-day';
import { calendarFor } from './deadline-calendar';
import { frameOf, type FiguresQuery } from './figures-query';
import { casesInScope, resolveCase, type ResolvedCase, type ResolvedPlacement } from './resolve';
import { NONE } from './scan';

/*
 * Figures about children (cases), not events, as the state reports present them (docs/state-report.md):
 * who is placed on the period's last day and how, which kinds of measure children had during the
 * period, aftercare, and the cases still active. Every child counts once per figure; a child counts
 * in each category it touched during the period, so categories may add up to more than the total.
 */

export type ChildrenQuery = FiguresQuery;

/** The tiltak groups of the register's code list: 1 institution … 8 housing (8.2 is a placement but stays in group 8). */
export const CHILD_MEASURE_GROUPS = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;

export interface ChildrenAnswer {
  period: { from: string; to: string };
  municipality: string | null;
  municipalities: string[] | null;
  knownAt: string | null;
  asOf: string | null;
  /** the day the stock figures (`…AtEnd`) are measured on: the period's end, or asOf if earlier */
  measuredAt: string;
  /** the year whose 31.12 ages are counted from (the period's last year) */
  ageYear: number;
  /** children with a placement active at `measuredAt`, each by the placement started last */
  placedAtEnd: {
    children: number;
    byType: Record<PlacementType, number>;
    byBasis: Record<PlacementBasis, number>;
    /** whose placement is an emergency placement (akuttplassering), whatever its basis */
    emergency: number;
    /**
     * type × legal basis × age on 31.12 of `ageYear` (under 18, or without a birth year; 18 and
     * older: aftercare placements), as Holmestrand's «barn som bor i fosterhjem eller institusjon»
     */
    byTypeBasisAge: Record<PlacementType, Record<PlacementBasis, { under18: number; adults: number }>>;
  };
  /** placements started in the period that are emergency placements, and children they concern */
  emergencyStarted: { placements: number; voluntary: number; children: number };
  /** children with a measure or placement active at some time in the period */
  withMeasures: {
    children: number;
    /** of those, under 18 on 31.12 of `ageYear` (or without a birth year): the per-1 000 numerator */
    under18: number;
    /** per tiltak group (1–8): children with at least one measure or placement of the group */
    byGroup: Record<string, number>;
    /** children with a help measure (3.x–8.x except 8.2) and no placement during the period */
    helpOnly: number;
  };
  /** ettervern: in the follow-up rule set's aftercare ages on 31.12 of `ageYear` (18–24 since 2021), with a measure or placement */
  aftercare: { atEnd: number; duringPeriod: number; fromAge: number; untilAge: number };
  /** cases with an open notification, open investigation, or active measure or placement at `measuredAt` */
  activeCasesAtEnd: number;
  /** children with an investigation open at some time in the period; of those under 18 on 31.12 */
  withInvestigation: { children: number; under18: number };
  /**
   * notifications received in the period, and those received in an active case (an investigation
   * open, or a measure or placement active, on the day before receipt): Bærum's «meldinger i aktiv sak»
   */
  notifications: { received: number; inActiveCase: number };
}

const activeBetween = (startDay: number, endDay: number | null, fromDay: number, toDay: number) =>
  startDay <= toDay && (endDay ?? NONE) >= fromDay;
/** A spell ending on a day no longer counts on it (as in the flow's stock). */
const activeOn = (startDay: number, endDay: number | null, day: number) => startDay <= day && (endDay ?? NONE) > day;

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Children-based figures for a period (DOMAIN.md §4 "Barn med tiltak", §7.5; docs/state-report.md). */
export function children(model: Parameters<typeof casesInScope>[0], query: ChildrenQuery): ChildrenAnswer {
  const frame = frameOf(query);
  const { fromDay, toDay, endDay, view } = frame;
  const calendar = calendarFor(query.rules, query.method);
  const ageYear = Number(fromEpochDay(toDay).slice(0, 4));
  const ageDay = toEpochDay(`${ageYear}-12-31`);
  const ruleSet = followUpRuleSetFor(`${ageYear}-12-31`, query.followUpRules);
  const answer: ChildrenAnswer = {
    period: frame.period,
    municipality: frame.echo.municipality,
    municipalities: frame.echo.municipalities,
    knownAt: frame.echo.knownAt,
    asOf: frame.echo.asOf,
    measuredAt: frame.echo.measuredAt,
    ageYear,
    placedAtEnd: {
      children: 0,
      byType: zeros(PLACEMENT_TYPES),
      byBasis: zeros(PLACEMENT_BASES),
      emergency: 0,
      byTypeBasisAge: Object.fromEntries(
        PLACEMENT_TYPES.map((type) => [type, Object.fromEntries(PLACEMENT_BASES.map((basis) => [basis, { under18: 0, adults: 0 }]))]),
      ) as ChildrenAnswer['placedAtEnd']['byTypeBasisAge'],
    },
    emergencyStarted: { placements: 0, voluntary: 0, children: 0 },
    withMeasures: { children: 0, under18: 0, byGroup: zeros(CHILD_MEASURE_GROUPS), helpOnly: 0 },
    aftercare: { atEnd: 0, duringPeriod: 0, ...ruleSet.aftercare },
    activeCasesAtEnd: 0,
    withInvestigation: { children: 0, under18: 0 },
    notifications: { received: 0, inActiveCase: 0 },
  };
  for (const [record, symbol] of casesInScope(model, frame.scope, view)) {
    const c = resolveCase(model, record, symbol, view, calendar);
    countCase(answer, c, fromDay, toDay, endDay, {
      underAge: isUnderAgeOnDay(c.birthYear, ageDay, ruleSet),
      aftercare: (active) => aftercareAgesOnDays(c.birthYear, ageDay, active, ruleSet),
    });
  }
  return answer;
}

/** The child's ages on 31.12 of the period's year, as the domain's follow-up rule set reads them. */
interface Ages {
  underAge: boolean;
  /** the domain's aftercare count, given when the child had a measure or placement */
  aftercare: (active: { onCountDate: boolean; during: boolean }) => AftercareAges;
}

function countCase(answer: ChildrenAnswer, c: ResolvedCase, fromDay: number, toDay: number, endDay: number, ages: Ages): void {
  const placedAt = lastStartedActiveOn(c.placements, endDay);
  if (placedAt !== null) {
    const p = answer.placedAtEnd;
    p.children++;
    const type = placementType(placedAt.category);
    p.byType[type]++;
    p.byBasis[placedAt.basis]++;
    if (placedAt.emergency) p.emergency++;
    p.byTypeBasisAge[type][placedAt.basis][ages.underAge ? 'under18' : 'adults']++;
  }
  const emergencies = c.placements.filter((p) => p.emergency && p.startDay >= fromDay && p.startDay <= toDay);
  if (emergencies.length > 0) {
    answer.emergencyStarted.placements += emergencies.length;
    answer.emergencyStarted.voluntary += emergencies.filter((p) => p.basis === 'voluntary').length;
    answer.emergencyStarted.children++;
  }
  const groups = new Set<string>();
  let placed = false;
  for (const m of c.measures) if (activeBetween(m.startDay, m.endDay, fromDay, toDay)) groups.add(m.category.split('.')[0]);
  for (const p of c.placements) {
    if (!activeBetween(p.startDay, p.endDay, fromDay, toDay)) continue;
    groups.add(p.category.split('.')[0]);
    placed = true;
  }
  const during = groups.size > 0;
  if (during) {
    const w = answer.withMeasures;
    w.children++;
    if (ages.underAge) w.under18++;
    for (const group of groups) w.byGroup[group] = (w.byGroup[group] ?? 0) + 1;
    if (!placed) w.helpOnly++;
  }
  const activeAtEnd = placedAt !== null || c.measures.some((m) => activeOn(m.startDay, m.endDay, endDay));
  const aftercare = ages.aftercare({ onCountDate: activeAtEnd, during });
  if (aftercare.onCountDate) answer.aftercare.atEnd++;
  if (aftercare.during) answer.aftercare.duringPeriod++;
  const openAtEnd =
    activeAtEnd ||
    c.notifications.some((n) => n.receivedDay <= endDay && (n.concludedDay ?? NONE) > endDay) ||
    c.investigations.some((u) => u.openedDay <= endDay && (u.closedDay ?? NONE) > endDay);
  if (openAtEnd) answer.activeCasesAtEnd++;
  if (c.investigations.some((u) => activeBetween(u.openedDay, u.closedDay, fromDay, toDay))) {
    answer.withInvestigation.children++;
    if (ages.underAge) answer.withInvestigation.under18++;
  }
  for (const n of c.notifications) {
    if (n.receivedDay < fromDay || n.receivedDay > toDay) continue;
    answer.notifications.received++;
    const before = n.receivedDay - 1;
    const active =
      c.investigations.some((u) => activeOn(u.openedDay, u.closedDay, before)) ||
      c.measures.some((m) => activeOn(m.startDay, m.endDay, before)) ||
      c.placements.some((p) => activeOn(p.startDay, p.endDay, before));
    if (active) answer.notifications.inActiveCase++;
  }
}

/** The placement active on `day` that started last: a child is placed in one place at a time, and a move's end may be recorded late. */
function lastStartedActiveOn(placements: readonly ResolvedPlacement[], day: number): ResolvedPlacement | null {
  let chosen: ResolvedPlacement | null = null;
  for (const p of placements) if (activeOn(p.startDay, p.endDay, day) && (chosen === null || p.startDay >= chosen.startDay)) chosen = p;
  return chosen;
}
