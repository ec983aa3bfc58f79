import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DEFAULT_DEADLINE_RULES, type CountingMethod } from '@fristvakt/domain';
import {
  children,
  compliance,
  flow,
  type ChildrenAnswer,
  type ComplianceAnswer,
  type FlowAnswer,
  type ProjectionModel,
} from '@fristvakt/projections';
import { ProjectionsService } from '../projections/projections.service';
import { REFERENCE_DATA } from './reference/reference-data.provider';
import type { ReferenceData } from './reference/reference-values';

export interface StateReportParams {
  year: number;
  /** the municipalities reported on (one, or a joint service's several), or null for every one (a `*` token) */
  municipalities: string[] | null;
  /** how many years the trend tables cover, ending with `year` */
  years: number;
  method: CountingMethod;
  knownAt: string | null;
  /** today's Oslo date: figures of a year still running are measured on it */
  asOf: string;
}

/** One period's answers, unsuppressed and at full precision: the report rounds and suppresses itself. */
export interface PeriodFigures {
  flow: FlowAnswer;
  compliance: ComplianceAnswer;
  children: ChildrenAnswer;
}

export type YearFigures = { year: number } & PeriodFigures;

export interface StateReportFigures {
  params: StateReportParams;
  /** year − years + 1 … year, oldest first, over all municipalities reported on */
  years: YearFigures[];
  halves: { H1: PeriodFigures; H2: PeriodFigures };
  /** a joint service's municipalities one by one (the report year only); empty for one municipality */
  byMunicipality: Array<{ municipality: string; current: YearFigures }>;
  /** the first year of the span with any event in it; null when none has */
  firstDataYear: number | null;
  /** published figures and population to compare with (imported, never fetched) */
  reference: ReferenceData;
  /** the last log position the figures reflect */
  position: number;
}

export class GetStateReportQuery extends Query<StateReportFigures> {
  constructor(readonly params: StateReportParams) {
    super();
  }
}

export const REPORT_YEARS = { default: 5, max: 10 } as const;

/**
 * The figures of the state report, all from the projections library's compliance and flow
 * queries (the same the leader endpoints answer), on one model snapshot so every table agrees.
 */
@QueryHandler(GetStateReportQuery)
export class GetStateReportHandler implements IQueryHandler<GetStateReportQuery, StateReportFigures> {
  constructor(
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    @Inject(REFERENCE_DATA) private readonly reference: ReferenceData,
  ) {}

  async execute({ params }: GetStateReportQuery): Promise<StateReportFigures> {
    const { model, position } = await this.projections.modelAt(undefined);
    return stateReportFigures(model, params, this.reference, position);
  }
}

/** The report's figures from one model snapshot (pure: the handler's work, for specs too). */
export function stateReportFigures(
  model: ProjectionModel,
  params: StateReportParams,
  reference: ReferenceData,
  position: number,
): StateReportFigures {
  const all = params.municipalities;
  const years = Array.from({ length: params.years }, (_, i) => params.year - params.years + 1 + i).map((year) => ({
    year,
    ...periodFigures(model, params, all, String(year)),
  }));
  const halves = {
    H1: periodFigures(model, params, all, `${params.year}-H1`),
    H2: periodFigures(model, params, all, `${params.year}-H2`),
  };
  const byMunicipality =
    all !== null && all.length > 1
      ? all.map((m) => ({ municipality: m, current: { year: params.year, ...periodFigures(model, params, [m], String(params.year)) } }))
      : [];
  const firstDataYear = years.find((y) => hasData(y))?.year ?? null;
  return { params, years, halves, byMunicipality, firstDataYear, reference, position };
}

/** Anything received, open, started or active in the year: a year before the service's history in Fristvakt has none. */
function hasData({ flow: f }: PeriodFigures): boolean {
  return (
    (f.notifications.received ?? 0) +
      (f.stockAtEnd.openNotifications ?? 0) +
      (f.stockAtEnd.openInvestigations ?? 0) +
      (f.children.withMeasureOrPlacement ?? 0) >
    0
  );
}

function periodFigures(model: ProjectionModel, params: StateReportParams, municipalities: string[] | null, period: string): PeriodFigures {
  const query = {
    ...(municipalities === null ? {} : { municipalities }),
    period,
    method: params.method,
    knownAt: params.knownAt,
    asOf: params.asOf,
    suppressSmallCounts: false,
    rules: DEFAULT_DEADLINE_RULES,
  };
  return { flow: flow(model, query), compliance: compliance(model, query), children: children(model, query) };
}
