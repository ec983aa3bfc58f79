import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InvalidRecordRequest, type RecordResult } from '@fristvakt/case-recording';
import { osloDateOf, type CaseView } from '@fristvakt/domain';
import { parseKnownAt } from '@fristvakt/projections';
import { caseTimeline } from '@fristvakt/audit';
import { LogAccess } from '../audit/log-access.decorator';
import { AccessPolicy, Allow, caseMunicipalities, CurrentPrincipal, type Principal } from '../auth';
import { invalidInput, problemSummary, type ProblemError, type ProblemException } from '../http/problem';
import { ApiQueryParams, QueryParamsPipe } from '../http/query-params';
import { CLOCK, type Clock } from '../tokens';
import { GetCaseEventsQuery, type CaseEventsResult } from './get-case-events.query';
import { GetCaseQuery } from './get-case.query';
import { RecordCaseEventsCommand } from './record-case-events.command';
import { CASE_EVENTS_PARAMS, CASE_VIEW_PARAMS, type CaseEventsParams, type CaseViewParams } from './case-params';
import { caseIdParam, ifMatchVersion, requireJson, versionTag } from './request-inputs';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

/**
 * Thin HTTP edge: parses and validates explicitly (no ValidationPipe, which relies on reflected
 * types), then hands over to the command and query buses.
 */
@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  @Post(':caseId/events')
  @Allow('intake')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record events in a case, all or nothing; resending the same eventIds and content returns the original result' })
  @ApiParam({ name: 'caseId', description: 'pseudonymous case id: 1-64 of [A-Za-z0-9_-], never a fødselsnummer/D-nummer' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'W/"<version>": same as expectedVersion' })
  @ApiBody({ schema: { $ref: '#/components/schemas/RecordRequest' } })
  @ApiResponse({ status: 201, description: 'recorded (or an exact resend)', schema: { $ref: '#/components/schemas/RecordResult' } })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({
    status: 404,
    ...problem,
    description: 'the case belongs to a municipality the token does not hold (answered as if it did not exist)',
  })
  @ApiResponse({ status: 409, ...problem })
  @ApiResponse({ status: 413, ...problem })
  @ApiResponse({ status: 415, ...problem })
  @ApiResponse({ status: 422, ...problem })
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('caseId') caseIdText: string,
    @Headers('content-type') contentType: string | undefined,
    @Headers('if-match') ifMatch: string | string[] | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<RecordResult, 'replayed'>> {
    requireJson(contentType);
    const errors: ProblemError[] = [];
    const pinnedVersion = ifMatchVersion(ifMatch, errors);
    if (errors.length > 0) throw invalidInput(problemSummary(errors), errors);

    const request = { caseId: caseIdText, body, pinnedVersion };
    const result = await this.commandBus.execute(new RecordCaseEventsCommand(request, principal)).catch((error: unknown) => {
      throw error instanceof InvalidRecordRequest ? invalidRecordRequest(error) : error;
    });
    void reply.header('etag', versionTag(result.version));
    return { caseId: result.caseId, version: result.version, position: result.position, eventIds: result.eventIds };
  }

  @Get(':caseId')
  @Allow('intake', 'leader', 'auditor')
  @ApiOperation({ summary: 'Current state of the case with computed deadlines' })
  @ApiQueryParams(CASE_VIEW_PARAMS)
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/CaseView' } })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 404, ...problem })
  async getCase(
    @CurrentPrincipal() principal: Principal,
    @Param('caseId') caseIdText: string,
    @Query(new QueryParamsPipe(CASE_VIEW_PARAMS)) params: CaseViewParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseView> {
    const caseId = caseIdOf(caseIdText);
    const asOf = params.asOf ?? osloDateOf(this.clock().toISOString());
    const knownAtMs = params.knownAt === null ? undefined : parseKnownAt(params.knownAt);
    const result = await this.queryBus.execute(new GetCaseQuery(caseId, asOf, params.method, knownAtMs));
    this.access.assertCaseVisible(principal, caseId, result.municipalities);
    void reply.header('etag', versionTag(result.version));
    return result.view;
  }

  @Get(':caseId/events')
  @Allow('intake', 'auditor')
  @LogAccess('case.history')
  @ApiOperation({ summary: 'The case stream in order, retracted events included, with server metadata' })
  @ApiQueryParams(CASE_EVENTS_PARAMS)
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/CaseEvents' } })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 404, ...problem })
  async getEvents(
    @CurrentPrincipal() principal: Principal,
    @Param('caseId') caseIdText: string,
    @Query(new QueryParamsPipe(CASE_EVENTS_PARAMS)) params: CaseEventsParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseEventsResult> {
    const caseId = caseIdOf(caseIdText);
    const result = await this.queryBus.execute(new GetCaseEventsQuery(caseId));
    this.access.assertCaseVisible(principal, caseId, caseMunicipalities(result.events));
    void reply.header('etag', versionTag(result.version));
    return params.view === 'timeline' ? { ...result, events: caseTimeline(result.events) } : result;
  }
}

/** The pipeline's refusal placed in this route: the case id is a path parameter, the pinned version `If-Match`. */
function invalidRecordRequest(error: InvalidRecordRequest): ProblemException {
  const errors: ProblemError[] = [
    ...(error.caseIdProblem === undefined ? [] : [{ parameter: 'caseId', detail: error.caseIdProblem }]),
    ...error.bodyProblems,
    ...(error.pinnedVersionProblem === undefined ? [] : [{ header: 'If-Match', detail: error.pinnedVersionProblem }]),
  ];
  return invalidInput(problemSummary(errors), errors);
}

/** The case id of a read: 400 naming the path parameter when it cannot be one. */
function caseIdOf(text: string): string {
  const errors: ProblemError[] = [];
  const caseId = caseIdParam(text, errors, true);
  if (errors.length > 0) throw invalidInput(problemSummary(errors), errors);
  return caseId;
}
