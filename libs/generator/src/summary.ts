/**
 * Calibration figures of a generated history, computed the way the product computes them (the
 * domain's case view, legal method), so the CLI and the specs can compare them with the reports.
 */
import { caseView, DEFAULT_DEADLINE_RULES, evolve, initialState, osloDateOf, type CaseState, type CaseView } from '@fristvakt/domain';
import type { GeneratedCase } from './history';

const MS_PER_DAY = 86_400_000;

export interface Ratio {
  count: number;
  of: number;
}

export interface HistorySummary {
  cases: number;
  events: number;
  eventsByType: Record<string, number>;
  /** effective notifications by `municipality:year` of receipt */
  notificationsByYear: Record<string, number>;
  /** first-named reporter code → notifications */
  firstReporters: Record<string, number>;
  reportersPerNotification: Record<string, number>;
  reviewsLate: Ratio;
  toInvestigation: Ratio;
  clearingReasons: Record<string, number>;
  /** by half-year of closing, e.g. `2024-H1` */
  investigationBreaches: Record<string, Ratio>;
  investigationsExtended: Ratio;
  extensionsDecidedLate: Ratio;
  outcomes: Record<string, number>;
  withMeasures: Ratio;
  measureGroups: Record<string, number>;
  placementCategories: Record<string, number>;
  placementBases: Record<string, number>;
  kinshipShareOfFoster: Ratio;
  /** recorded more than a day after they occurred */
  lateRegistrations: Ratio;
  retractions: number;
}

function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

export function share(r: Ratio): number | null {
  return r.of === 0 ? null : r.count / r.of;
}

export class SummaryBuilder {
  private readonly s: HistorySummary = {
    cases: 0,
    events: 0,
    eventsByType: {},
    notificationsByYear: {},
    firstReporters: {},
    reportersPerNotification: {},
    reviewsLate: { count: 0, of: 0 },
    toInvestigation: { count: 0, of: 0 },
    clearingReasons: {},
    investigationBreaches: {},
    investigationsExtended: { count: 0, of: 0 },
    extensionsDecidedLate: { count: 0, of: 0 },
    outcomes: {},
    withMeasures: { count: 0, of: 0 },
    measureGroups: {},
    placementCategories: {},
    placementBases: {},
    kinshipShareOfFoster: { count: 0, of: 0 },
    lateRegistrations: { count: 0, of: 0 },
    retractions: 0,
  };

  constructor(private readonly asOf: string) {}

  add(c: GeneratedCase): void {
    const s = this.s;
    s.cases += 1;
    let state: CaseState = initialState(c.caseId);
    for (const { event, recordedAt } of c.events) {
      s.events += 1;
      bump(s.eventsByType, event.type);
      if (event.type === 'EventRetracted') s.retractions += 1;
      s.lateRegistrations.of += 1;
      if (Date.parse(recordedAt) - Date.parse(event.occurredAt) > MS_PER_DAY) s.lateRegistrations.count += 1;
      state = evolve(state, event);
    }
    this.addView(c.municipality, caseView(state, { asOf: osloDateOf(this.asOf), method: 'legal', rules: DEFAULT_DEADLINE_RULES }));
  }

  private addView(municipality: string, v: CaseView): void {
    const s = this.s;
    for (const n of v.notifications) {
      bump(s.notificationsByYear, `${municipality}:${n.receivedDate.slice(0, 4)}`);
      bump(s.firstReporters, n.reporters[0]);
      bump(s.reportersPerNotification, String(n.reporters.length));
      if (n.conclusion === null) continue;
      s.reviewsLate.of += 1;
      if (n.onTime === false) s.reviewsLate.count += 1;
      s.toInvestigation.of += 1;
      if (n.conclusion === 'investigation') s.toInvestigation.count += 1;
      else bump(s.clearingReasons, n.conclusion);
    }
    for (const u of v.investigations) {
      if (u.closedDate === null || u.outcome === null) continue;
      const half = `${u.closedDate.slice(0, 4)}-H${u.closedDate.slice(5, 7) <= '06' ? 1 : 2}`;
      const breaches = (s.investigationBreaches[half] ??= { count: 0, of: 0 });
      breaches.of += 1;
      if (u.onTime === false) breaches.count += 1;
      s.investigationsExtended.of += 1;
      if (u.extension) {
        s.investigationsExtended.count += 1;
        s.extensionsDecidedLate.of += 1;
        if (u.extension.decidedDate > u.ordinaryDeadline) s.extensionsDecidedLate.count += 1;
      }
      bump(s.outcomes, u.outcome);
      s.withMeasures.of += 1;
      if (u.outcome === 'measures_decided') s.withMeasures.count += 1;
    }
    for (const m of v.measures) bump(s.measureGroups, `${m.category.split('.')[0]}.x`);
    for (const p of v.placements) {
      bump(s.placementCategories, p.category);
      bump(s.placementBases, p.basis);
      if (p.category.startsWith('2.')) {
        s.kinshipShareOfFoster.of += 1;
        if (p.category === '2.1' || p.category === '2.6') s.kinshipShareOfFoster.count += 1;
      }
    }
  }

  result(): HistorySummary {
    return this.s;
  }
}

export function summarize(cases: Iterable<GeneratedCase>, asOf: string): HistorySummary {
  const builder = new SummaryBuilder(asOf);
  for (const c of cases) builder.add(c);
  return builder.result();
}
