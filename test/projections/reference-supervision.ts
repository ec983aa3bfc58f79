/*
 * Supervision visits per responsible municipality (DOMAIN.md §7.3/§7.4, docs/follow-up.md "two
 * foster placements on one day") recomputed day by day, written apart from libs/domain's stretches:
 * each day has at most one home (the foster placement started last in valid time, the greater id on
 * a tie), and the day belongs to the municipality supervising that home on it. A quarter counts for
 * a municipality when enough of its days in the period are that municipality's, at the home's
 * frequency on the quarter's first such day; a visit counts for the municipality that owned its day
 * while the visited placement was the home, or the day before when the visit falls on the day the
 * placement stopped being the home (a move or an end: the end day counts).
 */
import {
  isFosterHomeCategory,
  type FollowUpRuleSet,
  type FollowUpTimeline,
  type PlacementSpell,
  type VisitRequirement,
} from '@fristvakt/domain';

const DAY_MS = 86_400_000;

const dateOf = (day: number) => new Date(day * DAY_MS);
const dayOf = (year: number, month0: number, date: number) => Math.floor(Date.UTC(year, month0, date) / DAY_MS);

function quarterStart(day: number): number {
  const d = dateOf(day);
  return dayOf(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1);
}

function nextQuarterStart(day: number): number {
  const d = dateOf(quarterStart(day));
  return dayOf(d.getUTCFullYear(), d.getUTCMonth() + 3, 1);
}

/** the latest entry dated on or before the day (entries in recording order among equal days), else the fallback */
function inForceOn<T>(entries: ReadonlyArray<{ fromDay: number } & T>, day: number, fallback: T): T {
  let current = fallback;
  for (const e of [...entries].sort((a, b) => a.fromDay - b.fromDay)) if (e.fromDay <= day) current = e;
  return current;
}

interface Day {
  home: PlacementSpell;
  municipality: string | null;
}

export function referenceSupervision(
  t: FollowUpTimeline,
  fromDay: number,
  toDay: number,
  ruleSet: FollowUpRuleSet,
): Map<string, VisitRequirement> {
  const fosters = t.placements.filter((p) => isFosterHomeCategory(p.category));
  const out = new Map<string, VisitRequirement>();
  if (fosters.length === 0) return out;
  // obligations end on 31.12 of the year the child turns adult, as a spell's end day
  const stop = t.childBirthYear === null ? Infinity : dayOf(t.childBirthYear + ruleSet.children.adultAge, 11, 31);
  const days = new Map<number, Day | null>();
  const dayInfo = (day: number): Day | null => {
    if (!days.has(day)) {
      let home: PlacementSpell | undefined;
      for (const p of fosters) {
        if (day >= stop || p.startDay > day || (p.endDay !== null && p.endDay <= day)) continue;
        if (home === undefined || p.startDay > home.startDay || (p.startDay === home.startDay && p.placementId > home.placementId))
          home = p;
      }
      days.set(
        day,
        home === undefined ? null : { home, municipality: inForceOn(home.supervisors, day, { municipality: t.municipality }).municipality },
      );
    }
    return days.get(day) ?? null;
  };

  const sums = new Map<string, number>();
  const rules = ruleSet.supervisionVisits;
  for (let q = quarterStart(fromDay); q <= toDay; q = nextQuarterStart(q)) {
    const qEnd = nextQuarterStart(q) - 1;
    const covered = new Map<string, number>();
    const firstDay = new Map<string, number>();
    for (let day = q; day <= qEnd; day++) {
      const m = dayInfo(day)?.municipality;
      if (m === undefined || m === null) continue;
      if (!firstDay.has(m)) firstDay.set(m, day);
      if (day >= fromDay && day <= toDay) covered.set(m, (covered.get(m) ?? 0) + 1);
    }
    for (const [m, n] of covered) {
      if (n < rules.minDaysInQuarter) continue;
      const first = firstDay.get(m) as number;
      const home = (dayInfo(first) as Day).home;
      const f = inForceOn<{ perYear: number }>(home.frequencies.supervision, first, { perYear: rules.standardPerYear }).perYear;
      sums.set(m, (sums.get(m) ?? 0) + f);
    }
  }

  const held = new Map<string, number>();
  for (const v of t.visits) {
    if (v.kind !== 'supervision' || !v.inPerson || v.day < fromDay || v.day > toDay) continue;
    const today = dayInfo(v.day);
    const yesterday = dayInfo(v.day - 1);
    const zeroDay = fosters.find(
      (p) => p.placementId === v.placementId && p.startDay === v.day && Math.min(p.endDay ?? Infinity, stop) === v.day,
    );
    let m: string | null | undefined;
    if (today?.home.placementId === v.placementId) m = today.municipality;
    else if (yesterday?.home.placementId === v.placementId) m = yesterday.municipality;
    // a placement ended the day it started was never a home for a whole day; its visit counts as on an end day
    else if (zeroDay !== undefined) m = inForceOn(zeroDay.supervisors, v.day, { municipality: t.municipality }).municipality;
    if (m !== undefined && m !== null) held.set(m, (held.get(m) ?? 0) + 1);
  }

  for (const m of new Set([...sums.keys(), ...held.keys()])) {
    const required = Math.ceil((sums.get(m) ?? 0) / 4);
    const h = held.get(m) ?? 0;
    if (required > 0 || h > 0) out.set(m, { required, held: h, met: h >= required });
  }
  return out;
}
