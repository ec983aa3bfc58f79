import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DEFAULT_DEADLINE_RULES, type CountingMethod } from '@fristvakt/domain';
import { compliance, flow, type ComplianceAnswer, type FlowAnswer, type ProjectionModel } from '@fristvakt/projections';
import { ProjectionsService } from '../projections/projections.service';

export interface StateReportParams {
  year: number;
  /** one municipality, or null for every one (a `*` token) */
  municipality: string | null;
  method: CountingMethod;
  knownAt: string | null;
  /** today's Oslo date: figures of a year still running are measured on it */
  asOf: string;
}

/** One period's answers, unsuppressed and at full precision: the report rounds and suppresses itself. */
export interface PeriodFigures {
  flow: FlowAnswer;
  compliance: ComplianceAnswer;
}

export interface StateReportFigures {
  params: StateReportParams;
  /** year − 4 … year, oldest first */
  years: Array<{ year: number } & PeriodFigures>;
  halves: { H1: PeriodFigures; H2: PeriodFigures };
  /** the last log position the figures reflect */
  position: number;
}

export class GetStateReportQuery extends Query<StateReportFigures> {
  constructor(readonly params: StateReportParams) {
    super();
  }
}

export const REPORT_YEARS = 5;

/**
 * The figures of the state report, all from the projections library's compliance and flow
 * queries (the same the leader endpoints answer), on one model snapshot so every table agrees.
 */
@QueryHandler(GetStateReportQuery)
export class GetStateReportHandler implements IQueryHandler<GetStateReportQuery, StateReportFigures> {
  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {}

  async execute({ params }: GetStateReportQuery): Promise<StateReportFigures> {
    const { model, position } = await this.projections.modelAt(undefined);
    const years = Array.from({ length: REPORT_YEARS }, (_, i) => params.year - REPORT_YEARS + 1 + i).map((year) => ({
      year,
      ...periodFigures(model, params, String(year)),
    }));
    const halves = { H1: periodFigures(model, params, `${params.year}-H1`), H2: periodFigures(model, params, `${params.year}-H2`) };
    return { params, years, halves, position };
  }
}

function periodFigures(model: ProjectionModel, params: StateReportParams, period: string): PeriodFigures {
  const query = {
    ...(params.municipality === null ? {} : { municipality: params.municipality }),
    period,
    method: params.method,
    knownAt: params.knownAt,
    asOf: params.asOf,
    suppressSmallCounts: false,
    rules: DEFAULT_DEADLINE_RULES,
  };
  return { flow: flow(model, query), compliance: compliance(model, query) };
}
