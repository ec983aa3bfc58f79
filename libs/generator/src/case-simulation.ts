/**
 * Simulates one child's case from its first notification: reviews, investigations, measures,
 * placements, late registrations and the odd correction. Decisions are taken in valid-time order
 * so the stream keeps the case rules (CONTRACT.md §1) by construction.
 */
import {
  addDays,
  DEFAULT_DEADLINE_RULES,
  investigationDeadlines,
  ruleSetFor,
  type InvestigationOutcome,
  type LocalDate,
  type MeasureEndReason,
  type PlacementBasis,
  type PlacementEndReason,
  type ReporterCode,
} from '@fristvakt/domain';
import * as cal from './calibration';
import { CaseBuilder, type Draft, type GeneratedEvent } from './case-builder';
import { addRetraction } from './case-retraction';
import { FollowUpSimulation, type FollowedPlacement, type FollowedSpell } from './follow-up-simulation';
import { MS_PER_DAY, osloDate, osloInstant, workingDayOnOrAfter, workingDayOnOrBefore } from './oslo-time';
import type { Prng } from './random';

const MS_PER_MINUTE = 60_000;

export interface CaseStart {
  caseId: string;
  municipality: string;
  /** Oslo date of the first notification */
  arrivalDate: LocalDate;
  /** a child the service knew before go-live: no further notifications drawn, maybe measures already running */
  knownBeforeGoLive: boolean;
  nowMs: number;
  /** the other municipalities of the history (a foster home's supervision may move to one of them) */
  otherMunicipalities?: readonly string[];
}

interface Notification {
  id: string;
  receivedMs: number;
  acute: boolean;
  received: Draft;
  conclusionMs: number;
}

interface Span {
  startMs: number;
  endMs: number;
}

interface Child {
  birthYear: number;
  /** 18th birthday, as an instant */
  adultMs: number;
  /** 23rd birthday: aftercare ends by then */
  aftercareEndMs: number;
}

/** `followUpRng` draws what happens after the investigation (plans, visits, aftercare); without it the case has none. */
export function simulateCase(start: CaseStart, rng: Prng, idRng: Prng, followUpRng?: Prng): GeneratedEvent[] {
  return new CaseSimulation(start, rng, new CaseBuilder(idRng), followUpRng).run();
}

class CaseSimulation {
  private readonly child: Child;
  private investigation: { id: string; openMs: number; closeMs: number } | null = null;
  private readonly activeSpans: Span[] = [];
  private readonly placementSpans: Span[] = [];
  private acutePlacement: { id: string; started: Draft; endMs: number; basis: PlacementBasis } | null = null;
  /** measures and placements with their final ends, for the follow-up drawn at the end */
  private readonly followedMeasures: FollowedSpell[] = [];
  private readonly followedPlacements: FollowedPlacement[] = [];

  constructor(
    private readonly start: CaseStart,
    private readonly rng: Prng,
    private readonly b: CaseBuilder,
    private readonly followUpRng?: Prng,
  ) {
    this.child = drawChild(rng, start.arrivalDate);
  }

  run(): GeneratedEvent[] {
    const notifications = this.receiveNotifications();
    if (this.start.knownBeforeGoLive && this.rng.chance(cal.PRE_GO_LIVE_MEASURE_SHARE)) {
      this.startPreGoLiveMeasure(notifications[0]);
    }
    for (const n of [...notifications].sort((x, y) => x.conclusionMs - y.conclusionMs)) this.conclude(n);
    this.endAcutePlacement();
    this.followUp();
    if (this.rng.chance(cal.RETRACTION_CASE_SHARE)) addRetraction(this.b, this.rng, this.start.nowMs);
    return this.b.finish(this.rng, this.start.nowMs);
  }

  // ---- notifications and their review -------------------------------------------------------

  private receiveNotifications(): Notification[] {
    const first = this.receive(this.arrivalInstant(this.start.arrivalDate));
    const out = [first];
    const followUps = this.start.knownBeforeGoLive ? 0 : this.rng.geometric(cal.FOLLOW_UP_NOTIFICATIONS_PER_CHILD);
    const firstDate = osloDate(first.receivedMs);
    const dates: LocalDate[] = [];
    for (let i = 0; i < followUps; i += 1) {
      dates.push(addDays(firstDate, 1 + Math.floor(this.rng.exponential(cal.FOLLOW_UP_MEAN_DELAY_DAYS))));
    }
    for (const date of dates.sort()) {
      const ms = this.arrivalInstant(date);
      if (ms > this.start.nowMs || ms >= this.child.adultMs) continue;
      out.push(this.receive(ms));
    }
    return out;
  }

  /** Reporter and time of day come together: police and the emergency service call at night. */
  private arrivalInstant(date: LocalDate): number {
    return osloInstant(date, this.rng.int(8 * 60, 15 * 60 + 30));
  }

  private receive(officeMs: number): Notification {
    const reporters = drawReporters(this.rng, osloDate(officeMs));
    const first = reporters[0];
    let receivedMs = officeMs;
    if (cal.OUT_OF_HOURS_REPORTERS.includes(first) && this.rng.chance(cal.OUT_OF_HOURS_SHARE_FOR_THOSE)) {
      receivedMs = nightInstant(this.rng, osloDate(officeMs));
    }
    receivedMs = Math.min(receivedMs, this.start.nowMs);
    const acute = this.rng.chance(cal.ACUTE_SHARE_BY_FIRST_REPORTER[first] ?? cal.ACUTE_SHARE_OTHER);
    const id = this.b.nextId('n');
    const received = this.b.add('NotificationReceived', receivedMs, {
      notificationId: id,
      municipality: this.start.municipality,
      reporters,
      ...(this.rng.chance(0.92) ? { childBirthYear: this.child.birthYear } : {}),
      ...(acute ? { acute: true } : {}),
    });
    const n: Notification = { id, receivedMs, acute, received, conclusionMs: this.reviewConclusion(receivedMs) };
    if (acute && this.rng.chance(cal.EMERGENCY_PLACEMENT_SHARE_OF_ACUTE) && !this.isPlaced(receivedMs)) {
      this.placeInEmergency(receivedMs);
    }
    return n;
  }

  /** "snarest og senest innen en uke": mostly within a few working days, sometimes late. */
  private reviewConclusion(receivedMs: number): number {
    const receivedDate = osloDate(receivedMs);
    const deadline = addDays(receivedDate, 7);
    let date: LocalDate;
    if (this.rng.chance(cal.REVIEW_LATE_SHARE)) {
      date = workingDayOnOrAfter(addDays(deadline, this.rng.int(cal.REVIEW_LATE_EXTRA_DAYS.min, cal.REVIEW_LATE_EXTRA_DAYS.max)));
    } else {
      date = workingDayOnOrAfter(addDays(receivedDate, Math.floor(this.rng.next() ** 1.7 * 8)));
      if (date > deadline) date = workingDayOnOrBefore(deadline, receivedDate);
    }
    return this.officeAfter(date, receivedMs);
  }

  private conclude(n: Notification): void {
    const c = n.conclusionMs;
    const inv = this.investigation;
    if (inv && inv.openMs <= c && c < inv.closeMs) {
      this.b.add('NotificationCleared', c, { notificationId: n.id, reason: 'joined_ongoing_investigation' }, { after: n.received });
      return;
    }
    const active = this.hasActiveHelp(c);
    const investigate = n.acute
      ? this.rng.chance(cal.INVESTIGATE_SHARE_ACUTE)
      : this.rng.chance(active ? cal.ACTIVE_MEASURES_INVESTIGATE_SHARE : cal.INVESTIGATE_SHARE);
    if (investigate) {
      this.investigate(n);
      return;
    }
    const reason = active && this.rng.chance(0.75) ? 'active_measures' : this.rng.weighted(cal.CLEARING_REASON_WEIGHTS);
    this.b.add('NotificationCleared', c, { notificationId: n.id, reason }, { after: n.received });
  }

  // ---- investigation ------------------------------------------------------------------------

  private investigate(n: Notification): void {
    const openMs = n.conclusionMs;
    const id = this.b.nextId('u');
    const opened = this.b.add('InvestigationOpened', openMs, { investigationId: id, notificationId: n.id }, { after: n.received });
    const receivedDate = osloDate(n.receivedMs);
    const openedDate = osloDate(openMs);
    const ruleSet = ruleSetFor(receivedDate, DEFAULT_DEADLINE_RULES);
    const { ordinary, extended } = investigationDeadlines({ receivedDate, openedDate }, ruleSet, 'legal');

    let closeDate: LocalDate;
    let extensionMs: number | null = null;
    if (this.rng.chance(cal.EXTENSION_SHARE)) {
      const lateDecision = this.rng.chance(cal.EXTENSION_LATE_DECISION_SHARE);
      const decided = lateDecision
        ? workingDayOnOrAfter(addDays(ordinary, this.rng.int(1, 21)))
        : workingDayOnOrBefore(addDays(ordinary, -this.rng.int(0, 20)), addDays(openedDate, 1));
      extensionMs = this.officeAfter(decided, openMs);
      closeDate = this.rng.chance(cal.EXTENDED_BREACH_SHARE)
        ? workingDayOnOrAfter(addDays(extended, this.rng.int(1, 40)))
        : workingDayOnOrBefore(addDays(decided, this.rng.int(1, daysFrom(decided, extended))), addDays(decided, 1));
    } else if (this.rng.chance(cal.INVESTIGATION_BREACH_SHARE)) {
      closeDate = workingDayOnOrAfter(
        addDays(ordinary, this.rng.int(cal.INVESTIGATION_BREACH_DAYS.min, cal.INVESTIGATION_BREACH_DAYS.max)),
      );
    } else {
      const available = daysFrom(openedDate, ordinary);
      const share = this.rng.chance(cal.INVESTIGATION_EARLY_SHARE) ? this.rng.uniform(0.15, 0.7) : this.rng.uniform(0.7, 1);
      closeDate = workingDayOnOrBefore(addDays(openedDate, Math.round(available * share)), openedDate);
    }
    let closeMs = this.officeAfter(closeDate, extensionMs ?? openMs);
    this.investigation = { id, openMs, closeMs };

    if (extensionMs !== null) {
      const extensionDraft = this.b.add(
        'InvestigationExtended',
        extensionMs,
        { investigationId: id, reason: this.rng.weighted(cal.EXTENSION_REASON_WEIGHTS) },
        { after: opened },
      );
      const verdict = this.rng.weighted(cal.EXTENSION_ASSESSMENT);
      if (verdict !== 'pending') {
        const assessedMs = this.officeAfter(workingDayOnOrAfter(addDays(osloDate(extensionMs), this.rng.int(5, 40))), extensionMs);
        this.b.add('ExtensionAssessed', assessedMs, { investigationId: id, approved: verdict === 'approved' }, { after: extensionDraft });
      }
      closeMs = Math.max(closeMs, extensionMs + 30 * MS_PER_MINUTE);
      this.investigation.closeMs = closeMs;
    }

    const outcome = this.drawOutcome(openMs);
    const closed = this.b.add('InvestigationClosed', closeMs, { investigationId: id, outcome }, { after: opened });
    this.followOutcome(outcome, closeMs, closed);
  }

  private drawOutcome(openMs: number): InvestigationOutcome {
    if (this.isAcutelyPlaced(openMs)) {
      return this.rng.weighted({ measures_decided: 0.45, petition_to_board: 0.35, cleared_service_assessment: 0.2 });
    }
    return this.rng.weighted(cal.INVESTIGATION_OUTCOME_WEIGHTS);
  }

  private followOutcome(outcome: InvestigationOutcome, closeMs: number, closed: Draft): void {
    const closeDate = osloDate(closeMs);
    if (outcome === 'measures_decided') {
      const count = Number(this.rng.weighted(cal.MEASURES_PER_DECISION_WEIGHTS));
      for (let i = 0; i < count; i += 1) {
        const startMs = this.officeAfter(workingDayOnOrAfter(addDays(closeDate, this.rng.int(0, 30))), closeMs);
        this.startMeasure(startMs, closed, { decidedMs: closeMs });
      }
      if (this.rng.chance(cal.VOLUNTARY_PLACEMENT_SHARE_OF_MEASURES)) {
        const startMs = this.officeAfter(workingDayOnOrAfter(addDays(closeDate, this.rng.int(3, 45))), closeMs);
        if (!this.isPlaced(startMs)) this.place(startMs, 'voluntary', closed);
      }
    } else if (outcome === 'petition_to_board') {
      const decided = workingDayOnOrAfter(addDays(closeDate, this.rng.int(cal.BOARD_DECISION_DAYS.min, cal.BOARD_DECISION_DAYS.max)));
      const startMs = this.officeAfter(decided, closeMs);
      const acute = this.acutePlacement;
      if (acute && acute.endMs > startMs) {
        // The care order replaces the emergency placement on the day it takes effect.
        this.endPlacementAt(acute.id, acute.started, startMs - 60 * MS_PER_MINUTE, true, 'moved_placement');
        this.acutePlacement = null;
      }
      if (!this.isPlaced(startMs)) this.place(startMs, 'care_order', closed);
    }
  }

  // ---- measures and placements --------------------------------------------------------------

  private startPreGoLiveMeasure(first: Notification): void {
    const startMs = osloInstant(addDays(osloDate(first.receivedMs), -this.rng.int(30, 400)), this.rng.int(9 * 60, 15 * 60));
    // Registered when the case enters the system, which is after its first notification.
    const recordAfterMs = first.receivedMs + this.rng.int(1, 10) * MS_PER_DAY;
    this.startMeasure(startMs, first.received, { recordAfterMs, minEndMs: first.receivedMs + 30 * MS_PER_DAY });
  }

  private startMeasure(startMs: number, after: Draft, opts: { recordAfterMs?: number; minEndMs?: number; decidedMs?: number } = {}): void {
    const id = this.b.nextId('m');
    const decidedOn = this.decidedOn(startMs, opts.decidedMs);
    const started = this.b.add(
      'MeasureStarted',
      startMs,
      {
        measureId: id,
        category: this.rng.weighted(cal.MEASURE_CATEGORY_WEIGHTS),
        basis: this.rng.chance(cal.MEASURE_ORDERED_SHARE) ? 'ordered' : 'voluntary',
        ...(decidedOn === null ? {} : { decidedOn }),
      },
      { after, recordAfterMs: opts.recordAfterMs },
    );
    let endMs = startMs + durationDays(this.rng, cal.MEASURE_DURATION) * MS_PER_DAY;
    endMs = Math.max(endMs, opts.minEndMs ?? endMs);
    let reason: MeasureEndReason = this.rng.weighted(cal.MEASURE_END_REASON_WEIGHTS);
    if (endMs > this.child.adultMs && startMs < this.child.adultMs && !this.rng.chance(cal.AFTERCARE_SHARE)) {
      endMs = this.child.adultMs;
      reason = 'turned_18';
    }
    endMs = Math.min(endMs, this.child.aftercareEndMs);
    endMs = this.officeAfter(osloDate(endMs), startMs);
    this.activeSpans.push({ startMs, endMs });
    this.b.add('MeasureEnded', endMs, { measureId: id, reason }, { after: started });
    const decidedMs = decidedOn === null ? null : opts.decidedMs!;
    this.followedMeasures.push({ id, started, startMs, endMs, decidedMs });
  }

  /** `decidedOn` when the decision (the investigation's close) fell on an earlier day than the start, for some. */
  private decidedOn(startMs: number, decidedMs: number | undefined): LocalDate | null {
    if (decidedMs === undefined || this.followUpRng === undefined) return null;
    const decided = osloDate(decidedMs);
    return decided < osloDate(startMs) && this.followUpRng.chance(cal.MEASURE_DECIDED_EARLIER_SHARE) ? decided : null;
  }

  private placeInEmergency(receivedMs: number): void {
    this.endAcutePlacement();
    const startMs = receivedMs + this.rng.int(30, 360) * MS_PER_MINUTE;
    const id = this.b.nextId('p');
    const basis: PlacementBasis = this.rng.chance(cal.ACUTE_PLACEMENT_VOLUNTARY_SHARE) ? 'voluntary' : 'emergency';
    const category = this.rng.weighted(cal.ACUTE_PLACEMENT_CATEGORIES);
    const started = this.b.add('PlacementStarted', startMs, {
      placementId: id,
      category,
      basis,
      // an acute placement decided with consent is voluntary and still an emergency placement
      ...(this.followUpRng === undefined ? {} : { emergency: true }),
    });
    const endMs = startMs + durationDays(this.rng, cal.ACUTE_PLACEMENT_DURATION) * MS_PER_DAY;
    this.acutePlacement = { id, started, endMs, basis };
    this.followedPlacements.push({ id, started, startMs, endMs, decidedMs: null, category, basis });
    this.activeSpans.push({ startMs, endMs });
    this.placementSpans.push({ startMs, endMs });
  }

  private endAcutePlacement(): void {
    const acute = this.acutePlacement;
    if (!acute) return;
    const endMs = this.officeAfter(osloDate(acute.endMs), acute.started.occurredMs);
    this.endPlacementAt(acute.id, acute.started, endMs, !this.rng.chance(cal.UNPLANNED_PLACEMENT_END_SHARE), 'returned_to_parents');
    this.acutePlacement = null;
  }

  private place(startMs: number, basis: 'voluntary' | 'care_order', after: Draft): void {
    const id = this.b.nextId('p');
    const categories = basis === 'care_order' ? cal.CARE_ORDER_PLACEMENT_CATEGORIES : cal.VOLUNTARY_PLACEMENT_CATEGORIES;
    let category: string = this.rng.weighted<string>(categories);
    if (category === '8.2' && startMs < this.child.adultMs - 3 * 365 * MS_PER_DAY) category = '2.2';
    const started = this.b.add('PlacementStarted', startMs, { placementId: id, category, basis }, { after });
    const duration = basis === 'care_order' ? cal.CARE_ORDER_DURATION : cal.VOLUNTARY_PLACEMENT_DURATION;
    let endMs = startMs + durationDays(this.rng, duration) * MS_PER_DAY;
    let reason: PlacementEndReason = this.rng.weighted<PlacementEndReason>(
      basis === 'care_order'
        ? { returned_to_parents: 0.45, moved_placement: 0.3, adoption: 0.05, other: 0.2 }
        : { returned_to_parents: 0.7, moved_placement: 0.15, other: 0.15 },
    );
    if (endMs > this.child.adultMs && startMs < this.child.adultMs && !this.rng.chance(cal.AFTERCARE_SHARE)) {
      endMs = this.child.adultMs;
      reason = 'turned_18';
    }
    endMs = this.officeAfter(osloDate(Math.min(endMs, this.child.aftercareEndMs)), startMs);
    this.activeSpans.push({ startMs, endMs });
    this.placementSpans.push({ startMs, endMs });
    this.followedPlacements.push({ id, started, startMs, endMs, decidedMs: null, category, basis });
    this.endPlacementAt(id, started, endMs, !this.rng.chance(cal.UNPLANNED_PLACEMENT_END_SHARE), reason);
  }

  private endPlacementAt(id: string, started: Draft, endMs: number, planned: boolean, reason: PlacementEndReason): void {
    const at = Math.max(endMs, started.occurredMs + 30 * MS_PER_MINUTE);
    this.b.add('PlacementEnded', at, { placementId: id, planned, reason }, { after: started });
    for (const spans of [this.activeSpans, this.placementSpans]) {
      for (const span of spans) if (span.startMs === started.occurredMs) span.endMs = at;
    }
    for (const placement of this.followedPlacements) if (placement.id === id) placement.endMs = at;
  }

  // ---- after the investigation --------------------------------------------------------------

  private followUp(): void {
    if (this.followUpRng === undefined) return;
    const others = (this.start.otherMunicipalities ?? []).filter((m) => m !== this.start.municipality);
    const f = new FollowUpSimulation(this.followUpRng, this.b, this.start.municipality, others);
    const child = { birthYear: this.child.birthYear, adultMs: this.child.adultMs, continuesPastAdult: false };
    for (const measure of this.followedMeasures) {
      f.helpPlan(measure, 'measureId');
      f.aftercare(
        { ...child, continuesPastAdult: measure.endMs > child.adultMs + MS_PER_DAY },
        measure.started,
        measure.startMs,
        measure.endMs,
      );
    }
    for (const placement of this.followedPlacements) {
      if (placement.basis === 'voluntary') f.helpPlan(placement, 'placementId');
      f.carePlan(placement);
      f.visits(placement, child);
      f.aftercare(
        { ...child, continuesPastAdult: placement.endMs > child.adultMs + MS_PER_DAY },
        placement.started,
        placement.startMs,
        placement.endMs,
      );
    }
  }

  private isPlaced(ms: number): boolean {
    return this.placementSpans.some((s) => s.startMs <= ms && ms < s.endMs);
  }

  private isAcutelyPlaced(ms: number): boolean {
    const acute = this.acutePlacement;
    return acute !== null && acute.started.occurredMs <= ms && ms < acute.endMs;
  }

  private hasActiveHelp(ms: number): boolean {
    return this.activeSpans.some((s) => s.startMs <= ms && ms < s.endMs);
  }

  /** Office hours on `date`, but strictly after `notBeforeMs` (then shortly after it). */
  private officeAfter(date: LocalDate, notBeforeMs: number): number {
    const ms = osloInstant(date, this.rng.int(8 * 60, 15 * 60 + 30));
    return ms > notBeforeMs ? ms : notBeforeMs + this.rng.int(10, 120) * MS_PER_MINUTE;
  }
}

function daysFrom(from: LocalDate, to: LocalDate): number {
  return Math.max(1, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY));
}

function durationDays(rng: Prng, d: { medianDays: number; sigma: number; minDays: number; maxDays: number }): number {
  return Math.round(Math.min(d.maxDays, Math.max(d.minDays, rng.logNormal(d.medianDays, d.sigma))));
}

/** An evening or night time around `date`: 17:00–23:59 on it or 00:00–06:59 the day after. */
function nightInstant(rng: Prng, date: LocalDate): number {
  const minute = rng.int(17 * 60, 31 * 60 - 1);
  return minute < 24 * 60 ? osloInstant(date, minute) : osloInstant(addDays(date, 1), minute - 24 * 60);
}

function drawChild(rng: Prng, arrivalDate: LocalDate): Child {
  const band = rng.weighted(cal.AGE_BAND_WEIGHTS);
  const [lo, hi] = band.split('-').map(Number);
  const age = rng.int(lo, hi);
  const birthYear = Number(arrivalDate.slice(0, 4)) - age;
  const birthday = `-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  return {
    birthYear,
    adultMs: osloInstant(`${birthYear + 18}${birthday}`, 0),
    aftercareEndMs: osloInstant(`${birthYear + 23}${birthday}`, 0),
  };
}

function drawReporters(rng: Prng, date: LocalDate): ReporterCode[] {
  const count = Number(rng.weighted(cal.REPORTER_COUNT_WEIGHTS));
  const codes: ReporterCode[] = [];
  for (let guard = 0; codes.length < count && guard < 20; guard += 1) {
    let code = rng.weighted(cal.REPORTER_WEIGHTS);
    if (code === '15' && date >= '2025-01-01') code = rng.chance(cal.DENTIST_SHARE_OF_CODE_15) ? '25' : '24';
    // Public employees cannot report anonymously, so "anonymous" never joins a named reporter.
    if (code === '23' && codes.length > 0) continue;
    if (codes.includes('23')) break;
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}
