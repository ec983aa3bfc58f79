import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { osloDateOf } from '@fristvakt/domain';
import { AccessPolicy, Allow, CurrentPrincipal, type Principal } from '../auth';
import { invalidInput, PROBLEM_TYPES, ProblemException, type ProblemError } from '../http/problem';
import { ProjectionsUnavailable } from '../projections/projections-unavailable';
import { DEADLINE_KINDS } from '@fristvakt/projections';
import { CLOCK, type Clock } from '../tokens';
import { GetComplianceQuery, GetDeadlinesQuery, GetFlowQuery, type FiguresParams } from './leader-queries';
import { queryMunicipalities } from './municipality-scope';
import {
  asOfParam,
  kindParam,
  knownAtParam,
  methodParam,
  minPositionParam,
  municipalitiesParam,
  periodParam,
  refuseUnknown,
  statusParam,
  suppressParam,
  type RawQuery,
} from './query-params';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

const MUNICIPALITY_DOC = 'kommunenummer; repeat or comma-separate for several (3201,3203). Default: every municipality the token holds';
const AS_OF_DOC = 'date or instant (valid time): only events that occurred by then count, statuses are measured on its Oslo date. Default: today';
const KNOWN_AT_DOC = 'instant, or a date meaning the end of that Oslo day (transaction time): the answer as the system would have given it then. Default: now';
const METHOD_DOC = '`legal` (month rules, default) or `statistical` (SSB/Bufdir day counts)';
const MIN_POSITION_DOC =
  'read your writes: wait until the figures reflect this log position (the `position` a POST answered), at most FRISTVAKT_MIN_POSITION_WAIT_MS; then 503 with Retry-After';
const PERIOD_DOC = '`2024`, `2024-H1`/`H2` (Bufdir half-years), `2024-Q3`, `2024-05`; or give `from` and `to` instead';
const SHARES_DOC = 'Shares are fractions 0–1 rounded to 3 decimals (null when the denominator is 0); mean durations to 1 decimal day.';

const FIGURES_PARAMS = ['municipality', 'period', 'from', 'to', 'method', 'knownAt', 'asOf', 'suppressSmallCounts', 'minPosition'];

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
    summary: 'Deadline board: open reviews and investigations, due plans and evaluations and owed foster-home visits, with the deadline in force and status, overdue first',
    description:
      'daysLeft = deadline − asOf (negative when overdue); `due_soon` within 2 days (reviews), 14 days (investigations) or the follow-up rule set\'s days (plans, evaluations, visits). ' +
      'A municipality sees the supervision visits owed for children of other municipalities placed in foster homes it supervises, and nothing else of those cases.',
  })
  @ApiQuery({ name: 'municipality', required: false, description: MUNICIPALITY_DOC })
  @ApiQuery({ name: 'status', required: false, enum: ['overdue', 'due_soon', 'ok'] })
  @ApiQuery({ name: 'kind', required: false, enum: [...DEADLINE_KINDS] })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF_DOC })
  @ApiQuery({ name: 'knownAt', required: false, description: KNOWN_AT_DOC })
  @ApiQuery({ name: 'method', required: false, enum: ['legal', 'statistical'], description: METHOD_DOC })
  @ApiQuery({ name: 'minPosition', required: false, description: MIN_POSITION_DOC })
  @ApiResponse({ status: 200, description: '{ asOf, knownAt, method, municipalities, position, items: [{ kind, caseId, municipality, id, deadline, status, daysLeft, ruleSet, since, extension?, owed?, supervisedBy? }] }' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  async deadlines(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const errors: ProblemError[] = [];
    refuseUnknown(query, ['municipality', 'status', 'kind', 'asOf', 'knownAt', 'method', 'minPosition'], errors);
    const requested = municipalitiesParam(query, errors);
    const params = {
      status: statusParam(query, errors),
      kind: kindParam(query, errors),
      asOf: asOfParam(query, this.today(), errors),
      knownAt: knownAtParam(query, errors),
      method: methodParam(query, errors),
      minPosition: minPositionParam(query, errors),
    };
    if (errors.length > 0) throw invalidInput(summary(errors), errors);
    const municipalities = queryMunicipalities(this.access, principal, requested);
    return this.ask(reply, new GetDeadlinesQuery({ ...params, municipalities }));
  }

  @Get('compliance')
  @Allow('leader', 'auditor')
  @ApiOperation({
    summary:
      'Compliance indicators for a period: reviews within a week, investigation deadline breaches, extensions, open and overdue at the end; followUp: plans, evaluated plans, care plans, follow-up and supervision visits, aftercare (children)',
    description: SHARES_DOC,
  })
  @ApiFiguresQuery()
  @ApiResponse({ status: 200, description: 'see CONTRACT.md §2; `measuredAt` = min(period end, asOf) for the "at end" figures' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  async compliance(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.ask(reply, new GetComplianceQuery(this.figuresParams(principal, query)));
  }

  @Get('statistics/flow')
  @Allow('leader', 'auditor')
  @ApiOperation({
    summary: 'Flow for a period: notifications received and concluded, investigations, measures and placements started, stock at the end, reporters',
    description: `${SHARES_DOC} Children (cases) and events are counted separately and labelled.`,
  })
  @ApiFiguresQuery()
  @ApiResponse({ status: 200, description: 'see CONTRACT.md §2' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  async flow(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return this.ask(reply, new GetFlowQuery(this.figuresParams(principal, query)));
  }

  private figuresParams(principal: Principal, query: RawQuery): FiguresParams {
    const errors: ProblemError[] = [];
    refuseUnknown(query, FIGURES_PARAMS, errors);
    const requested = municipalitiesParam(query, errors);
    const period = periodParam(query, errors);
    const params = {
      method: methodParam(query, errors),
      knownAt: knownAtParam(query, errors),
      asOf: asOfParam(query, this.today(), errors),
      suppressSmallCounts: suppressParam(query, errors),
      minPosition: minPositionParam(query, errors),
    };
    if (errors.length > 0 || period === undefined) throw invalidInput(summary(errors), errors);
    const municipalities = queryMunicipalities(this.access, principal, requested);
    if (municipalities !== null && municipalities.length === 0) {
      throw new ProblemException({ type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: 'The token holds no municipality.' });
    }
    // several municipalities are one population: medians and percentiles over the union
    return { ...params, period, municipality: null, ...(municipalities === null ? {} : { municipalities }) };
  }

  private async ask(reply: FastifyReply, query: GetDeadlinesQuery | GetComplianceQuery | GetFlowQuery): Promise<unknown> {
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

function ApiFiguresQuery(): MethodDecorator {
  const decorators = [
    ApiQuery({ name: 'period', required: false, description: PERIOD_DOC }),
    ApiQuery({ name: 'from', required: false, description: 'first date YYYY-MM-DD, with `to` (inclusive)' }),
    ApiQuery({ name: 'to', required: false, description: 'last date YYYY-MM-DD, with `from` (inclusive)' }),
    ApiQuery({ name: 'municipality', required: false, description: `${MUNICIPALITY_DOC}; several are answered as one population (medians over their union), named in \`municipalities\`` }),
    ApiQuery({ name: 'method', required: false, enum: ['legal', 'statistical'], description: METHOD_DOC }),
    ApiQuery({ name: 'knownAt', required: false, description: KNOWN_AT_DOC }),
    ApiQuery({ name: 'asOf', required: false, description: `${AS_OF_DOC}; "at end" figures are measured at min(period end, asOf)` }),
    ApiQuery({ name: 'suppressSmallCounts', required: false, enum: ['true', 'false'], description: 'for figures leaving the service: counts 1–4 become null and are listed in `suppressed`, and so does a figure that would give a hidden one back as a sum minus its other parts' }),
    ApiQuery({ name: 'minPosition', required: false, description: MIN_POSITION_DOC }),
  ];
  return (target, key, descriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
  };
}

function summary(errors: ProblemError[]): string {
  const names = errors.map((e) => ('parameter' in e ? e.parameter : 'header' in e ? e.header : e.pointer));
  return `${errors.length} invalid input${errors.length === 1 ? '' : 's'}: ${names.join(', ')}`;
}
