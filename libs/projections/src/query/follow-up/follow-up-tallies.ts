import * as domain from '@fristvakt/domain';
import type {
  AftercareMembership,
  FollowUpRuleSet,
  FollowUpTimeline,
  HelpMeasurePlanMembership,
  VisitRequirement,
} from '@fristvakt/domain';
import { RowFlag, type FigurePeriod } from '../../indexed/follow-up-figure-rows';
import { fromEpochDay } from '../../model/epoch-day';
import type { CaseRecord } from '../../model/model';
import { share } from '../stats';
import type { FollowUpIndicator, FollowUpSection, VisitIndicator } from './follow-up-figures';

// Module-local copies: the per-child loop should not go through the package's export bindings (as in model/view.ts).
const { aftercareMembership, carePlanMembership, countsForVisitIndicator, followUpVisitRequirement, helpMeasurePlanMembership } = domain;

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

class Tally {
  denominator = 0;
  numerator = 0;
  readonly notMet: string[] = [];

  add(caseId: string, met: boolean): void {
    this.denominator++;
    if (met) this.numerator++;
    else this.notMet.push(caseId);
  }

  /** `add` for a precomputed row: the case id is read only for a child that missed */
  addRow(met: boolean, records: readonly CaseRecord[], slot: number): void {
    this.denominator++;
    if (met) this.numerator++;
    else this.notMet.push(records[slot].caseId);
  }

  indicator(): FollowUpIndicator {
    return {
      denominator: this.denominator,
      numerator: this.numerator,
      missing: this.denominator - this.numerator,
      metShare: share(this.numerator, this.denominator),
      notMet: this.notMet.sort(),
    };
  }
}

class VisitTally extends Tally {
  required = 0;
  held = 0;

  addChild(caseId: string, r: VisitRequirement): void {
    this.add(caseId, r.met);
    this.required += r.required;
    this.held += r.held;
  }

  addVisitRow(met: boolean, required: number, held: number, records: readonly CaseRecord[], slot: number): void {
    this.addRow(met, records, slot);
    this.required += required;
    this.held += held;
  }

  visitIndicator(): VisitIndicator {
    return { ...this.indicator(), required: this.required, held: this.held };
  }
}

export class FollowUpTallies {
  readonly plans = new Tally();
  readonly evaluated = new Tally();
  readonly carePlans = new Tally();
  readonly followUpVisits = new VisitTally();
  readonly supervision = new VisitTally();
  readonly elsewhere = new Tally();
  readonly aftercare = new Tally();
  onCountDate = 0;
  offered = 0;

  addOwn(caseId: string, a: OwnAnswers): void {
    if (a.help.inHelpMeasures) this.plans.add(caseId, a.help.withPlan);
    if (a.help.evaluationDue) this.evaluated.add(caseId, a.help.evaluated);
    if (a.care.underCare) this.carePlans.add(caseId, a.care.withPlan);
    if (a.visitsCount) this.followUpVisits.addChild(caseId, a.visits);
    if (a.after.onCountDate) this.onCountDate++;
    if (a.after.duringYear) this.aftercare.add(caseId, a.after.accepted);
    if (a.after.offered) this.offered++;
  }

  /** A precomputed row of a child of the scope: its own figures, and its supervision unless another municipality supervises it. */
  addOwnRow(rows: FigurePeriod, slot: number, records: readonly CaseRecord[]): void {
    const f = rows.flags[slot];
    if (f & RowFlag.Plans) this.plans.addRow((f & RowFlag.PlansMet) !== 0, records, slot);
    if (f & RowFlag.Evaluated) this.evaluated.addRow((f & RowFlag.EvaluatedMet) !== 0, records, slot);
    if (f & RowFlag.CarePlans) this.carePlans.addRow((f & RowFlag.CarePlansMet) !== 0, records, slot);
    if (f & RowFlag.Visits)
      this.followUpVisits.addVisitRow((f & RowFlag.VisitsMet) !== 0, rows.visitsRequired[slot], rows.visitsHeld[slot], records, slot);
    if (f & RowFlag.OnCountDate) this.onCountDate++;
    if (f & RowFlag.Aftercare) this.aftercare.addRow((f & RowFlag.AftercareMet) !== 0, records, slot);
    if (f & RowFlag.Offered) this.offered++;
    if (f & RowFlag.Supervision && rows.supervisor[slot] < 0) this.addSupervisionRow(rows, slot, records);
  }

  addSupervisionRow(rows: FigurePeriod, slot: number, records: readonly CaseRecord[]): void {
    const met = (rows.flags[slot] & RowFlag.SupervisionMet) !== 0;
    this.supervision.addVisitRow(met, rows.supervisionRequired[slot], rows.supervisionHeld[slot], records, slot);
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
