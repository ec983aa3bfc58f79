import type { CaseState, PlacementState, VisitKind } from '@fristvakt/domain';
import { CODE_BY_AFTERCARE_OUTCOME } from '../register-codes';
import { attrs, dateOf, element, type Writer } from './register-xml';

/*
 * The follow-up elements of a register file (DOMAIN.md §7; docs/register-import.md read backwards):
 * `Plan` with its evaluations, `Oppfolging` and `Tilsyn` inside a placement's `Tiltak`, `Ettervern`.
 * What the register cannot carry is left out: a plan's own evaluation due date, visits not in person
 * (the register counts none), the child's consent to a supervision reduction.
 */

/** The register id of one of the case's elements. */
export type ElementId = (kind: string, entityId: string) => string;

/** `Plan` elements, and the `Relasjon` Plan → Tiltak of each plan made for a measure or placement the file holds. */
export function planElements(w: Writer, state: CaseState, id: ElementId, relation: (fromId: string, toId: string) => void): void {
  for (const plan of state.plans.values()) {
    const planId = id('Plan', plan.planId);
    const body = [...plan.evaluations]
      .map((e) => dateOf(e))
      .sort()
      .map((date) => `      <Evaluering ${attrs({ UtfortDato: date })}/>`);
    if (plan.ended) body.push(`      <Konklusjon ${attrs({ SluttDato: dateOf(plan.ended) })}/>`);
    element(w, 'Plan', { Id: planId, StartDato: dateOf(plan.created), Plantype: plan.kind }, body);
    if (plan.measureId !== null && state.measures.has(plan.measureId)) relation(planId, id('Tiltak', `m:${plan.measureId}`));
    if (plan.placementId !== null && state.placements.has(plan.placementId)) relation(planId, id('Tiltak', `p:${plan.placementId}`));
  }
}

/**
 * `Tilsyn` then `Oppfolging` of a placement (the schema's order), each only when the placement has
 * something of that kind. The schema wants at least one `Hyppighet` (and, for `Tilsyn`, one
 * `Ansvarlig`): where none was recorded, what holds without one is written from the placement's
 * start, the standard 4 a year and the case's own municipality (DOMAIN.md §7.3, §7.4), which import
 * back to the same figures.
 */
export function placementFollowUpLines(state: CaseState, p: PlacementState, id: ElementId): string[] {
  const start = dateOf(p.started);
  const visits = (kind: VisitKind) =>
    [...state.visits.values()]
      .filter((v) => v.placementId === p.placementId && v.kind === kind && v.inPerson)
      .map((v) => `        <Utfort ${attrs({ Id: id('Utfort', v.visitId), UtfortDato: dateOf(v.held) })}/>`);
  const frequencies = (kind: VisitKind) => {
    const changes = p.frequencies.filter((f) => f.kind === kind);
    if (changes.length === 0)
      return [`        <Hyppighet ${attrs({ Id: id(`Hyppighet:${kind}`, p.placementId), StartDato: start, Kode: '4' })}/>`];
    return changes.map(
      (f) => `        <Hyppighet ${attrs({ Id: id(`Hyppighet:${kind}`, f.eventId), StartDato: dateOf(f), Kode: String(f.perYear) })}/>`,
    );
  };
  const lines: string[] = [];
  const supervisionVisits = visits('supervision');
  if (p.supervisors.length > 0 || p.frequencies.some((f) => f.kind === 'supervision') || supervisionVisits.length > 0) {
    const responsible =
      p.supervisors.length > 0
        ? p.supervisors.map((s) => ({ id: id('Ansvarlig', s.eventId), date: dateOf(s), municipality: s.municipality }))
        : [{ id: id('Ansvarlig', p.placementId), date: start, municipality: state.municipality ?? '' }];
    lines.push(
      '      <Tilsyn>',
      ...responsible.map((r) => `        <Ansvarlig ${attrs({ Id: r.id, StartDato: r.date, Kommunenummer: r.municipality })}/>`),
      ...frequencies('supervision'),
      ...supervisionVisits,
      '      </Tilsyn>',
    );
  }
  const followUpVisits = visits('follow_up');
  if (p.frequencies.some((f) => f.kind === 'follow_up') || followUpVisits.length > 0) {
    lines.push('      <Oppfolging>', ...frequencies('follow_up'), ...followUpVisits, '      </Oppfolging>');
  }
  return lines;
}

/** `Ettervern`: the offer sent and its conclusion. */
export function aftercareElements(w: Writer, state: CaseState, id: ElementId): void {
  for (const offer of state.aftercareOffers.values()) {
    const body = offer.concluded
      ? [`      <Konklusjon ${attrs({ SluttDato: dateOf(offer.concluded), Kode: CODE_BY_AFTERCARE_OUTCOME[offer.concluded.outcome] })}/>`]
      : [];
    element(w, 'Ettervern', { Id: id('Ettervern', offer.offerId), TilbudSendtDato: dateOf(offer.offered) }, body);
  }
}
