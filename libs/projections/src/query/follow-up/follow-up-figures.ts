import * as domain from '@fristvakt/domain';
import { followUpCountWindow, followUpRuleSetFor, type FollowUpRuleSet, type FollowUpRuleSetId } from '@fristvakt/domain';
import { fromEpochDay } from '../../model/epoch-day';
import type { ProjectionModel } from '../../model/model';
import type { View } from '../../model/view';
import type { AdditiveRelation, ShareBasis } from '../suppression';
import { queryIndexOf } from '../../indexed/query-index';
import { addRows, figureRowsFor, rowOrderOf } from './figure-rows';
import { followUpCutsOf, forEachFollowUpCase, inScope } from './follow-up-scope';
import { askOwnRules, FollowUpTallies } from './follow-up-tallies';
import { followUpTimelineFor } from './timeline-as-of';

// Module-local copies: the per-child loop should not go through the package's export bindings (as in model/view.ts).
const { mayCountForFollowUpIn, supervisionRequirementFor, supervisionVisitRequirements } = domain;

/*
 * The follow-up section of /v1/compliance (DOMAIN.md §7): children, not events. Every rule is the
 * domain's; this file only picks the cases a query covers, asks the domain about each child and
 * counts. Plans are stock on the count date (min(period end, asOf)); visits are over the period up
 * to the count date; supervision is counted for the municipality responsible on each day, so the
 * supervising municipality counts children of other municipalities placed in its foster homes and
 * the care municipality sees their status under `supervision.elsewhere` without counting it.
 */

/** An indicator over children: numerator of denominator, and which children (case ids) missed it. */
export interface FollowUpIndicator {
  denominator: number | null;
  numerator: number | null;
  /** denominator − numerator */
  missing: number | null;
  /** numerator / denominator (named …Share: rounded to 3 decimals in answers, never taken for a count) */
  metShare: number | null;
  /** case ids of the children in the denominator who did not meet it, sorted; null in answers leaving the service */
  notMet: string[] | null;
}

export interface VisitIndicator extends FollowUpIndicator {
  /** visits required and held, summed over the children (visits, not children) */
  required: number | null;
  held: number | null;
}

export interface FollowUpSection {
  /** the follow-up rule set in force on the count date */
  ruleSet: FollowUpRuleSetId;
  /** the day plan figures are counted on: min(period end, asOf) */
  countDate: string;
  /** barn i hjelpetiltak med tiltaksplan: children under 18 in help measures on the count date with an active tiltaksplan */
  plans: FollowUpIndicator;
  /** evaluert tiltaksplan: of those with a plan and help for three months, evaluated in the half-year */
  evaluatedPlans: FollowUpIndicator;
  /** children under a care order on the count date with an active care plan */
  carePlans: FollowUpIndicator;
  /** oppfølgingsbesøk: children in foster homes during the period whose visits met the requirement */
  followUpVisits: VisitIndicator;
  /** tilsynsbesøk counted for the municipalities asked for, wherever the children's cases belong */
  supervision: VisitIndicator & {
    /** this scope's own children supervised by another municipality: status only, not counted above */
    elsewhere: { children: number | null; met: number | null; notMet: string[] | null };
  };
  /** ettervern: young adults (18 to the rule set's limit) with a measure or placement during the count date's year; numerator: an accepted offer by the count date */
  aftercare: FollowUpIndicator & {
    /** young adults with a measure or placement active on the count date */
    onCountDate: number | null;
    /** of the denominator, those with an offer recorded by the count date */
    offered: number | null;
  };
  units: { indicators: 'children'; required: 'visits'; held: 'visits' };
}

export interface FollowUpFrame {
  fromDay: number;
  /** the count date: min(period end, asOf) */
  endDay: number;
  view: View;
  /** the municipalities covered; null = every one */
  scope: readonly string[] | null;
}

export function followUpSection(
  model: ProjectionModel,
  frame: FollowUpFrame,
  ruleSet: FollowUpRuleSet = followUpRuleSetFor(fromEpochDay(frame.endDay)),
): FollowUpSection {
  const { fromDay, endDay, view, scope } = frame;
  const cuts = followUpCutsOf(model);
  const window = followUpCountWindow(fromDay, endDay);
  const inScopeHere = (m: string) => inScope(scope, m);
  const outOfScope = (m: string) => !inScope(scope, m);
  // the children the precomputed rows answer for this view are counted from them and skipped below
  const rows = figureRowsFor(model, frame, ruleSet);
  const tallies = new FollowUpTallies(rows === null ? null : rowOrderOf(queryIndexOf(model)));
  const answered = rows === null ? null : addRows(model, rows, scope, view, tallies);
  forEachFollowUpCase(
    model,
    scope,
    view,
    window,
    (record, symbol) => {
      const child = followUpTimelineFor(model, record, symbol, view, cuts);
      if (!mayCountForFollowUpIn(child, window)) return;
      const own = inScope(scope, child.municipality);
      const bySupervisor = supervisionVisitRequirements(child, fromDay, endDay, ruleSet);
      const counted = supervisionRequirementFor(child, bySupervisor, inScopeHere, endDay, ruleSet);
      if (counted !== null) tallies.supervision.addChild(child.caseId, record.ordinal, counted);
      if (!own) return; // a supervised child of another municipality: its supervision only
      const away = supervisionRequirementFor(child, bySupervisor, outOfScope, endDay, ruleSet);
      if (away !== null) tallies.elsewhere.add(child.caseId, record.ordinal, away.met);
      tallies.addOwn(child.caseId, record.ordinal, askOwnRules(child, fromDay, endDay, ruleSet));
    },
    answered,
  );
  return tallies.section(ruleSet, endDay);
}

const INDICATORS = ['plans', 'evaluatedPlans', 'carePlans', 'followUpVisits', 'supervision', 'aftercare'] as const;

/** Shares of the section for suppression: each over its numerator and denominator. */
export const FOLLOW_UP_SHARES: ShareBasis = Object.fromEntries(
  INDICATORS.map((name) => [`followUp.${name}.metShare`, [`followUp.${name}.numerator`, `followUp.${name}.denominator`] as const]),
);

/** Figures of the section that add up, for complementary suppression. */
export const FOLLOW_UP_SUMS: readonly AdditiveRelation[] = INDICATORS.map((name) => ({
  total: `followUp.${name}.denominator`,
  parts: [`followUp.${name}.numerator`, `followUp.${name}.missing`],
}));

/** Case ids never leave the service: answers with suppressed small counts carry no `notMet` lists. */
export function withoutCaseIds(section: FollowUpSection): FollowUpSection {
  const strip = <T extends { notMet: string[] | null }>(x: T): T => ({ ...x, notMet: null });
  return {
    ...section,
    plans: strip(section.plans),
    evaluatedPlans: strip(section.evaluatedPlans),
    carePlans: strip(section.carePlans),
    followUpVisits: strip(section.followUpVisits),
    supervision: { ...strip(section.supervision), elsewhere: strip(section.supervision.elsewhere) },
    aftercare: strip(section.aftercare),
  };
}
