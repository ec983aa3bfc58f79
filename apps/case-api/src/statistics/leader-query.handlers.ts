import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { compliance, deadlines, flow, type ComplianceAnswer, type DeadlineItem, type FlowAnswer } from '@fristvakt/projections';
import { ProjectionsService } from '../projections/projections.service';
import { GetComplianceQuery, GetDeadlinesQuery, GetFlowQuery, type AtPosition, type DeadlineBoard, type FiguresParams } from './leader-queries';
import { roundForPresentation } from './presentation';

const rules = DEFAULT_DEADLINE_RULES;

@QueryHandler(GetDeadlinesQuery)
export class GetDeadlinesHandler implements IQueryHandler<GetDeadlinesQuery, DeadlineBoard> {
  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {}

  async execute({ params }: GetDeadlinesQuery): Promise<DeadlineBoard> {
    const { model, position } = await this.projections.modelAt(params.minPosition);
    const { municipalities, minPosition: _minPosition, ...query } = params;
    if (municipalities === null) return { ...deadlines(model, { ...query, rules }), municipalities, position };
    // The library filters by one municipality; each list is in board order, so the merge re-sorts.
    const boards = municipalities.map((municipality) => deadlines(model, { ...query, municipality, rules }));
    const items = boards.flatMap((board) => board.items).sort(boardOrder);
    return { asOf: query.asOf, knownAt: query.knownAt, method: query.method, items, municipalities, position };
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
  const { municipality, period, method, knownAt, asOf, suppressSmallCounts } = params;
  return { ...(municipality === null ? {} : { municipality }), period, method, knownAt, asOf, suppressSmallCounts, rules };
}

const STATUS_ORDER = { overdue: 0, due_soon: 1, ok: 1 } as const;

/** The library's board order: overdue first, then by deadline, case, kind and id. */
function boardOrder(a: DeadlineItem, b: DeadlineItem): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compare(a.deadline, b.deadline) ||
    compare(a.caseId, b.caseId) ||
    compare(a.kind, b.kind) ||
    compare(a.id, b.id)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
