/**
 * What happens after the investigation (DOMAIN.md §7), drawn from its own random stream so the
 * story of notifications, investigations, measures and placements stays what it was: tiltaksplaner
 * with quarterly evaluations (some late, a few never), omsorgsplaner after care orders, follow-up
 * and supervision visits in foster homes (a few missed or late, frequencies reduced after two
 * years, supervision moved to another municipality), and ettervern offers around the 18th birthday.
 * Every event lies inside the measure or placement it belongs to, so the stream keeps the case rules.
 */
import {
  addDays,
  followUpRuleSetFor,
  fromDayNumber,
  halfYearOf,
  obligationsEndDay,
  quartersTouching,
  toDayNumber,
  type LocalDate,
} from '@fristvakt/domain';
import * as cal from './calibration';
import type { CaseBuilder, Draft } from './case-builder';
import { isWorkingDay, MS_PER_DAY, osloDate, osloInstant, workingDayOnOrAfter, workingDayOnOrBefore } from './oslo-time';
import type { Prng } from './random';

const MS_PER_MINUTE = 60_000;
/** the 2021 act's follow-up rules (DOMAIN.md §7.2): only an omsorgsplan of kind 4 counts from then */
const FINAL_CARE_PLANS_FROM: LocalDate = '2023-01-01';

export interface FollowedSpell {
  id: string;
  started: Draft;
  startMs: number;
  /** the end as finally recorded (may lie after `now`: then it is never recorded) */
  endMs: number;
  /** the decision the spell follows from, if earlier than its start */
  decidedMs: number | null;
}

export interface FollowedPlacement extends FollowedSpell {
  category: string;
  basis: string;
}

export interface FollowedChild {
  birthYear: number;
  /** 18th birthday */
  adultMs: number;
  /** the measure or placement runs past the 18th birthday (ettervern) */
  continuesPastAdult: boolean;
}

/** Municipalities a foster home's supervision may be moved to when the history names only one. */
const NEIGHBOURS = ['3201', '3203', '3205', '3207', '3209'];

export class FollowUpSimulation {
  constructor(
    private readonly rng: Prng,
    private readonly b: CaseBuilder,
    private readonly municipality: string,
    /** the other municipalities of the generated history: supervision moves to one of them */
    private readonly others: readonly string[],
  ) {}

  /** A tiltaksplan for a help measure or a voluntary placement, evaluated about quarterly, ended with it. */
  helpPlan(spell: FollowedSpell, link: 'measureId' | 'placementId'): void {
    if (!this.rng.chance(cal.PLAN_SHARE)) return;
    const base = spell.decidedMs ?? spell.startMs;
    const late = this.rng.chance(cal.PLAN_LATE_SHARE) ? this.rng.int(cal.PLAN_LATE_DAYS.min, cal.PLAN_LATE_DAYS.max) : this.rng.int(0, 5);
    const createdMs = Math.max(this.officeOn(addDays(osloDate(base), late)), spell.startMs + 10 * MS_PER_MINUTE);
    if (createdMs >= spell.endMs) return;
    const planId = this.b.nextId('pl');
    const created = this.b.add('PlanCreated', createdMs, { planId, kind: '1', [link]: spell.id }, { after: spell.started });
    this.evaluate(planId, created, createdMs, spell.endMs);
    this.b.add('PlanEnded', spell.endMs + 5 * MS_PER_MINUTE, { planId }, { after: created });
  }

  /** An omsorgsplan after a care order: kind 4 from 2023, kind 3 (foreløpig) before. */
  carePlan(placement: FollowedPlacement): void {
    if (placement.basis !== 'care_order' || !this.rng.chance(cal.CARE_PLAN_SHARE)) return;
    const delay = this.rng.int(cal.CARE_PLAN_DELAY_DAYS.min, cal.CARE_PLAN_DELAY_DAYS.max);
    const createdMs = Math.max(this.officeOn(addDays(osloDate(placement.startMs), delay)), placement.startMs + 10 * MS_PER_MINUTE);
    if (createdMs >= placement.endMs) return;
    const kind = osloDate(createdMs) >= FINAL_CARE_PLANS_FROM ? '4' : '3';
    let planId = this.b.nextId('pl');
    let created = this.b.add('PlanCreated', createdMs, { planId, kind, placementId: placement.id }, { after: placement.started });
    if (kind === '3') {
      // from 2023 only an omsorgsplan (kind 4) counts: the foreløpig one is replaced early in the year
      const days = this.rng.int(cal.CARE_PLAN_REPLACED_DAYS.min, cal.CARE_PLAN_REPLACED_DAYS.max);
      const replacedMs = this.officeOn(addDays(FINAL_CARE_PLANS_FROM, days));
      if (replacedMs < placement.endMs && this.rng.chance(cal.CARE_PLAN_SHARE)) {
        this.b.add('PlanEnded', replacedMs, { planId }, { after: created });
        planId = this.b.nextId('pl');
        created = this.b.add(
          'PlanCreated',
          replacedMs + MS_PER_MINUTE,
          { planId, kind: '4', placementId: placement.id },
          { after: placement.started },
        );
      }
    }
    this.b.add('PlanEnded', placement.endMs + 5 * MS_PER_MINUTE, { planId }, { after: created });
  }

  /** Follow-up and supervision visits for a foster-home placement (2.x) while the obligations last (to 31.12 of the year of 18). */
  visits(placement: FollowedPlacement, child: FollowedChild): void {
    if (!placement.category.startsWith('2.')) return;
    const lastMs = Math.min(placement.endMs, this.obligationsEndMs(child, placement.startMs));
    if (lastMs <= placement.startMs + MS_PER_DAY) return;
    let supervisor = this.municipality;
    if (this.rng.chance(cal.SUPERVISION_MOVED_SHARE)) {
      const candidates = (this.others.length > 0 ? this.others : NEIGHBOURS).filter((m) => m !== this.municipality);
      // agreed with the placement, or later from the first day of a quarter (each municipality then owes whole quarters)
      const laterQuarter = quartersTouching(toDayNumber(osloDate(placement.startMs)), toDayNumber(osloDate(lastMs)))[this.rng.int(1, 4)];
      const moveMs =
        this.rng.chance(cal.SUPERVISION_MOVED_AT_START_SHARE) || laterQuarter === undefined
          ? placement.startMs
          : osloInstant(fromDayNumber(laterQuarter.startDay), 9 * 60);
      if (candidates.length > 0 && moveMs < lastMs) {
        supervisor = candidates[this.rng.int(0, candidates.length - 1)];
        this.b.add(
          'SupervisionResponsibilitySet',
          Math.max(moveMs, placement.startMs + MS_PER_MINUTE),
          { placementId: placement.id, municipality: supervisor },
          { after: placement.started },
        );
      }
    }
    for (const kind of ['follow_up', 'supervision'] as const) {
      const reducedFromMs = this.frequencies(placement, kind, lastMs);
      this.visitSeries(placement, kind, lastMs, reducedFromMs);
    }
  }

  /** An ettervern offer a few weeks before the 18th birthday: accepted when help goes on, else sometimes declined. */
  aftercare(child: FollowedChild, anchor: Draft, spellStartMs: number, spellEndMs: number): void {
    const offerMs = this.officeOn(addDays(osloDate(child.adultMs), -this.rng.int(10, 60)));
    if (offerMs <= spellStartMs || offerMs >= spellEndMs) return;
    const offered = child.continuesPastAdult
      ? this.rng.chance(cal.AFTERCARE_OFFER_SHARE)
      : this.rng.chance(cal.AFTERCARE_DECLINED_OFFER_SHARE);
    if (!offered) return;
    const offerId = this.b.nextId('e');
    const offer = this.b.add('AftercareOffered', offerMs, { offerId }, { after: anchor });
    const outcome = child.continuesPastAdult
      ? 'accepted'
      : this.rng.chance(0.7)
        ? 'declined_no_more_measures'
        : 'declined_wants_other_measure';
    this.b.add('AftercareConcluded', offerMs + this.rng.int(1, 20) * MS_PER_DAY, { offerId, outcome }, { after: offer });
  }

  /** Records the frequency at the start (sometimes) and a reduction to two after two years (sometimes early); returns when 2 applies. */
  private frequencies(placement: FollowedPlacement, kind: 'follow_up' | 'supervision', lastMs: number): number {
    const consent = kind === 'supervision' ? { childConsent: true } : {};
    if (this.rng.chance(cal.FREQUENCY_RECORDED_SHARE)) {
      this.b.add(
        'VisitFrequencySet',
        placement.startMs + this.rng.int(5, 120) * MS_PER_MINUTE,
        { placementId: placement.id, kind, perYear: 4 },
        { after: placement.started },
      );
    }
    const twoYearsMs = placement.startMs + 730 * MS_PER_DAY;
    if (!this.rng.chance(cal.FREQUENCY_REDUCED_SHARE)) return Infinity;
    const early = this.rng.chance(cal.FREQUENCY_REDUCED_EARLY_SHARE);
    const fromMs = this.officeOn(
      addDays(osloDate(early ? placement.startMs + this.rng.int(200, 600) * MS_PER_DAY : twoYearsMs), this.rng.int(0, 90)),
    );
    if (fromMs >= lastMs) return Infinity;
    this.b.add('VisitFrequencySet', fromMs, { placementId: placement.id, kind, perYear: 2, ...consent }, { after: placement.started });
    return fromMs;
  }

  /**
   * Per half-year, as many visits as the requirement asks (DOMAIN.md §7.3: the frequency on each
   * quarter's first day, 4 or 2 once reduced, summed over the quarters touched, a quarter of it
   * rounded up), one per quarter from the first; a few missed, some slipping weeks late, a few not
   * in person.
   */
  private visitSeries(placement: FollowedPlacement, kind: 'follow_up' | 'supervision', lastMs: number, reducedFromMs: number): void {
    const firstDay = toDayNumber(osloDate(placement.startMs + MS_PER_DAY));
    const lastDay = toDayNumber(osloDate(lastMs - MS_PER_DAY));
    const quarters = quartersTouching(firstDay, lastDay);
    for (let i = 0; i < quarters.length;) {
      const half = halfYearOf(quarters[i].startDay);
      const inHalf = quarters.slice(i).filter((q) => q.startDay <= half.endDay);
      i += inHalf.length;
      const perYear = inHalf.map((q) => (osloInstant(fromDayNumber(q.startDay), 0) >= reducedFromMs ? 2 : 4));
      const required = Math.ceil(perYear.reduce((a, b) => a + b, 0) / 4);
      for (const q of inHalf.slice(0, required)) {
        if (this.rng.chance(cal.VISIT_MISSED_SHARE)) continue;
        const day = this.workingDayWithin(Math.max(q.startDay, firstDay), Math.min(q.endDay, lastDay));
        if (day === null) continue;
        const late = this.rng.chance(cal.VISIT_LATE_SHARE) ? this.rng.int(cal.VISIT_LATE_DAYS.min, cal.VISIT_LATE_DAYS.max) : 0;
        const atMs = this.officeOn(addDays(day, late));
        if (atMs <= placement.startMs || atMs >= lastMs) continue;
        const inPerson = !this.rng.chance(cal.VISIT_NOT_IN_PERSON_SHARE);
        this.b.add(
          'VisitHeld',
          atMs,
          { visitId: this.b.nextId('v'), placementId: placement.id, kind, inPerson },
          { after: placement.started },
        );
      }
    }
  }

  /** A random working day in [fromDay, toDay], or null when there is none (Christmas week). */
  private workingDayWithin(fromDay: number, toDay: number): LocalDate | null {
    const from = fromDayNumber(fromDay);
    const to = fromDayNumber(toDay);
    const pick = fromDayNumber(this.rng.int(fromDay, toDay));
    const after = workingDayOnOrAfter(pick);
    const day = after <= to ? after : workingDayOnOrBefore(pick, from);
    return isWorkingDay(day) ? day : null;
  }

  /** The end of the obligations towards the child by the rule set in force at the placement's start (the domain's rule). */
  private obligationsEndMs(child: FollowedChild, startMs: number): number {
    const endDay = obligationsEndDay(child.birthYear, followUpRuleSetFor(osloDate(startMs)));
    return endDay === null ? Infinity : osloInstant(fromDayNumber(endDay + 1), 0);
  }

  private officeOn(date: LocalDate): number {
    return osloInstant(workingDayOnOrAfter(date), this.rng.int(8 * 60, 15 * 60 + 30));
  }

  /** Evaluations about every quarter until the plan's spell ends; some late, a few plans never evaluated. */
  private evaluate(planId: string, created: Draft, createdMs: number, endMs: number): void {
    if (this.rng.chance(cal.PLAN_NEVER_EVALUATED_SHARE)) return;
    let atMs = createdMs;
    for (;;) {
      let days = this.rng.int(cal.EVALUATION_INTERVAL_DAYS.min, cal.EVALUATION_INTERVAL_DAYS.max);
      if (this.rng.chance(cal.EVALUATION_LATE_SHARE)) days += this.rng.int(cal.EVALUATION_LATE_DAYS.min, cal.EVALUATION_LATE_DAYS.max);
      atMs = this.officeOn(addDays(osloDate(atMs), days));
      if (atMs >= endMs) return;
      this.b.add('PlanEvaluated', atMs, { planId }, { after: created });
    }
  }
}
