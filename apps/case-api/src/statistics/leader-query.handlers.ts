import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { compliance, deadlines, flow, type ComplianceAnswer, type FlowAnswer } from '@fristvakt/projections';
import { ProjectionsService } from '../projections/projections.service';
import {
  GetComplianceQuery,
  GetDeadlinesQuery,
  GetFlowQuery,
  type AtPosition,
  type DeadlineBoard,
  type FiguresParams,
} from './leader-queries';
import { roundForPresentation } from './presentation';

const rules = DEFAULT_DEADLINE_RULES;

@QueryHandler(GetDeadlinesQuery)
export class GetDeadlinesHandler implements IQueryHandler<GetDeadlinesQuery, DeadlineBoard> {
  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {}

  async execute({ params }: GetDeadlinesQuery): Promise<DeadlineBoard> {
    const { model, position } = await this.projections.modelAt(params.minPosition);
    const { municipalities, minPosition: _minPosition, ...query } = params;
    const board = deadlines(model, { ...query, ...(municipalities === null ? {} : { municipalities }), rules });
    return { ...board, municipalities, position };
  }
}

@QueryHandler(GetComplianceQuery)
export class GetComplianceHandler implements IQueryHandler<GetComplianceQuery, ComplianceAnswer & AtPosition> {
  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {}

  async execute({ params }: GetComplianceQuery): Promise<ComplianceAnswer & AtPosition> {
    const { model, position } = await this.projections.modelAt(params.minPosition);
    return { ...roundForPresentation(compliance(model, figuresQuery(params))), position };
  }
}

@QueryHandler(GetFlowQuery)
export class GetFlowHandler implements IQueryHandler<GetFlowQuery, FlowAnswer & AtPosition> {
  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {}

  async execute({ params }: GetFlowQuery): Promise<FlowAnswer & AtPosition> {
    const { model, position } = await this.projections.modelAt(params.minPosition);
    return { ...roundForPresentation(flow(model, figuresQuery(params))), position };
  }
}

function figuresQuery(params: FiguresParams) {
  const { municipality, municipalities, period, method, knownAt, asOf, suppressSmallCounts } = params;
  return {
    ...(municipality === null ? {} : { municipality }),
    ...(municipalities === undefined ? {} : { municipalities }),
    period,
    method,
    knownAt,
    asOf,
    suppressSmallCounts,
    rules,
  };
}
