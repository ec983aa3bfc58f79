import type { AftercareOffer, MeasureSpell, PlacementSpell, PlanSpell, Visit } from '@fristvakt/domain';
import type { FollowUpCuts } from '../../indexed/follow-up-cuts';
import type { CaseRecord, ProjectionModel } from '../../model/model';
import { LATEST, municipalityOf, type View } from '../../model/view';
import { resolveFollowUp, type FollowUpCase } from './resolve-follow-up';

/*
 * A case's follow-up timeline for a view. The board and the figures with knownAt ask for a
 * different asOf or knownAt on every query; resolving every active child's facts again each time
 * cost most of those queries. Where indexed/follow-up-cuts.ts says the view's timeline is the
 * latest one cut at asOf, the case's memoised latest timeline is cut instead: entries that
 * occurred after asOf are dropped, ends and conclusions after it are not known yet. Nothing of
 * the rules is involved: the cut only does what the view's `day <= asOf` does to the facts.
 */

/** `cuts`: the query index's (null: resolve every case for the view, as the legacy engine does). */
export function followUpTimelineFor(
  model: ProjectionModel,
  record: CaseRecord,
  municipality: number,
  view: View,
  cuts: FollowUpCuts | null,
): FollowUpCase {
  if (cuts === null || !cuts.exact(record.ordinal, view.knownAt, view.asOfDay)) return resolveFollowUp(model, record, municipality, view);
  const latest = resolveFollowUp(model, record, municipality, LATEST);
  return view.asOfDay >= cuts.lastDay[record.ordinal] ? latest : cutAt(latest, view.asOfDay);
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

const endedBy = <T extends { endDay: number | null }>(spell: T, day: number): T =>
  spell.endDay === null || spell.endDay <= day ? spell : { ...spell, endDay: null };

export function cutAt(t: FollowUpCase, day: number): FollowUpCase {
  const measures: MeasureSpell[] = [];
  for (const m of t.measures) if (m.startDay <= day) measures.push(endedBy(m, day));
  const placements: PlacementSpell[] = [];
  for (const p of t.placements) {
    if (p.startDay > day) continue;
    const cut = endedBy(p, day);
    const changedAfter =
      p.frequencies.follow_up.some((f) => f.fromDay > day) ||
      p.frequencies.supervision.some((f) => f.fromDay > day) ||
      p.supervisors.some((s) => s.fromDay > day);
    placements.push(
      changedAfter
        ? {
            ...cut,
            frequencies: {
              follow_up: p.frequencies.follow_up.filter((f) => f.fromDay <= day),
              supervision: p.frequencies.supervision.filter((f) => f.fromDay <= day),
            },
            supervisors: p.supervisors.filter((s) => s.fromDay <= day),
          }
        : cut,
    );
  }
  const plans: PlanSpell[] = [];
  for (const plan of t.plans) {
    if (plan.startDay > day) continue;
    const cut = endedBy(plan, day);
    plans.push(plan.evaluationDays.some((d) => d > day) ? { ...cut, evaluationDays: plan.evaluationDays.filter((d) => d <= day) } : cut);
  }
  const visits: Visit[] = t.visits.filter((v) => v.day <= day);
  const aftercare: AftercareOffer[] = [];
  for (const offer of t.aftercare) {
    if (offer.offeredDay > day) continue;
    aftercare.push(offer.concludedDay === null || offer.concludedDay <= day ? offer : { ...offer, concludedDay: null, outcome: null });
  }
  return { ...t, measures, placements, plans, visits, aftercare };
}
