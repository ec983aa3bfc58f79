import { REPORTER_CODES } from '@fristvakt/domain';
import { CONCLUDED_BY_INVESTIGATION } from '../indexed/tables';
import { codeLists } from '../model/codes';
import type { CaseRecord, ProjectionModel } from '../model/model';
import { calendarFor } from './deadline-calendar';
import { DurationTally } from './durations';
import { frameOf, type FiguresQuery } from './figures-query';
import { Kinds, scan, type ItemRef, type ItemSink } from './scan';
import { share, type DurationSummary } from './stats';
import { suppressSmallCounts, type AdditiveRelation, type Suppressed } from './suppression';

export type FlowQuery = FiguresQuery;

/** Distinct children (cases) next to the events they account for: Alta had 22 institution measures but 14 children. */
export interface EventsAndChildren {
  events: number | null;
  children: number | null;
}

export interface FlowAnswer {
  period: { from: string; to: string };
  /** the one municipality covered; null when the figures cover several or all */
  municipality: string | null;
  /** every municipality the figures cover, as one population (medians over the union); null = all */
  municipalities: string[] | null;
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

// per-case bits, for the distinct-children counts
const RECEIVED = 1;
const MEASURE_STARTED = 2;
const MEASURE_ACTIVE = 4;
const MEASURE_AT_END = 8;
const PLACEMENT_STARTED = 16;
const PLACEMENT_ACTIVE = 32;
const PLACEMENT_AT_END = 64;

/** Counts by code in a typed array (code + offset), spelled out as a record of the non-zero ones. */
class CodeCounts {
  readonly counts: Int32Array;
  constructor(
    size: number,
    private readonly offset: number,
    private readonly keyOf: (code: number) => string,
  ) {
    this.counts = new Int32Array(size + offset);
  }
  add(code: number): void {
    this.counts[code + this.offset]++;
  }
  get(code: number): number {
    return this.counts[code + this.offset];
  }
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] === 0) continue;
      const key = this.keyOf(i - this.offset);
      out[key] = (out[key] ?? 0) + this.counts[i];
    }
    return out;
  }
}

class FlowSink implements ItemSink {
  readonly kinds = Kinds.All;
  private readonly caseBits: Uint8Array;
  readonly n = { received: 0, receivedChildren: 0, acute: 0, concluded: 0 };
  readonly byReporter = new Int32Array(REPORTERS.length);
  readonly byConclusion = new CodeCounts(codeLists.clearingReasons.length, 2, (c) =>
    c === CONCLUDED_BY_INVESTIGATION ? 'investigation' : String(codeLists.clearingReasons[c]),
  );
  readonly reviewDurations = new DurationTally();
  readonly u = { opened: 0, closed: 0 };
  readonly byOutcome = new CodeCounts(codeLists.outcomes.length, 1, (c) => String(codeLists.outcomes[c]));
  readonly durations = new DurationTally();
  readonly m = { started: 0, startedChildren: 0, ended: 0, activeEvents: 0 };
  readonly measureCategories: CodeCounts;
  readonly measureBases = new CodeCounts(codeLists.measureBases.length, 1, (c) =>
    c < 0 ? 'unspecified' : String(codeLists.measureBases[c]),
  );
  readonly p = { started: 0, startedChildren: 0, ended: 0, activeEvents: 0, fosterHome: 0, kinship: 0, endedUnplanned: 0 };
  readonly placementCategories: CodeCounts;
  readonly placementBases = new CodeCounts(codeLists.placementBases.length, 1, (c) => String(codeLists.placementBases[c]));
  readonly children = { withMeasureOrPlacement: 0, withMeasure: 0, placed: 0 };
  readonly stock = {
    openNotifications: 0,
    openInvestigations: 0,
    childrenWithMeasures: 0,
    childrenPlaced: 0,
    childrenWithMeasuresOrPlacements: 0,
    measures: 0,
    placements: 0,
  };
  /** by category symbol: 1 foster home (2.x), 2 kinship foster home */
  private readonly fosterKind: Uint8Array;

  constructor(
    model: ProjectionModel,
    private readonly fromDay: number,
    private readonly toDay: number,
    private readonly endDay: number,
  ) {
    this.caseBits = new Uint8Array(model.cases.size);
    const names = model.symbols.names;
    const symbolName = (c: number) => names[c];
    this.measureCategories = new CodeCounts(names.length, 0, symbolName);
    this.placementCategories = new CodeCounts(names.length, 0, symbolName);
    this.fosterKind = Uint8Array.from(names, (name) => (name.startsWith('2.') ? (KINSHIP.has(name) ? 2 : 1) : 0));
  }

  /** Sets a case bit; true the first time, so each distinct case is counted once. */
  private mark(ordinal: number, bit: number): boolean {
    const bits = this.caseBits[ordinal];
    if (bits & bit) return false;
    this.caseBits[ordinal] = bits | bit;
    return true;
  }

  notification(
    ordinal: number,
    _r: CaseRecord,
    _item: ItemRef,
    receivedDay: number,
    mask: number,
    acute: number,
    concludedDay: number,
    code: number,
  ): void {
    if (receivedDay >= this.fromDay && receivedDay <= this.toDay) {
      this.n.received++;
      if (this.mark(ordinal, RECEIVED)) this.n.receivedChildren++;
      if (acute === 1) this.n.acute++;
      for (let i = 0, bits = mask; bits !== 0; i++, bits >>>= 1) if (bits & 1) this.byReporter[i]++;
    }
    if (concludedDay >= this.fromDay && concludedDay <= this.toDay) {
      this.n.concluded++;
      this.byConclusion.add(code);
      this.reviewDurations.add(concludedDay - receivedDay);
    }
    if (receivedDay <= this.endDay && concludedDay > this.endDay) this.stock.openNotifications++;
  }

  investigation(
    _ordinal: number,
    _r: CaseRecord,
    _item: ItemRef,
    _receivedDay: number,
    openedDay: number,
    closedDay: number,
    outcome: number,
  ): void {
    if (openedDay >= this.fromDay && openedDay <= this.toDay) this.u.opened++;
    if (closedDay >= this.fromDay && closedDay <= this.toDay) {
      this.u.closed++;
      this.byOutcome.add(outcome);
      this.durations.add(closedDay - openedDay);
    }
    if (openedDay <= this.endDay && closedDay > this.endDay) this.stock.openInvestigations++;
  }

  measure(ordinal: number, category: number, basis: number, startDay: number, endDay: number): void {
    if (startDay >= this.fromDay && startDay <= this.toDay) {
      this.m.started++;
      if (this.mark(ordinal, MEASURE_STARTED)) this.m.startedChildren++;
      this.measureCategories.add(category);
      this.measureBases.add(basis);
    }
    if (endDay >= this.fromDay && endDay <= this.toDay) this.m.ended++;
    if (startDay <= this.toDay && endDay >= this.fromDay) {
      this.m.activeEvents++;
      this.active(ordinal, MEASURE_ACTIVE);
    }
    if (startDay <= this.endDay && endDay > this.endDay) {
      this.stock.measures++;
      this.atEnd(ordinal, MEASURE_AT_END);
    }
  }

  placement(ordinal: number, category: number, basis: number, startDay: number, endDay: number, planned: number): void {
    if (startDay >= this.fromDay && startDay <= this.toDay) {
      this.p.started++;
      if (this.mark(ordinal, PLACEMENT_STARTED)) this.p.startedChildren++;
      this.placementCategories.add(category);
      this.placementBases.add(basis);
      const foster = this.fosterKind[category];
      if (foster !== 0) {
        this.p.fosterHome++;
        if (foster === 2) this.p.kinship++;
      }
    }
    if (endDay >= this.fromDay && endDay <= this.toDay) {
      this.p.ended++;
      if (planned === 0) this.p.endedUnplanned++;
    }
    if (startDay <= this.toDay && endDay >= this.fromDay) {
      this.p.activeEvents++;
      this.active(ordinal, PLACEMENT_ACTIVE);
    }
    if (startDay <= this.endDay && endDay > this.endDay) {
      this.stock.placements++;
      this.atEnd(ordinal, PLACEMENT_AT_END);
    }
  }

  private active(ordinal: number, bit: number): void {
    const before = this.caseBits[ordinal];
    if (!this.mark(ordinal, bit)) return;
    if (bit === MEASURE_ACTIVE) this.children.withMeasure++;
    else this.children.placed++;
    if ((before & (MEASURE_ACTIVE | PLACEMENT_ACTIVE)) === 0) this.children.withMeasureOrPlacement++;
  }

  private atEnd(ordinal: number, bit: number): void {
    const before = this.caseBits[ordinal];
    if (!this.mark(ordinal, bit)) return;
    if (bit === MEASURE_AT_END) this.stock.childrenWithMeasures++;
    else this.stock.childrenPlaced++;
    if ((before & (MEASURE_AT_END | PLACEMENT_AT_END)) === 0) this.stock.childrenWithMeasuresOrPlacements++;
  }

  reporters(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < REPORTERS.length; i++) if (this.byReporter[i] !== 0) out[REPORTERS[i]] = this.byReporter[i];
    return out;
  }
}

/**
 * Figures of a flow answer that add up, for complementary suppression. `byReporter` is not one: a
 * notification may name several reporters.
 */
const FLOW_SUMS: readonly AdditiveRelation[] = [
  { total: 'notifications.concluded', parts: ['notifications.byConclusion.*'] },
  { total: 'notifications.concluded', parts: ['notifications.reviewDurationDays'] },
  { total: 'investigations.closed', parts: ['investigations.byOutcome.*'] },
  { total: 'investigations.closed', parts: ['investigations.durationDays'] },
  { total: 'measures.started', parts: ['measures.byCategory.*'] },
  { total: 'measures.started', parts: ['measures.byBasis.*'] },
  { total: 'placements.started', parts: ['placements.byCategory.*'] },
  { total: 'placements.started', parts: ['placements.byBasis.*'] },
  { total: 'placements.fosterHomeStarted', parts: ['placements.byCategory.2.*'] },
  { total: 'placements.kinshipStarted', parts: [...KINSHIP].map((code) => `placements.byCategory.${code}`) },
];

/** Flow figures for a period (DOMAIN.md §4, CONTRACT.md `/v1/statistics/flow`). */
export function flow(model: ProjectionModel, query: FlowQuery): FlowAnswer | (FlowAnswer & Suppressed) {
  const answer = computeFlow(model, query);
  if (!query.suppressSmallCounts) return answer;
  return suppressSmallCounts(
    answer,
    {
      'notifications.toInvestigationShare': ['notifications.byConclusion.investigation', 'notifications.concluded'],
      'placements.emergencyShare': ['placements.byBasis.emergency', 'placements.started'],
      'placements.kinshipShare': ['placements.kinshipStarted', 'placements.fosterHomeStarted'],
    },
    { relations: FLOW_SUMS },
  );
}

function computeFlow(model: ProjectionModel, query: FlowQuery): FlowAnswer {
  const frame = frameOf(query);
  const t = new FlowSink(model, frame.fromDay, frame.toDay, frame.endDay);
  scan(model, frame.scope, frame.view, calendarFor(query.rules, query.method), t);
  const { n, u, m, p } = t;
  const placementBases = t.placementBases.toRecord();
  return {
    ...frame.echo,
    notifications: {
      received: n.received,
      receivedChildren: n.receivedChildren,
      acute: n.acute,
      byReporter: t.reporters(),
      byReporterUnit: 'notifications naming the reporter',
      concluded: n.concluded,
      byConclusion: t.byConclusion.toRecord(),
      toInvestigationShare: share(t.byConclusion.get(CONCLUDED_BY_INVESTIGATION), n.concluded),
      reviewDurationDays: t.reviewDurations.summary(),
    },
    investigations: { opened: u.opened, closed: u.closed, byOutcome: t.byOutcome.toRecord(), durationDays: t.durations.summary() },
    measures: {
      started: m.started,
      startedChildren: m.startedChildren,
      byCategory: t.measureCategories.toRecord(),
      byBasis: t.measureBases.toRecord(),
      ended: m.ended,
      active: { events: m.activeEvents, children: t.children.withMeasure },
    },
    placements: {
      started: p.started,
      startedChildren: p.startedChildren,
      byCategory: t.placementCategories.toRecord(),
      byBasis: placementBases,
      emergencyShare: share(placementBases['emergency'] ?? 0, p.started),
      fosterHomeStarted: p.fosterHome,
      kinshipStarted: p.kinship,
      kinshipShare: share(p.kinship, p.fosterHome),
      ended: p.ended,
      endedUnplanned: p.endedUnplanned,
      active: { events: p.activeEvents, children: t.children.placed },
    },
    children: t.children,
    stockAtEnd: t.stock,
    units: { default: 'events (notifications, investigations, measures, placements)', children: 'distinct cases', durations: 'days' },
  };
}
