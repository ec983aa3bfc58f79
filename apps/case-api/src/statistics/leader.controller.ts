import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus, type Query as CqrsQuery } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { osloDateOf } from '@fristvakt/domain';
import type { ComplianceAnswer, FlowAnswer } from '@fristvakt/projections';
import { AccessPolicy, Allow, CurrentPrincipal, type Principal } from '../auth';
import { PROBLEM_TYPES, ProblemException } from '../http/problem';
import { ApiQueryParams, QueryParamsPipe } from '../http/query-params';
import { ProjectionsUnavailable } from '../projections/projections-unavailable';
import { CLOCK, type Clock } from '../tokens';
import { DEADLINE_PARAMS, FIGURES_PARAMS, type DeadlinesParams, type FiguresQueryParams } from './leader-params';
import {
  GetComplianceQuery,
  GetDeadlinesQuery,
  GetFlowQuery,
  type AtPosition,
  type DeadlineBoard,
  type FiguresParams,
} from './leader-queries';
import { queryMunicipalities } from './municipality-scope';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

const SHARES_DOC = 'Shares are fractions 0–1 rounded to 3 decimals (null when the denominator is 0); mean durations to 1 decimal day.';

/**
 * Leader views from the projections (CONTRACT.md §2): the deadline board, compliance indicators
 * and flow statistics. Parsing and access here, figures in the query handlers.
 */
@ApiTags('leaders')
@Controller('v1')
export class LeaderController {
  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('deadlines')
  @Allow('intake', 'leader', 'auditor')
  @ApiOperation({
    summary:
      'Deadline board: open reviews and investigations, due plans and evaluations and owed foster-home visits, with the deadline in force and status, overdue first',
    description:
      "daysLeft = deadline − asOf (negative when overdue); `due_soon` within 2 days (reviews), 14 days (investigations) or the follow-up rule set's days (plans, evaluations, visits). " +
      'A municipality sees the supervision visits owed for children of other municipalities placed in foster homes it supervises, and nothing else of those cases.',
  })
  @ApiQueryParams(DEADLINE_PARAMS)
  @ApiResponse({
    status: 200,
    description:
      '{ asOf, knownAt, method, municipalities, position, items: [{ kind, caseId, municipality, id, deadline, status, daysLeft, ruleSet, since, extension?, owed?, supervisedBy? }] }',
  })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  deadlines(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(DEADLINE_PARAMS)) params: DeadlinesParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeadlineBoard> {
    const { municipality, asOf, ...rest } = params;
    const municipalities = queryMunicipalities(this.access, principal, municipality);
    return this.ask(reply, new GetDeadlinesQuery({ ...rest, asOf: asOf ?? this.today(), municipalities }));
  }

  @Get('compliance')
  @Allow('leader', 'auditor')
  @ApiOperation({
    summary:
      'Compliance indicators for a period: reviews within a week, investigation deadline breaches, extensions, open and overdue at the end; followUp: plans, evaluated plans, care plans, follow-up and supervision visits, aftercare (children)',
    description: SHARES_DOC,
  })
  @ApiQueryParams(FIGURES_PARAMS)
  @ApiResponse({ status: 200, description: 'see CONTRACT.md §2; `measuredAt` = min(period end, asOf) for the "at end" figures' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  compliance(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(FIGURES_PARAMS)) params: FiguresQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplianceAnswer & AtPosition> {
    return this.ask(reply, new GetComplianceQuery(this.figuresParams(principal, params)));
  }

  @Get('statistics/flow')
  @Allow('leader', 'auditor')
  @ApiOperation({
    summary:
      'Flow for a period: notifications received and concluded, investigations, measures and placements started, stock at the end, reporters',
    description: `${SHARES_DOC} Children (cases) and events are counted separately and labelled.`,
  })
  @ApiQueryParams(FIGURES_PARAMS)
  @ApiResponse({ status: 200, description: 'see CONTRACT.md §2' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  flow(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(FIGURES_PARAMS)) params: FiguresQueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FlowAnswer & AtPosition> {
    return this.ask(reply, new GetFlowQuery(this.figuresParams(principal, params)));
  }

  private figuresParams(principal: Principal, params: FiguresQueryParams): FiguresParams {
    const { municipality, period, asOf, ...rest } = params;
    const municipalities = queryMunicipalities(this.access, principal, municipality);
    if (municipalities !== null && municipalities.length === 0) {
      throw new ProblemException({
        type: PROBLEM_TYPES.forbidden,
        title: 'Forbidden',
        status: 403,
        detail: 'The token holds no municipality.',
      });
    }
    // several municipalities are one population: medians and percentiles over the union
    // `period!`: its reader refused the request when the period was absent or bad
    return {
      ...rest,
      asOf: asOf ?? this.today(),
      period: period!,
      municipality: null,
      ...(municipalities === null ? {} : { municipalities }),
    };
  }

  private async ask<T>(reply: FastifyReply, query: CqrsQuery<T>): Promise<T> {
    try {
      return await this.queryBus.execute(query);
    } catch (error) {
      if (error instanceof ProjectionsUnavailable) void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
  }

  private today(): string {
    return osloDateOf(this.clock().toISOString());
  }
}
