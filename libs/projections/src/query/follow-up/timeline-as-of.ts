import type { AftercareOffer, MeasureSpell, PlacementSpell, PlanSpell, Visit } from '@fristvakt/domain';
import type { FollowUpCuts } from '../../indexed/follow-up-cuts';
import type { CaseRecord, ProjectionModel } from '../../model/model';
import { LATEST, municipalityOf, type View } from '../../model/view';
import { recordedEntries, type Recorded } from './recorded-entries';
import { resolveFollowUp, type FollowUpCase } from './resolve-follow-up';

/*
 * A case's follow-up timeline for a view. The board and the figures with knownAt ask for a
 * different asOf or knownAt on every query; resolving every active child's facts again each time
 * cost most of those queries. Where indexed/follow-up-cuts.ts says the view's timeline is the
 * latest one cut, the case's memoised latest timeline is cut instead: entries that occurred after
 * asOf, or whose fact was recorded after knownAt (recorded-entries.ts), are dropped, ends and
 * conclusions likewise are not known yet. Nothing of the rules is involved: the cut only does
 * what the view's `recordedAt <= knownAt && day <= asOf` does to the facts.
 */

/** `cuts`: the query index's (null: resolve every case for the view, as the legacy engine does). */
export function followUpTimelineFor(
  model: ProjectionModel,
  record: CaseRecord,
  municipality: number,
  view: View,
  cuts: FollowUpCuts | null,
): FollowUpCase {
  const ordinal = record.ordinal;
  if (cuts === null || !cuts.cuttable(ordinal, view.knownAt, view.asOfDay)) return resolveFollowUp(model, record, municipality, view);
  const latest = resolveFollowUp(model, record, municipality, LATEST);
  if (cuts.exact(ordinal, view.knownAt, view.asOfDay)) return view.asOfDay >= cuts.lastDay[ordinal] ? latest : cutAt(latest, view.asOfDay);
  // some fact up to asOf was recorded after knownAt: cut by when each entry was recorded as well
  const recorded = recordedEntries(record, latest);
  return recorded === null ? resolveFollowUp(model, record, municipality, view) : cutAt(latest, view.asOfDay, view.knownAt, recorded);
}

/**
 * Resolves the latest timeline of every case with follow-up facts ahead of the first query, as
 * the flat tables are built ahead: otherwise the first board for each municipality pays for its
 * children. Each case keeps it until its next fact (the memo of resolve-follow-up.ts).
 */
export function warmFollowUpTimelines(model: ProjectionModel): void {
  for (const record of model.cases.values()) {
    if (!record.followUp) continue;
    const municipality = municipalityOf(record, LATEST);
    if (municipality !== null) resolveFollowUp(model, record, municipality, LATEST);
  }
}

/** Keeps entries that occurred by `day` and, with `recorded`, whose fact was recorded by `knownAt`. */
export function cutAt(
  t: FollowUpCase,
  day: number,
  knownAt = Number.MAX_VALUE,
  recorded: WeakMap<object, Recorded> | null = null,
): FollowUpCase {
  const made = (entry: object, entryDay: number) => entryDay <= day && (recorded === null || recorded.get(entry)!.at <= knownAt);
  const ended = <T extends { endDay: number | null }>(spell: T): T =>
    spell.endDay === null || (spell.endDay <= day && (recorded === null || recorded.get(spell)!.endAt <= knownAt))
      ? spell
      : { ...spell, endDay: null };
  const measures: MeasureSpell[] = [];
  for (const m of t.measures) if (made(m, m.startDay)) measures.push(ended(m));
  const placements: PlacementSpell[] = [];
  for (const p of t.placements) {
    if (!made(p, p.startDay)) continue;
    const cut = ended(p);
    const follow_up = p.frequencies.follow_up.filter((f) => made(f, f.fromDay));
    const supervision = p.frequencies.supervision.filter((f) => made(f, f.fromDay));
    const supervisors = p.supervisors.filter((s) => made(s, s.fromDay));
    const same =
      follow_up.length === p.frequencies.follow_up.length &&
      supervision.length === p.frequencies.supervision.length &&
      supervisors.length === p.supervisors.length;
    placements.push(same ? cut : { ...cut, frequencies: { follow_up, supervision }, supervisors });
  }
  const plans: PlanSpell[] = [];
  for (const plan of t.plans) {
    if (!made(plan, plan.startDay)) continue;
    const cut = ended(plan);
    const at = recorded === null ? undefined : recorded.get(plan)!.evaluationsAt!;
    const evaluationDays = plan.evaluationDays.filter((d, i) => d <= day && (at === undefined || at[i] <= knownAt));
    plans.push(evaluationDays.length === plan.evaluationDays.length ? cut : { ...cut, evaluationDays });
  }
  const visits: Visit[] = t.visits.filter((v) => made(v, v.day));
  const aftercare: AftercareOffer[] = [];
  for (const offer of t.aftercare) {
    if (!made(offer, offer.offeredDay)) continue;
    const concluded =
      offer.concludedDay === null || (offer.concludedDay <= day && (recorded === null || recorded.get(offer)!.endAt <= knownAt));
    aftercare.push(concluded ? offer : { ...offer, concludedDay: null, outcome: null });
  }
  return { ...t, measures, placements, plans, visits, aftercare };
}

/**
 * The days on which `cutAt(t, day)` keeps more than on the day before (every day it compares),
 * ascending and distinct: between two of them, and from the last on, the cut is the same.
 */
export function cutDays(t: FollowUpCase): number[] {
  const days: number[] = [];
  const add = (day: number | null) => {
    if (day !== null) days.push(day);
  };
  for (const m of t.measures) {
    add(m.startDay);
    add(m.endDay);
  }
  for (const p of t.placements) {
    add(p.startDay);
    add(p.endDay);
    for (const f of p.frequencies.follow_up) add(f.fromDay);
    for (const f of p.frequencies.supervision) add(f.fromDay);
    for (const s of p.supervisors) add(s.fromDay);
  }
  for (const plan of t.plans) {
    add(plan.startDay);
    add(plan.endDay);
    for (const day of plan.evaluationDays) add(day);
  }
  for (const v of t.visits) add(v.day);
  for (const offer of t.aftercare) {
    add(offer.offeredDay);
    add(offer.concludedDay);
  }
  days.sort((a, b) => a - b);
  let distinct = 0;
  for (const day of days) if (distinct === 0 || days[distinct - 1] !== day) days[distinct++] = day;
  days.length = distinct;
  return days;
}
