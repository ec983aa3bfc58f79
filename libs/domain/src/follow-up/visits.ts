import { isFosterHomeCategory } from '../codes';
import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import type { VisitKind } from '../events';
import {
  addMonthsToDay,
  halfYearOf,
  isActiveOnDay,
  obligationsEndDay,
  quartersTouching,
  unbrokenRunStart,
  type DayRange,
} from './calendar';
import type { FollowUpTimeline, FrequencyFrom, PlacementSpell } from './timeline';

/*
 * Oppfølgings- and tilsynsbesøk (DOMAIN.md §7.3, §7.4). One formula covers first years, ends,
 * moves and reductions:
 *
 *   required(P) = ceil( Σ over calendar quarters q that foster placements touch within P of f(q) / 4 )
 *
 * where f(q) is the frequency in force on the first day of q that lies in a placement, and a
 * quarter is touched once at least `minDaysInQuarter` of its days in P are spent in a foster home.
 * Frequencies belong to a placement, so a move to a new home starts again at the standard 4.
 * Supervision is the same formula over the days a given municipality is responsible for the
 * child's home.
 */

export interface VisitRequirement {
  required: number;
  /** visits in person, in the period, within a foster placement (for supervision: to the child's home, on a day the municipality was responsible for it) */
  held: number;
  met: boolean;
}

/**
 * A stretch of a foster placement with one responsible municipality. `lastActiveDay` is the last
 * day the child lives there (the end day itself belongs to the next home); `lastVisitDay` is the
 * last day a visit of this stretch still counts (the end day, or the day a newer home takes over,
 * included).
 */
interface Stretch {
  placement: PlacementSpell;
  startDay: number;
  lastActiveDay: number;
  lastVisitDay: number;
  municipality: string | null;
}

const OPEN = Number.MAX_SAFE_INTEGER;

/**
 * Foster-home stretches, cut at the end of the obligations (18) and, for supervision, to the days
 * the placement is the child's home (`fosterHomeOnDay`) and at each change of responsibility: a
 * municipality supervises the home the child lives in, so the days an old placement is overlapped
 * by a newer one (its end not registered yet) are not its supervisor's. Follow-up visits keep the
 * whole placements: one care municipality owes them, and a quarter two homes share counts once.
 */
function stretchesOf(t: FollowUpTimeline, kind: VisitKind, ruleSet: FollowUpRuleSet): Stretch[] {
  const stop = obligationsEndDay(t.childBirthYear, ruleSet) ?? OPEN;
  const fosterPlacements = t.placements.filter((p) => isFosterHomeCategory(p.category));
  const stretches: Stretch[] = [];
  for (const placement of fosterPlacements) {
    const end = Math.min(placement.endDay ?? OPEN, stop);
    if (end < placement.startDay) continue;
    if (kind === 'follow_up') {
      stretches.push({ placement, startDay: placement.startDay, lastActiveDay: lastDayBefore(end), lastVisitDay: end, municipality: null });
      continue;
    }
    for (const [runStart, runEnd] of homeRuns(fosterPlacements, placement, end)) {
      let from = runStart;
      let municipality = responsibleOn(t, placement, from);
      for (const cut of placement.supervisors) {
        if (cut.fromDay <= runStart || cut.fromDay >= runEnd) continue;
        if (cut.fromDay > from)
          stretches.push({ placement, startDay: from, lastActiveDay: cut.fromDay - 1, lastVisitDay: cut.fromDay - 1, municipality });
        from = cut.fromDay;
        municipality = cut.municipality;
      }
      stretches.push({ placement, startDay: from, lastActiveDay: lastDayBefore(runEnd), lastVisitDay: runEnd, municipality });
    }
  }
  return stretches;
}

const lastDayBefore = (end: number): number => (end === OPEN ? OPEN : end - 1);

/**
 * The runs [from, to) of [placement start, end) on which no later foster placement (`isLaterHome`)
 * covers the day, i.e. on which the placement is the child's home; `to` is the end or the day a
 * newer home starts.
 */
function homeRuns(fosterPlacements: readonly PlacementSpell[], placement: PlacementSpell, end: number): Array<[number, number]> {
  let runs: Array<[number, number]> = [[placement.startDay, end]];
  for (const newer of fosterPlacements) {
    if (newer === placement || !isLaterHome(newer, placement)) continue;
    const from = newer.startDay;
    const to = newer.endDay ?? OPEN;
    if (to <= from) continue;
    runs = runs.flatMap(([a, b]): Array<[number, number]> => {
      if (to <= a || from >= b) return [[a, b]];
      return [...(from > a ? [[a, from] as [number, number]] : []), ...(to < b ? [[to, b] as [number, number]] : [])];
    });
  }
  return runs;
}

/**
 * The child's home among foster placements that all cover one day (decision in docs/follow-up.md,
 * "Two foster placements on one day"): the one started last in valid time, whenever it was recorded
 * (a move makes the new home the current one before the old one's end is registered); two started
 * the same day are told apart by placement id. The order of recording never decides.
 */
function isLaterHome(a: PlacementSpell, b: PlacementSpell): boolean {
  return a.startDay !== b.startDay ? a.startDay > b.startDay : a.placementId > b.placementId;
}

function homeAmong<T extends { placement: PlacementSpell }>(candidates: readonly T[]): T | undefined {
  let home: T | undefined;
  for (const c of candidates) if (home === undefined || isLaterHome(c.placement, home.placement)) home = c;
  return home;
}

/** The foster placement (2.x) the child lives in on a day (see `isLaterHome`), or undefined. */
export function fosterHomeOnDay(t: FollowUpTimeline, day: number): PlacementSpell | undefined {
  return homeAmong(
    t.placements.filter((p) => isFosterHomeCategory(p.category) && isActiveOnDay(p, day)).map((placement) => ({ placement })),
  )?.placement;
}

/** Tilsynsansvar on a day: the latest change on or before it, else the case's own municipality (DOMAIN.md §7.4). */
export function responsibleOn(t: FollowUpTimeline, placement: PlacementSpell, day: number): string | null {
  let municipality = t.municipality;
  for (const s of placement.supervisors) if (s.fromDay <= day) municipality = s.municipality;
  return municipality;
}

/** Frequency of a placement in force on a day: the latest change on or before it, else the standard. */
export function frequencyOnDay(frequencies: readonly FrequencyFrom[], day: number, standard: number): number {
  let perYear = standard;
  for (const f of frequencies) if (f.fromDay <= day) perYear = f.perYear;
  return perYear;
}

function visitRules(kind: VisitKind, ruleSet: FollowUpRuleSet): { standardPerYear: number; minDaysInQuarter: number } {
  return kind === 'follow_up' ? ruleSet.followUpVisits : ruleSet.supervisionVisits;
}

/** f(q) for one quarter, or 0 when the stretches cover fewer than `minDays` of its days within P. */
function quarterFrequency(stretches: readonly Stretch[], kind: VisitKind, q: DayRange, period: DayRange, ruleSet: FollowUpRuleSet): number {
  const from = Math.max(q.startDay, period.startDay);
  const to = Math.min(q.endDay, period.endDay);
  // Covered days of q ∩ P, counting a day two stretches share (a move) once.
  const spans = stretches
    .map((s) => [Math.max(s.startDay, from), Math.min(s.lastActiveDay, to)] as const)
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let reach = from - 1;
  for (const [a, b] of spans) {
    if (b > reach) {
      covered += b - Math.max(a, reach + 1) + 1;
      reach = b;
    }
  }
  const rules = visitRules(kind, ruleSet);
  if (covered === 0 || covered < rules.minDaysInQuarter) return 0;
  // The first day of q (not of q ∩ P) that lies in a placement decides the frequency: the frequency of the home the child lives in that day.
  let firstDay = OPEN;
  for (const s of stretches) {
    const day = Math.max(s.startDay, q.startDay);
    if (day <= Math.min(s.lastActiveDay, q.endDay) && day < firstDay) firstDay = day;
  }
  const home = homeAmong(stretches.filter((s) => s.startDay <= firstDay && firstDay <= s.lastActiveDay));
  return home === undefined ? 0 : frequencyOnDay(home.placement.frequencies[kind], firstDay, rules.standardPerYear);
}

function heldIn(t: FollowUpTimeline, stretches: readonly Stretch[], kind: VisitKind, period: DayRange): number {
  let held = 0;
  for (const v of t.visits) {
    if (v.kind !== kind || !v.inPerson || v.day < period.startDay || v.day > period.endDay) continue;
    if (stretches.some((s) => s.placement.placementId === v.placementId && s.startDay <= v.day && v.day <= s.lastVisitDay)) held++;
  }
  return held;
}

function requirementOver(
  t: FollowUpTimeline,
  stretches: readonly Stretch[],
  kind: VisitKind,
  period: DayRange,
  ruleSet: FollowUpRuleSet,
): VisitRequirement {
  // no stretch covers a day of any quarter, nor holds a visit (most children): nothing owed or held
  if (stretches.length === 0) return { required: 0, held: 0, met: true };
  let sum = 0;
  for (const q of quartersTouching(period.startDay, period.endDay)) sum += quarterFrequency(stretches, kind, q, period, ruleSet);
  const required = Math.ceil(sum / 4);
  const held = heldIn(t, stretches, kind, period);
  return { required, held, met: held >= required };
}

/** Follow-up visits owed by the care municipality in [fromDay, toDay] (DOMAIN.md §7.3). */
export function followUpVisitRequirement(t: FollowUpTimeline, fromDay: number, toDay: number, ruleSet: FollowUpRuleSet): VisitRequirement {
  return requirementOver(t, stretchesOf(t, 'follow_up', ruleSet), 'follow_up', { startDay: fromDay, endDay: toDay }, ruleSet);
}

/**
 * Supervision visits in [fromDay, toDay] per municipality responsible for them on some day of it
 * (DOMAIN.md §7.4): each municipality's requirement counts only the days it was responsible.
 */
export function supervisionVisitRequirements(
  t: FollowUpTimeline,
  fromDay: number,
  toDay: number,
  ruleSet: FollowUpRuleSet,
): Map<string, VisitRequirement> {
  const period = { startDay: fromDay, endDay: toDay };
  // a stretch before the period still names f(q) when its quarter reaches into the period; one
  // further than a quarter's length (at most 92 days) away touches none of the period's quarters
  const from = fromDay - 92;
  const to = toDay + 92;
  const byMunicipality = new Map<string, Stretch[]>();
  for (const s of stretchesOf(t, 'supervision', ruleSet)) {
    if (s.municipality === null || s.startDay > to || s.lastVisitDay < from) continue;
    const list = byMunicipality.get(s.municipality);
    if (list) list.push(s);
    else byMunicipality.set(s.municipality, [s]);
  }
  const out = new Map<string, VisitRequirement>();
  for (const [municipality, stretches] of byMunicipality) {
    const requirement = requirementOver(t, stretches, 'supervision', period, ruleSet);
    if (requirement.required > 0 || requirement.held > 0) out.set(municipality, requirement);
  }
  return out;
}

/**
 * One child's supervision for the municipalities `counts` accepts (DOMAIN.md §7.4), from
 * `supervisionVisitRequirements`: their requirements and visits added up, met only if each one's
 * is (a child whose supervision moved is visited as each one owed), and null when none of them has
 * a requirement the indicator counts. The supervising municipalities' figure and the care
 * municipality's `elsewhere` status both read it, with opposite `counts`.
 */
export function supervisionRequirementFor(
  t: FollowUpTimeline,
  bySupervisor: ReadonlyMap<string, VisitRequirement>,
  counts: (municipality: string) => boolean,
  toDay: number,
  ruleSet: FollowUpRuleSet,
): VisitRequirement | null {
  let sum: VisitRequirement | null = null;
  for (const [municipality, r] of bySupervisor) {
    if (!counts(municipality)) continue;
    sum = sum === null ? { ...r } : { required: sum.required + r.required, held: sum.held + r.held, met: sum.met && r.met };
  }
  return sum !== null && countsForVisitIndicator(t, sum, toDay, ruleSet) ? sum : null;
}

/**
 * Whether the child is in the visit indicator's denominator for the period ending `toDay`: by
 * default every child with a requirement in the period; the legacy form only children placed in
 * a foster home without a break for more than a year on `toDay` [config].
 */
export function countsForVisitIndicator(
  t: FollowUpTimeline,
  requirement: VisitRequirement,
  toDay: number,
  ruleSet: FollowUpRuleSet,
): boolean {
  if (requirement.required === 0) return false;
  if (ruleSet.followUpVisits.population === 'in_foster_home_during_period') return true;
  const since = fosterHomeSince(t, toDay, ruleSet);
  return since !== null && since < addMonthsToDay(toDay, -12);
}

/** First day of the unbroken run of foster placements the child is in on `day` (a move on the same day is no break), or null. */
export function fosterHomeSince(t: FollowUpTimeline, day: number, ruleSet: FollowUpRuleSet): number | null {
  const stretches = stretchesOf(t, 'follow_up', ruleSet);
  const current = stretches.find((s) => s.startDay <= day && day <= s.lastActiveDay);
  if (current === undefined) return null;
  return unbrokenRunStart(
    stretches.map((s) => ({ startDay: s.startDay, lastDay: s.lastActiveDay })),
    current.startDay,
  );
}

/**
 * Visits still owed on the board (DOMAIN.md §7.6) at `asOfDay`: within the current half-year, the
 * requirement is due quarter by quarter (rounded down before its last quarter, up at its end, so
 * the board never asks for more than the half-year figure will); the earliest quarter whose
 * cumulative requirement the visits held so far do not meet gives the due date.
 */
export interface OwedVisits {
  /** last day of the quarter by which they are due */
  dueDay: number;
  owed: number;
}

export function owedVisitsOn(
  t: FollowUpTimeline,
  kind: VisitKind,
  asOfDay: number,
  ruleSet: FollowUpRuleSet,
  municipality?: string,
): OwedVisits | null {
  const stretches = stretchesOf(t, kind, ruleSet).filter((s) => municipality === undefined || s.municipality === municipality);
  // Only a child still in a foster home (of that municipality's responsibility) can still be visited.
  if (!stretches.some((s) => s.startDay <= asOfDay && asOfDay <= s.lastActiveDay)) return null;
  const half = halfYearOf(asOfDay);
  const quarters = quartersTouching(half.startDay, asOfDay);
  const held = heldIn(t, stretches, kind, { startDay: half.startDay, endDay: asOfDay });
  let sum = 0;
  for (const q of quarters) {
    sum += quarterFrequency(stretches, kind, q, half, ruleSet);
    const due = q.endDay === half.endDay ? Math.ceil(sum / 4) : Math.floor(sum / 4);
    if (due > held) return { dueDay: q.endDay, owed: due - held };
  }
  return null;
}

/** Flags on recorded frequencies (DOMAIN.md §7.3/§7.4): recorded and shown, never refused. */
export type FrequencyFlag = 'reduced_within_two_years_in_home' | 'reduced_without_child_consent';

export function frequencyFlags(placement: PlacementSpell, kind: VisitKind, f: FrequencyFrom, ruleSet: FollowUpRuleSet): FrequencyFlag[] {
  if (kind === 'follow_up') {
    const rule = ruleSet.followUpVisits;
    const earliest = addMonthsToDay(placement.startDay, 12 * rule.reductionFlagBeforeYearsInHome);
    return f.perYear === rule.reducedPerYear && f.fromDay <= earliest ? ['reduced_within_two_years_in_home'] : [];
  }
  const rule = ruleSet.supervisionVisits;
  return f.perYear === rule.reducedPerYear && rule.reductionNeedsChildConsent && f.childConsent !== true
    ? ['reduced_without_child_consent']
    : [];
}
