import * as domain from '@fristvakt/domain';
import type {
  AftercareMembership,
  FollowUpRuleSet,
  FollowUpTimeline,
  HelpMeasurePlanMembership,
  VisitRequirement,
} from '@fristvakt/domain';
import * as figureRows from '../../indexed/follow-up-figure-rows';
import type { RowColumns } from '../../indexed/follow-up-figure-rows';
import { fromEpochDay } from '../../model/epoch-day';
import { share } from '../stats';
import type { FollowUpIndicator, FollowUpSection, VisitIndicator } from './follow-up-figures';

// Module-local copies: the per-child loop should not go through the package's export bindings (as in model/view.ts).
const { aftercareMembership, carePlanMembership, countsForVisitIndicator, followUpVisitRequirement, helpMeasurePlanMembership } = domain;
const { Plans, PlansMet, Evaluated, EvaluatedMet, CarePlans, CarePlansMet, Visits, VisitsMet, Supervision, SupervisionMet } =
  figureRows.RowFlag;
const { Aftercare, AftercareMet, OnCountDate, Offered } = figureRows.RowFlag;

/*
 * The counting half of the follow-up section: the rules' answers about a child's own figures
 * (everything but supervision, which depends on the municipalities a query covers), and the
 * tallies they are added to, whether asked per query or read from the precomputed rows
 * (figure-rows.ts). Both add through the same tallies, so the two cannot count differently.
 */

/** What the rules answer about a child's own figures for [fromDay, endDay]. */
export interface OwnAnswers {
  help: HelpMeasurePlanMembership;
  care: { underCare: boolean; withPlan: boolean };
  visits: VisitRequirement;
  /** the child is in the follow-up visit indicator's denominator */
  visitsCount: boolean;
  after: AftercareMembership;
}

export function askOwnRules(child: FollowUpTimeline, fromDay: number, endDay: number, ruleSet: FollowUpRuleSet): OwnAnswers {
  const visits = followUpVisitRequirement(child, fromDay, endDay, ruleSet);
  return {
    help: helpMeasurePlanMembership(child, endDay, ruleSet),
    care: carePlanMembership(child, endDay, ruleSet),
    visits,
    visitsCount: countsForVisitIndicator(child, visits, endDay, ruleSet),
    after: aftercareMembership(child, endDay, ruleSet),
  };
}

/**
 * Sorting misses by case rank (indexed/case-order.ts): tens of thousands of children can miss an
 * indicator across all municipalities, and sorting their ids as strings on every query took a
 * fifth of it. Null for the legacy engine, which sorts the ids.
 */
export interface RowOrder {
  /** rank by case ordinal */
  readonly rank: Int32Array;
  /** case id by rank */
  readonly caseIds: readonly string[];
}

class Tally {
  denominator = 0;
  numerator = 0;
  private readonly notMet: string[] = [];
  private readonly missedRanks: number[] = [];

  constructor(private readonly order: RowOrder | null) {}

  add(caseId: string, ordinal: number, met: boolean): void {
    this.denominator++;
    if (met) this.numerator++;
    else if (this.order === null) this.notMet.push(caseId);
    else this.missedRanks.push(this.order.rank[ordinal]);
  }

  /** `add` for a precomputed row (with an order) */
  addRow(met: boolean, ordinal: number): void {
    this.denominator++;
    if (met) this.numerator++;
    else this.missedRanks.push(this.order!.rank[ordinal]);
  }

  indicator(): FollowUpIndicator {
    return {
      denominator: this.denominator,
      numerator: this.numerator,
      missing: this.denominator - this.numerator,
      metShare: share(this.numerator, this.denominator),
      notMet: this.order === null ? this.notMet.sort() : this.missedIds(this.order),
    };
  }

  private missedIds(order: RowOrder): string[] {
    const ranks = Int32Array.from(this.missedRanks).sort();
    const ids = new Array<string>(ranks.length);
    for (let i = 0; i < ranks.length; i++) ids[i] = order.caseIds[ranks[i]];
    return ids;
  }
}

class VisitTally extends Tally {
  required = 0;
  held = 0;

  addChild(caseId: string, ordinal: number, r: VisitRequirement): void {
    this.add(caseId, ordinal, r.met);
    this.required += r.required;
    this.held += r.held;
  }

  addVisitRow(met: boolean, required: number, held: number, ordinal: number): void {
    this.addRow(met, ordinal);
    this.required += required;
    this.held += held;
  }

  visitIndicator(): VisitIndicator {
    return { ...this.indicator(), required: this.required, held: this.held };
  }
}

export class FollowUpTallies {
  readonly plans: Tally;
  readonly evaluated: Tally;
  readonly carePlans: Tally;
  readonly followUpVisits: VisitTally;
  readonly supervision: VisitTally;
  readonly elsewhere: Tally;
  readonly aftercare: Tally;
  onCountDate = 0;
  offered = 0;

  /** `order`: required to add precomputed rows */
  constructor(order: RowOrder | null) {
    this.plans = new Tally(order);
    this.evaluated = new Tally(order);
    this.carePlans = new Tally(order);
    this.followUpVisits = new VisitTally(order);
    this.supervision = new VisitTally(order);
    this.elsewhere = new Tally(order);
    this.aftercare = new Tally(order);
  }

  addOwn(caseId: string, ordinal: number, a: OwnAnswers): void {
    if (a.help.inHelpMeasures) this.plans.add(caseId, ordinal, a.help.withPlan);
    if (a.help.evaluationDue) this.evaluated.add(caseId, ordinal, a.help.evaluated);
    if (a.care.underCare) this.carePlans.add(caseId, ordinal, a.care.withPlan);
    if (a.visitsCount) this.followUpVisits.addChild(caseId, ordinal, a.visits);
    if (a.after.onCountDate) this.onCountDate++;
    if (a.after.duringYear) this.aftercare.add(caseId, ordinal, a.after.accepted);
    if (a.after.offered) this.offered++;
  }

  /** A precomputed row of a child of the scope: its own figures, and its supervision unless another municipality supervises it. */
  addOwnRow(rows: RowColumns, row: number, ordinal: number): void {
    const f = rows.flags[row];
    if (f & Plans) this.plans.addRow((f & PlansMet) !== 0, ordinal);
    if (f & Evaluated) this.evaluated.addRow((f & EvaluatedMet) !== 0, ordinal);
    if (f & CarePlans) this.carePlans.addRow((f & CarePlansMet) !== 0, ordinal);
    if (f & Visits) this.followUpVisits.addVisitRow((f & VisitsMet) !== 0, rows.visitsRequired[row], rows.visitsHeld[row], ordinal);
    if (f & OnCountDate) this.onCountDate++;
    if (f & Aftercare) this.aftercare.addRow((f & AftercareMet) !== 0, ordinal);
    if (f & Offered) this.offered++;
    if (f & Supervision && rows.supervisor[row] < 0) this.addSupervisionRow(rows, row, ordinal);
  }

  addSupervisionRow(rows: RowColumns, row: number, ordinal: number): void {
    const met = (rows.flags[row] & SupervisionMet) !== 0;
    this.supervision.addVisitRow(met, rows.supervisionRequired[row], rows.supervisionHeld[row], ordinal);
  }

  section(ruleSet: FollowUpRuleSet, endDay: number): FollowUpSection {
    const away = this.elsewhere.indicator();
    return {
      ruleSet: ruleSet.id,
      countDate: fromEpochDay(endDay),
      plans: this.plans.indicator(),
      evaluatedPlans: this.evaluated.indicator(),
      carePlans: this.carePlans.indicator(),
      followUpVisits: this.followUpVisits.visitIndicator(),
      supervision: {
        ...this.supervision.visitIndicator(),
        elsewhere: { children: away.denominator, met: away.numerator, notMet: away.notMet },
      },
      aftercare: { ...this.aftercare.indicator(), onCountDate: this.onCountDate, offered: this.offered },
      units: { indicators: 'children', required: 'visits', held: 'visits' },
    };
  }
}
