import { REPORTER_CODES } from '@fristvakt/domain';
import type { ProjectionModel } from '../model/model';
import { calendarFor } from './deadline-calendar';
import { frameOf, type FiguresQuery } from './figures-query';
import { casesInScope, resolveCase } from './resolve';
import { increment, share, summarise, type DurationSummary } from './stats';
import { suppressSmallCounts, type Suppressed } from './suppression';

export type FlowQuery = FiguresQuery;

/** Distinct children (cases) next to the events they account for: Alta had 22 institution measures but 14 children. */
export interface EventsAndChildren {
  events: number | null;
  children: number | null;
}

export interface FlowAnswer {
  period: { from: string; to: string };
  municipality: string | null;
  method: 'legal' | 'statistical';
  knownAt: string | null;
  asOf: string | null;
  measuredAt: string;
  notifications: {
    /** notifications received in the period */
    received: number | null;
    receivedChildren: number | null;
    acute: number | null;
    /** per reporter code: notifications naming it; one notification may name several, so the sum can exceed `received` */
    byReporter: Record<string, number | null>;
    byReporterUnit: 'notifications naming the reporter';
    /** reviews concluded in the period, by conclusion ('investigation' or the clearing reason) */
    concluded: number | null;
    byConclusion: Record<string, number | null>;
    /** Andel meldinger til undersøkelse */
    toInvestigationShare: number | null;
    /** review duration (conclusion − receipt) of reviews concluded in the period */
    reviewDurationDays: DurationSummary;
  };
  investigations: {
    opened: number | null;
    closed: number | null;
    byOutcome: Record<string, number | null>;
    /** closing − opening, investigations closed in the period */
    durationDays: DurationSummary;
  };
  measures: {
    /** hjelpetiltak started in the period (measures) */
    started: number | null;
    startedChildren: number | null;
    byCategory: Record<string, number | null>;
    /** 'unspecified' when the event did not say */
    byBasis: Record<string, number | null>;
    ended: number | null;
    /** active at some time in the period: started by its end, not ended before its start */
    active: EventsAndChildren;
  };
  placements: {
    started: number | null;
    startedChildren: number | null;
    byCategory: Record<string, number | null>;
    byBasis: Record<string, number | null>;
    /** Akuttplasseringer: basis emergency among placements started in the period */
    emergencyShare: number | null;
    /** foster-home placements (2.x) started in the period */
    fosterHomeStarted: number | null;
    /** of those, in the family and close network (2.1, 2.6) */
    kinshipStarted: number | null;
    kinshipShare: number | null;
    ended: number | null;
    /** utilsiktet flytting: ended earlier than planned */
    endedUnplanned: number | null;
    active: EventsAndChildren;
  };
  /** Barn med tiltak: children with a measure or placement active at some time in the period */
  children: { withMeasureOrPlacement: number | null; withMeasure: number | null; placed: number | null };
  /** at `measuredAt` (a measure ending that day no longer counts) */
  stockAtEnd: {
    openNotifications: number | null;
    openInvestigations: number | null;
    /** children with an active hjelpetiltak (placements not included) */
    childrenWithMeasures: number | null;
    childrenPlaced: number | null;
    childrenWithMeasuresOrPlacements: number | null;
    measures: number | null;
    placements: number | null;
  };
  units: { default: 'events (notifications, investigations, measures, placements)'; children: 'distinct cases'; durations: 'days' };
}

const KINSHIP = new Set(['2.1', '2.6']);
const REPORTERS: readonly string[] = [...REPORTER_CODES];

/** Flow figures for a period (DOMAIN.md §4, CONTRACT.md `/v1/statistics/flow`). */
export function flow(model: ProjectionModel, query: FlowQuery): FlowAnswer | (FlowAnswer & Suppressed) {
  const answer = computeFlow(model, query);
  if (!query.suppressSmallCounts) return answer;
  return suppressSmallCounts(answer, {
    'notifications.toInvestigationShare': ['notifications.byConclusion.investigation', 'notifications.concluded'],
    'placements.emergencyShare': ['placements.byBasis.emergency', 'placements.started'],
    'placements.kinshipShare': ['placements.kinshipStarted', 'placements.fosterHomeStarted'],
  });
}

function computeFlow(model: ProjectionModel, query: FlowQuery): FlowAnswer {
  const frame = frameOf(query);
  const { fromDay, toDay, endDay, view } = frame;
  const calendar = calendarFor(query.rules, query.method);
  const inPeriod = (day: number | null): day is number => day !== null && day >= fromDay && day <= toDay;
  const activeInPeriod = (start: number, end: number | null) => start <= toDay && (end === null || end >= fromDay);
  const activeAtEnd = (start: number, end: number | null) => start <= endDay && (end === null || end > endDay);

  const n = { received: 0, receivedChildren: 0, acute: 0, concluded: 0, byReporter: {} as Record<string, number>, byConclusion: {} as Record<string, number> };
  const reviewDurations: number[] = [];
  const u = { opened: 0, closed: 0, byOutcome: {} as Record<string, number> };
  const durations: number[] = [];
  const m = { started: 0, startedChildren: 0, ended: 0, activeEvents: 0, activeChildren: 0, byCategory: {} as Record<string, number>, byBasis: {} as Record<string, number> };
  const p = { ...m, fosterHome: 0, kinship: 0, endedUnplanned: 0, byCategory: {} as Record<string, number>, byBasis: {} as Record<string, number> };
  const children = { withMeasureOrPlacement: 0, withMeasure: 0, placed: 0 };
  const stock = { openNotifications: 0, openInvestigations: 0, childrenWithMeasures: 0, childrenPlaced: 0, childrenWithMeasuresOrPlacements: 0, measures: 0, placements: 0 };

  for (const [record, municipality] of casesInScope(model, query.municipality, view)) {
    const c = resolveCase(model, record, municipality, view, calendar);
    let receivedHere = false;
    for (const x of c.notifications) {
      if (inPeriod(x.receivedDay)) {
        n.received++;
        receivedHere = true;
        if (x.acute) n.acute++;
        for (let i = 0; i < REPORTERS.length; i++) if (x.reporterMask & (1 << i)) increment(n.byReporter, REPORTERS[i]);
      }
      if (inPeriod(x.concludedDay)) {
        n.concluded++;
        increment(n.byConclusion, x.conclusion!);
        reviewDurations.push(x.concludedDay - x.receivedDay);
      }
      if (x.receivedDay <= endDay && (x.concludedDay === null || x.concludedDay > endDay)) stock.openNotifications++;
    }
    if (receivedHere) n.receivedChildren++;

    for (const x of c.investigations) {
      if (inPeriod(x.openedDay)) u.opened++;
      if (inPeriod(x.closedDay)) {
        u.closed++;
        increment(u.byOutcome, x.outcome!);
        durations.push(x.closedDay - x.openedDay);
      }
      if (x.openedDay <= endDay && (x.closedDay === null || x.closedDay > endDay)) stock.openInvestigations++;
    }

    let measureStarted = false;
    let measureActive = false;
    let measureAtEnd = false;
    for (const x of c.measures) {
      if (inPeriod(x.startDay)) {
        m.started++;
        measureStarted = true;
        increment(m.byCategory, x.category);
        increment(m.byBasis, x.basis ?? 'unspecified');
      }
      if (inPeriod(x.endDay)) m.ended++;
      if (activeInPeriod(x.startDay, x.endDay)) {
        m.activeEvents++;
        measureActive = true;
      }
      if (activeAtEnd(x.startDay, x.endDay)) {
        stock.measures++;
        measureAtEnd = true;
      }
    }
    if (measureStarted) m.startedChildren++;
    if (measureActive) children.withMeasure++;
    if (measureAtEnd) stock.childrenWithMeasures++;

    let placementStarted = false;
    let placementActive = false;
    let placementAtEnd = false;
    for (const x of c.placements) {
      if (inPeriod(x.startDay)) {
        p.started++;
        placementStarted = true;
        increment(p.byCategory, x.category);
        increment(p.byBasis, x.basis);
        if (x.category.startsWith('2.')) {
          p.fosterHome++;
          if (KINSHIP.has(x.category)) p.kinship++;
        }
      }
      if (inPeriod(x.endDay)) {
        p.ended++;
        if (x.planned === false) p.endedUnplanned++;
      }
      if (activeInPeriod(x.startDay, x.endDay)) {
        p.activeEvents++;
        placementActive = true;
      }
      if (activeAtEnd(x.startDay, x.endDay)) {
        stock.placements++;
        placementAtEnd = true;
      }
    }
    if (placementStarted) p.startedChildren++;
    if (placementActive) children.placed++;
    if (placementAtEnd) stock.childrenPlaced++;
    if (measureActive || placementActive) children.withMeasureOrPlacement++;
    if (measureAtEnd || placementAtEnd) stock.childrenWithMeasuresOrPlacements++;
  }

  return {
    ...frame.echo,
    notifications: {
      received: n.received,
      receivedChildren: n.receivedChildren,
      acute: n.acute,
      byReporter: n.byReporter,
      byReporterUnit: 'notifications naming the reporter',
      concluded: n.concluded,
      byConclusion: n.byConclusion,
      toInvestigationShare: share(n.byConclusion['investigation'] ?? 0, n.concluded),
      reviewDurationDays: summarise(reviewDurations),
    },
    investigations: { opened: u.opened, closed: u.closed, byOutcome: u.byOutcome, durationDays: summarise(durations) },
    measures: {
      started: m.started,
      startedChildren: m.startedChildren,
      byCategory: m.byCategory,
      byBasis: m.byBasis,
      ended: m.ended,
      active: { events: m.activeEvents, children: children.withMeasure },
    },
    placements: {
      started: p.started,
      startedChildren: p.startedChildren,
      byCategory: p.byCategory,
      byBasis: p.byBasis,
      emergencyShare: share(p.byBasis['emergency'] ?? 0, p.started),
      fosterHomeStarted: p.fosterHome,
      kinshipStarted: p.kinship,
      kinshipShare: share(p.kinship, p.fosterHome),
      ended: p.ended,
      endedUnplanned: p.endedUnplanned,
      active: { events: p.activeEvents, children: children.placed },
    },
    children,
    stockAtEnd: stock,
    units: { default: 'events (notifications, investigations, measures, placements)', children: 'distinct cases', durations: 'days' },
  };
}
