import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InvalidRecordRequest, type RecordResult } from '@fristvakt/case-recording';
import { osloDateOf } from '@fristvakt/domain';
import { caseTimeline } from '@fristvakt/audit';
import { LogAccess } from '../audit/log-access.decorator';
import { AccessPolicy, Allow, caseMunicipalities, CurrentPrincipal, type Principal } from '../auth';
import { invalidInput, type ProblemError, type ProblemException } from '../http/problem';
import { CLOCK, type Clock } from '../tokens';
import { GetCaseEventsQuery, type CaseEventsResult } from './get-case-events.query';
import { GetCaseQuery } from './get-case.query';
import { RecordCaseEventsCommand } from './record-case-events.command';
import { parseKnownAt } from '@fristvakt/projections';
import { asOfParam, knownAtParam, methodParam, minPositionParam } from '../statistics/query-params';
import { caseIdParam, ifMatchVersion, requireJson, unknownQueryParams, versionTag } from './request-inputs';

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
  @ApiResponse({ status: 404, ...problem, description: "the case belongs to a municipality the token does not hold (answered as if it did not exist)" })
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
    if (errors.length > 0) throw invalidInput(summary(errors), errors);

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
  @ApiQuery({ name: 'asOf', required: false, description: "Oslo date YYYY-MM-DD; default today's" })
  @ApiQuery({ name: 'method', required: false, enum: ['legal', 'statistical'] })
  @ApiQuery({ name: 'knownAt', required: false, description: 'instant: only events recorded up to then count' })
  @ApiQuery({
    name: 'minPosition',
    required: false,
    description: 'accepted for symmetry with the leader queries and ignored: this answer reads the case stream itself, so it always includes every recorded event',
  })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/CaseView' } })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 404, ...problem })
  async getCase(
    @CurrentPrincipal() principal: Principal,
    @Param('caseId') caseIdText: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const errors: ProblemError[] = [];
    const caseId = caseIdParam(caseIdText, errors, true);
    unknownQueryParams(query, ['asOf', 'method', 'knownAt', 'minPosition'], errors);
    // the same readers as the leader queries, so a date or an instant means the same on both
    minPositionParam(query, errors);
    const asOf = asOfParam(query, osloDateOf(this.clock().toISOString()), errors);
    const method = methodParam(query, errors);
    const knownAt = knownAtParam(query, errors);
    if (errors.length > 0) throw invalidInput(summary(errors), errors);
    const knownAtMs = knownAt === null ? undefined : parseKnownAt(knownAt);

    const result = await this.queryBus.execute(new GetCaseQuery(caseId, asOf, method, knownAtMs));
    this.access.assertCaseVisible(principal, caseId, result.municipalities);
    void reply.header('etag', versionTag(result.version));
    return result.view;
  }

  @Get(':caseId/events')
  @Allow('intake', 'auditor')
  @LogAccess('case.history')
  @ApiOperation({ summary: 'The case stream in order, retracted events included, with server metadata' })
  @ApiQuery({
    name: 'view',
    required: false,
    enum: ['timeline'],
    description: 'timeline: each event also with validTime, recordedTime, retracted (by which event) and lateness (days, hours)',
  })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/CaseEvents' } })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 404, ...problem })
  async getEvents(
    @CurrentPrincipal() principal: Principal,
    @Param('caseId') caseIdText: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseEventsResult> {
    const errors: ProblemError[] = [];
    const caseId = caseIdParam(caseIdText, errors, true);
    unknownQueryParams(query, ['view'], errors);
    if (query?.view !== undefined && query.view !== 'timeline') errors.push({ parameter: 'view', detail: 'must be timeline' });
    if (errors.length > 0) throw invalidInput(summary(errors), errors);
    const result = await this.queryBus.execute(new GetCaseEventsQuery(caseId));
    this.access.assertCaseVisible(principal, caseId, caseMunicipalities(result.events));
    void reply.header('etag', versionTag(result.version));
    return query?.view === 'timeline' ? { ...result, events: caseTimeline(result.events) } : result;
  }
}

/** The pipeline's refusal placed in this route: the case id is a path parameter, the pinned version `If-Match`. */
function invalidRecordRequest(error: InvalidRecordRequest): ProblemException {
  const errors: ProblemError[] = [
    ...(error.caseIdProblem === undefined ? [] : [{ parameter: 'caseId', detail: error.caseIdProblem }]),
    ...error.bodyProblems,
    ...(error.pinnedVersionProblem === undefined ? [] : [{ header: 'If-Match', detail: error.pinnedVersionProblem }]),
  ];
  return invalidInput(summary(errors), errors);
}

function summary(errors: ProblemError[]): string {
  const names = errors.map((e) => ('pointer' in e ? e.pointer || '(body)' : 'parameter' in e ? e.parameter : e.header));
  const shown = names.slice(0, 10).join(', ');
  return `${errors.length} invalid input${errors.length === 1 ? '' : 's'}: ${shown}${names.length > 10 ? ', …' : ''}`;
}
