/**
 * What happens after the investigation (DOMAIN.md §7), drawn from its own random stream so the
 * story of notifications, investigations, measures and placements stays what it was: tiltaksplaner
 * with quarterly evaluations (some late, a few never), omsorgsplaner after care orders, follow-up
 * and supervision visits in foster homes (a few missed or late, frequencies reduced after two
 * years, supervision moved to another municipality), and ettervern offers around the 18th birthday.
 * Every event lies inside the measure or placement it belongs to, so the stream keeps the case rules.
 */
import { addDays, type LocalDate } from '@fristvakt/domain';
import * as cal from './calibration';
import type { CaseBuilder, Draft } from './case-builder';
import { MS_PER_DAY, osloDate, osloInstant, workingDayOnOrAfter } from './oslo-time';
import type { Prng } from './random';

const MS_PER_MINUTE = 60_000;

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
    const kind = osloDate(createdMs) >= '2023-01-01' ? '4' : '3';
    const planId = this.b.nextId('pl');
    const created = this.b.add('PlanCreated', createdMs, { planId, kind, placementId: placement.id }, { after: placement.started });
    this.b.add('PlanEnded', placement.endMs + 5 * MS_PER_MINUTE, { planId }, { after: created });
  }

  /** Follow-up and supervision visits for a foster-home placement (2.x) while the child is under 18. */
  visits(placement: FollowedPlacement, child: FollowedChild): void {
    if (!placement.category.startsWith('2.')) return;
    const lastMs = Math.min(placement.endMs, child.adultMs);
    if (lastMs <= placement.startMs + MS_PER_DAY) return;
    let supervisor = this.municipality;
    if (this.rng.chance(cal.SUPERVISION_MOVED_SHARE)) {
      const candidates = (this.others.length > 0 ? this.others : NEIGHBOURS).filter((m) => m !== this.municipality);
      const moveMs = this.officeOn(addDays(osloDate(placement.startMs), this.rng.int(0, 60)));
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

  /** One visit per quarter (per half-year once reduced), a few missed, some slipping weeks late. */
  private visitSeries(placement: FollowedPlacement, kind: 'follow_up' | 'supervision', lastMs: number, reducedFromMs: number): void {
    let dueMs = placement.startMs + this.rng.int(7, 45) * MS_PER_DAY;
    while (dueMs < lastMs) {
      const reduced = dueMs >= reducedFromMs;
      if (!this.rng.chance(cal.VISIT_MISSED_SHARE)) {
        const late = this.rng.chance(cal.VISIT_LATE_SHARE) ? this.rng.int(cal.VISIT_LATE_DAYS.min, cal.VISIT_LATE_DAYS.max) : 0;
        const atMs = this.officeOn(addDays(osloDate(dueMs), late));
        if (atMs > placement.startMs && atMs < lastMs) {
          const inPerson = !this.rng.chance(cal.VISIT_NOT_IN_PERSON_SHARE);
          this.b.add(
            'VisitHeld',
            atMs,
            { visitId: this.b.nextId('v'), placementId: placement.id, kind, inPerson },
            { after: placement.started },
          );
        }
      }
      dueMs += (reduced ? this.rng.int(150, 180) : this.rng.int(75, 90)) * MS_PER_DAY;
    }
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
