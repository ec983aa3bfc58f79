import { isPlacementCategory, type CaseEvent, type ReporterCode, type VisitFrequency, type VisitKind } from '@fristvakt/domain';
import type {
  RegisterAftercare,
  RegisterCase,
  RegisterDated,
  RegisterInvestigation,
  RegisterMeasure,
  RegisterMove,
  RegisterNotification,
  RegisterPlan,
  SourceRef,
} from './register-case';
import {
  AFTERCARE_OUTCOME_BY_CODE,
  EXTENSION_APPROVED_BY_CODE,
  INVESTIGATION_OUTCOME_BY_CODE,
  MEASURE_END_BY_REPEAL,
  NOTIFICATION_CLEARING_BY_CODE,
  NOTIFICATION_TO_INVESTIGATION,
  UNPLANNED_MOVE_REASONS,
  measureBasisOf,
  placementBasisOf,
  placementEndReason,
} from './register-codes';
import type { RegisterPseudonyms } from './pseudonyms';

/** A case event and the element it was read from. */
export interface MappedEvent {
  event: CaseEvent;
  at: SourceRef;
}

/** Something the register says that has no faithful event: the case is refused with it. */
export interface MappingProblem {
  at: SourceRef;
  rule: string;
  detail: string;
}

export interface MappedCase {
  caseId: string;
  at: SourceRef;
  /** in the order to record: by date, then so that each event follows what it refers to */
  events: MappedEvent[];
  problems: MappingProblem[];
}

/**
 * Maps one register `Sak` to case events (docs/register-import.md has the table). Pure: ids are
 * keyed hashes (`RegisterPseudonyms`), so the same element gives the same event in every extract.
 * Whether the events keep the case rules is not judged here but by `decide`, as for the API.
 */
export function mapRegisterCase(c: RegisterCase, ids: RegisterPseudonyms): MappedCase {
  return new CaseMapping(c, ids).run();
}

interface Pending extends MappedEvent {
  date: string;
  rank: number;
  seq: number;
}

/** Same-day order: an event never comes before the one it refers to, a close before the next opening. */
const RANK: Record<CaseEvent['type'], number> = {
  NotificationReceived: 0,
  NotificationCleared: 1,
  InvestigationExtended: 2,
  ExtensionAssessed: 3,
  InvestigationClosed: 4,
  InvestigationOpened: 5,
  MeasureStarted: 6,
  PlacementStarted: 6,
  VisitFrequencySet: 6.6,
  SupervisionResponsibilitySet: 6.6,
  PlanCreated: 7,
  VisitHeld: 7.2,
  AftercareOffered: 7.2,
  PlanEvaluated: 7.5,
  PlanEnded: 8,
  AftercareConcluded: 8,
  MeasureEnded: 9,
  PlacementEnded: 9,
  EventRetracted: 10,
};
/** Where an event goes that day when what it refers to happened the same day (after the openings). */
const AFTER_SAME_DAY = 5.5;
/** A notification joined to the ongoing investigation: after an investigation opened that day. */
const JOINS_OPENED_SAME_DAY = 5.2;

class CaseMapping {
  private readonly events: Pending[] = [];
  private readonly problems: MappingProblem[] = [];
  /** sort date of each Melding's receipt, by register id */
  private readonly received = new Map<string, string>();
  /** each Tiltak's start: its sort date and the id a plan names it by */
  private readonly started = new Map<string, { sortDate: string; data: { measureId: string } | { placementId: string } }>();
  private readonly key: string;

  constructor(
    private readonly c: RegisterCase,
    private readonly ids: RegisterPseudonyms,
  ) {
    this.key = c.caseKey;
  }

  run(): MappedCase {
    const notificationOf = this.linkInvestigations();
    for (const n of this.c.notifications) this.notification(n, notificationOf);
    for (const u of this.c.investigations) this.investigation(u, notificationOf.get(u.id));
    const moves = this.linkMoves();
    for (const m of this.c.measures) this.measure(m, moves.get(m.id));
    const planned = this.linkPlans();
    for (const plan of this.c.plans) this.plan(plan, planned.get(plan.id));
    for (const offer of this.c.aftercare) this.aftercare(offer);
    this.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank || a.seq - b.seq));
    // A case starts with a notification in its stream; a measure dated before it (history from before
    // the first notification the extract holds) is recorded after it, as a late registration would be.
    const first = this.events.findIndex((e) => e.event.type === 'NotificationReceived');
    if (first > 0) this.events.unshift(...this.events.splice(first, 1));
    return {
      caseId: this.ids.caseId(this.key),
      at: this.c.at,
      events: this.events.map(({ event, at }) => ({ event, at })),
      problems: this.problems,
    };
  }

  /**
   * Queues an event; `after` is the sort date of the event it refers to. It sorts on the later of its
   * own date and that one, so a close dated before its opening still follows the opening and `decide`
   * names the real fault (dated before the referenced event). Returns its sort date.
   */
  private add(
    type: CaseEvent['type'],
    what: string,
    elementId: string,
    date: string,
    data: object,
    at: SourceRef,
    after?: string,
    dayRank = RANK[type],
  ): string {
    const event = { eventId: this.ids.eventId(this.key, what, elementId), type, occurredAt: date, data } as CaseEvent;
    const sortDate = after !== undefined && after > date ? after : date;
    // Same day as what it refers to: right after it, whatever its type's usual place that day.
    const rank =
      after === sortDate && after !== undefined && dayRank <= AFTER_SAME_DAY ? AFTER_SAME_DAY + this.events.length / 1e6 : dayRank;
    this.events.push({ event, at, date: sortDate, rank, seq: this.events.length });
    return sortDate;
  }

  private id(prefix: string, elementId: string): string {
    return this.ids.entityId(prefix, this.key, elementId);
  }

  private notification(n: RegisterNotification, investigationOf: Map<string, string>): void {
    const reporters = [...new Set(n.reporters)] as ReporterCode[];
    const data: Record<string, unknown> = { notificationId: this.id('n', n.id), municipality: this.c.municipality, reporters };
    if (this.c.childBirthYear !== undefined) data.childBirthYear = this.c.childBirthYear;
    const received = this.add('NotificationReceived', 'received', n.id, n.startDate, data, n.at);
    this.received.set(n.id, received);
    const k = n.conclusion;
    if (!k) return;
    if (k.code === NOTIFICATION_TO_INVESTIGATION) {
      // The investigation's own start date is the review's conclusion (see Undersokelse).
      if (![...investigationOf.values()].includes(n.id)) {
        this.problem(
          k.at,
          'register_investigation_missing',
          `Melding ${n.id} concluded "til undersøkelse" (code 2) but no Undersokelse belongs to it`,
        );
      }
      return;
    }
    const reason = NOTIFICATION_CLEARING_BY_CODE[k.code];
    if (!reason) return this.problem(k.at, 'register_unknown_code', `Melding/Konklusjon code ${k.code} is not mapped`);
    // Joining the ongoing investigation needs it open: after an opening that same day.
    const dayRank = reason === 'joined_ongoing_investigation' ? JOINS_OPENED_SAME_DAY : undefined;
    this.add('NotificationCleared', 'cleared', n.id, k.endDate, { notificationId: this.id('n', n.id), reason }, k.at, received, dayRank);
  }

  private investigation(u: RegisterInvestigation, notificationId: string | undefined): void {
    if (notificationId === undefined) {
      return this.problem(
        u.at,
        'register_notification_missing',
        `Undersokelse ${u.id} (${u.startDate}) belongs to no Melding concluded "til undersøkelse" (code 2)`,
      );
    }
    const investigationId = this.id('u', u.id);
    const opened = this.add(
      'InvestigationOpened',
      'opened',
      u.id,
      u.startDate,
      { investigationId, notificationId: this.id('n', notificationId) },
      u.at,
      this.received.get(notificationId),
    );
    let last = opened;
    const x = u.extension;
    if (x) {
      last = this.add('InvestigationExtended', 'extended', u.id, x.startDate, { investigationId }, x.at, opened);
      const approved = x.granted === undefined ? undefined : EXTENSION_APPROVED_BY_CODE[x.granted];
      if (approved !== undefined) this.add('ExtensionAssessed', 'assessed', u.id, x.startDate, { investigationId, approved }, x.at, last);
    }
    const k = u.conclusion;
    if (!k) return;
    const outcome = INVESTIGATION_OUTCOME_BY_CODE[k.code];
    if (!outcome) return this.problem(k.at, 'register_unknown_code', `Undersokelse/Konklusjon code ${k.code} is not mapped`);
    this.add('InvestigationClosed', 'closed', u.id, k.endDate, { investigationId, outcome }, k.at, last);
  }

  private measure(m: RegisterMeasure, move: RegisterMove | undefined): void {
    const category = m.category?.code ?? '';
    if (isPlacementCategory(category)) {
      const placementId = this.id('p', m.id);
      const basis = placementBasisOf(m.basis);
      if (!basis) {
        const b = m.basis;
        return this.problem(
          m.at,
          'register_unknown_legal_basis',
          `Tiltak ${m.id}: placement basis of Lovhjemmel ${b ? `${b.law} § ${b.chapter}-${b.section}` : '(none)'} is not mapped`,
        );
      }
      const started = this.add('PlacementStarted', 'started', m.id, m.startDate, { placementId, category, basis }, m.at);
      this.started.set(m.id, { sortDate: started, data: { placementId } });
      this.followUp(m, placementId, started);
      if (m.endDate === undefined) return;
      const data: Record<string, unknown> = {
        placementId,
        planned: move?.reasonFrom === undefined || !UNPLANNED_MOVE_REASONS.has(move.reasonFrom),
      };
      const reason = placementEndReason(m.repeal?.code, move?.movedTo);
      if (reason) data.reason = reason;
      this.add('PlacementEnded', 'ended', m.id, m.endDate, data, m.endAt ?? m.at, started);
      return;
    }
    const measureId = this.id('m', m.id);
    const data: Record<string, unknown> = { measureId, category };
    const basis = measureBasisOf(m.basis);
    if (basis) data.basis = basis;
    const started = this.add('MeasureStarted', 'started', m.id, m.startDate, data, m.category?.at ?? m.at);
    this.started.set(m.id, { sortDate: started, data: { measureId } });
    if (m.followUp.frequencies.length + m.supervision.frequencies.length > 0) {
      this.problem(
        m.at,
        'register_follow_up_of_measure',
        `Tiltak ${m.id} (category ${category}) has Oppfolging or Tilsyn, which belong to foster-home placements`,
      );
    }
    if (m.endDate === undefined) return;
    const reason = m.repeal ? MEASURE_END_BY_REPEAL[m.repeal.code] : 'completed';
    this.add('MeasureEnded', 'ended', m.id, m.endDate, { measureId, ...(reason ? { reason } : {}) }, m.endAt ?? m.at, started);
  }

  /**
   * Oppfolging and Tilsyn of a placement: frequencies (Hyppighet 4 or 2 a year), the supervising
   * municipality (Ansvarlig) and the visits held (Utfort, in person: the register counts no others).
   * `decide` refuses them for a placement that is not a foster home.
   */
  private followUp(m: RegisterMeasure, placementId: string, started: string): void {
    const frequency = (kind: VisitKind) => (f: RegisterDated) =>
      this.add(
        'VisitFrequencySet',
        `frequency:${kind}`,
        f.id,
        f.date,
        { placementId, kind, perYear: Number(f.code) as VisitFrequency },
        f.at,
        started,
      );
    const visit = (kind: VisitKind) => (v: RegisterDated) =>
      this.add(
        'VisitHeld',
        `visit:${kind}`,
        v.id,
        v.date,
        { visitId: this.id('v', v.id), placementId, kind, inPerson: true },
        v.at,
        started,
      );
    m.followUp.frequencies.forEach(frequency('follow_up'));
    m.followUp.visits.forEach(visit('follow_up'));
    for (const r of m.supervision.responsible) {
      this.add('SupervisionResponsibilitySet', 'supervisor', r.id, r.date, { placementId, municipality: r.code }, r.at, started);
    }
    m.supervision.frequencies.forEach(frequency('supervision'));
    m.supervision.visits.forEach(visit('supervision'));
  }

  /** Plan → PlanCreated (linked to its Tiltak by a Relasjon, if any), each Evaluering, and its end. */
  private plan(plan: RegisterPlan, tiltakId: string | undefined): void {
    const planId = this.id('pl', plan.id);
    const target = tiltakId === undefined ? undefined : this.started.get(tiltakId);
    const created = this.add(
      'PlanCreated',
      'created',
      plan.id,
      plan.startDate,
      { planId, kind: plan.kind, ...target?.data },
      plan.at,
      target?.sortDate,
    );
    const seen = new Map<string, number>();
    let last = created;
    for (const e of plan.evaluations) {
      // Evaluations have no id in the register: the plan, the date and the how-manieth that day.
      const n = (seen.get(e.date) ?? 0) + 1;
      seen.set(e.date, n);
      const sortDate = this.add('PlanEvaluated', 'evaluated', `${plan.id}:${e.date}:${n}`, e.date, { planId }, e.at, created);
      if (sortDate > last) last = sortDate;
    }
    if (plan.endDate !== undefined) this.add('PlanEnded', 'ended', plan.id, plan.endDate, { planId }, plan.endAt ?? plan.at, last);
  }

  /** Ettervern → AftercareOffered on TilbudSendtDato; its Konklusjon → AftercareConcluded. */
  private aftercare(offer: RegisterAftercare): void {
    const offerId = this.id('a', offer.id);
    const offered = this.add('AftercareOffered', 'offered', offer.id, offer.offeredDate, { offerId }, offer.at);
    const k = offer.conclusion;
    if (!k) return;
    const outcome = AFTERCARE_OUTCOME_BY_CODE[k.code];
    if (!outcome) return this.problem(k.at, 'register_unknown_code', `Ettervern/Konklusjon code ${k.code} is not mapped`);
    this.add('AftercareConcluded', 'concluded', offer.id, k.endDate, { offerId, outcome }, k.at, offered);
  }

  /** Plan → the Tiltak it plans for, by a Relasjon either way. */
  private linkPlans(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.c.relations) {
      if (r.fromType === 'Plan' && r.toType === 'Tiltak') out.set(r.fromId, r.toId);
      if (r.fromType === 'Tiltak' && r.toType === 'Plan') out.set(r.toId, r.fromId);
    }
    return out;
  }

  /**
   * Undersokelse → Melding: a Relasjon between the two, else the Melding concluded "til undersøkelse"
   * on the investigation's start date, else the latest such Melding before it not yet taken.
   */
  private linkInvestigations(): Map<string, string> {
    const out = new Map<string, string>();
    const toInvestigation = this.c.notifications.filter((n) => n.conclusion?.code === NOTIFICATION_TO_INVESTIGATION);
    const known = new Set(toInvestigation.map((n) => n.id));
    for (const r of this.c.relations) {
      if (r.fromType === 'Melding' && r.toType === 'Undersokelse' && known.has(r.fromId)) out.set(r.toId, r.fromId);
      if (r.fromType === 'Undersokelse' && r.toType === 'Melding' && known.has(r.toId)) out.set(r.fromId, r.toId);
    }
    const taken = new Set(out.values());
    for (const u of this.c.investigations) {
      if (out.has(u.id)) continue;
      const free = toInvestigation.filter((n) => !taken.has(n.id) && n.startDate <= u.startDate);
      const match =
        free.find((n) => n.conclusion!.endDate === u.startDate) ?? free.sort((a, b) => a.startDate.localeCompare(b.startDate)).at(-1);
      if (match) {
        out.set(u.id, match.id);
        taken.add(match.id);
      }
    }
    return out;
  }

  /** Tiltak → the Flytting out of it: a Relasjon, else a Flytting dated the placement's end. */
  private linkMoves(): Map<string, RegisterMove> {
    const out = new Map<string, RegisterMove>();
    const byId = new Map(this.c.moves.map((m) => [m.id, m]));
    for (const r of this.c.relations) {
      if (r.fromType === 'Tiltak' && r.toType === 'Flytting' && byId.has(r.toId)) out.set(r.fromId, byId.get(r.toId)!);
      if (r.fromType === 'Flytting' && r.toType === 'Tiltak' && byId.has(r.fromId)) out.set(r.toId, byId.get(r.fromId)!);
    }
    const taken = new Set(out.values());
    for (const m of this.c.measures) {
      if (out.has(m.id) || m.endDate === undefined) continue;
      const move = this.c.moves.find((f) => !taken.has(f) && f.endDate === m.endDate);
      if (move) {
        out.set(m.id, move);
        taken.add(move);
      }
    }
    return out;
  }

  private problem(at: SourceRef, rule: string, detail: string): void {
    this.problems.push({ at, rule, detail });
  }
}
