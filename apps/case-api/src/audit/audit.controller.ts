import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DEFAULT_DEADLINE_RULES, osloDateOf } from '@fristvakt/domain';
import { parseKnownAt } from '@fristvakt/projections';
import type { AccessLog, AuditEventFilter, StoredAccessEntry } from '@fristvakt/audit';
import { AccessPolicy, ALL_MUNICIPALITIES, Allow, CurrentPrincipal, type Principal } from '../auth';
import { invalidInput, PROBLEM_TYPES, ProblemException, type ProblemError } from '../http/problem';
import { GetComplianceQuery, type FiguresParams } from '../statistics/leader-queries';
import { queryMunicipalities } from '../statistics/municipality-scope';
import { asOfParam, knownAtParam, methodParam, municipalitiesParam, periodParam, refuseUnknown, type RawQuery } from '../statistics/query-params';
import { CLOCK, type Clock } from '../tokens';
import { caseIdQueryParam, expectHeadParam, formatParam, integerParam, problemSummary, recordedBoundParam, textParam } from './audit-params';
import { AuditService } from './audit.service';
import { ACCESS_LOG } from './audit.tokens';
import { LogAccess } from './log-access.decorator';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

/** Auditor endpoints (CONTRACT.md §2): integrity, full history and export, replay, late registrations, access log. */
@ApiTags('audit')
@Controller('v1/audit')
@Allow('auditor')
export class AuditController {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('verify')
  @LogAccess('audit.verify')
  @ApiOperation({ summary: 'Integrity of the whole log: the hash chain, with the head to pin, or the first broken position and how' })
  @ApiQuery({ name: 'expectHead', required: false, description: '<headHash>@<headPosition> pinned earlier: the log must still extend it' })
  @ApiResponse({ status: 200, description: '{ ok: true, count, headPosition, headHash } or { ok: false, count, brokenAt, reason: changed|missing|reordered, detail }' })
  async verify(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    const errors: ProblemError[] = [];
    refuseUnknown(query, ['expectHead'], errors);
    const expectHead = expectHeadParam(query, errors);
    if (errors.length > 0) throw invalidInput(problemSummary(errors), errors);
    const report = await this.audit.verify(expectHead);
    if (principal.municipalities === ALL_MUNICIPALITIES) return report;
    // The log's size is every municipality's business together: a scoped auditor learns whether
    // the chain holds, not how many events all municipalities have.
    const { count: _count, headPosition: _headPosition, ...withoutTotals } = report as Record<string, unknown>;
    return withoutTotals;
  }

  @Get('events')
  @LogAccess('audit.events')
  @ApiOperation({ summary: 'Every event, retracted ones included, streamed as NDJSON (or CSV), oldest first' })
  @ApiQuery({ name: 'from', required: false, description: 'recordedAt ≥ from (instant, or date = start of that Oslo day)' })
  @ApiQuery({ name: 'to', required: false, description: 'recordedAt ≤ to (instant, or date = end of that Oslo day)' })
  @ApiQuery({ name: 'municipality', required: false })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['ndjson', 'csv'] })
  @ApiResponse({ status: 200, description: 'application/x-ndjson or text/csv' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  async events(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const errors: ProblemError[] = [];
    refuseUnknown(query, ['from', 'to', 'municipality', 'caseId', 'format'], errors);
    const filter = this.eventFilter(principal, query, errors);
    const format = formatParam(query, errors);
    if (errors.length > 0) throw invalidInput(problemSummary(errors), errors);
    void reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="fristvakt-events.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    return this.audit.exportStream(filter, format);
  }

  @Get('compare')
  @LogAccess('audit.compare')
  @ApiOperation({
    summary: 'Compliance figures for a period as known at knownAt and now, with exactly the events that explain the difference',
    description: 'explainedBy: events recorded after knownAt, and events retracted after knownAt, whose toggling changes the figures of the period.',
  })
  @ApiQuery({ name: 'period', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'knownAt', required: true })
  @ApiQuery({ name: 'municipality', required: false })
  @ApiQuery({ name: 'method', required: false, enum: ['legal', 'statistical'] })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiResponse({ status: 200, description: '{ then, now, explainedBy: [{ eventId, caseId, type, occurredAt, recordedAt, why }] }' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  async compare(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    const errors: ProblemError[] = [];
    refuseUnknown(query, ['period', 'from', 'to', 'knownAt', 'municipality', 'method', 'asOf'], errors);
    const period = periodParam(query, errors);
    const knownAt = knownAtParam(query, errors);
    if (knownAt === null && !errors.some((e) => 'parameter' in e && e.parameter === 'knownAt')) {
      errors.push({ parameter: 'knownAt', detail: 'required: the instant (or date) the earlier figures were known at' });
    }
    const method = methodParam(query, errors);
    const asOf = asOfParam(query, osloDateOf(this.clock().toISOString()), errors);
    const municipality = this.oneMunicipality(principal, municipalitiesParam(query, errors), errors);
    if (errors.length > 0 || period === undefined || knownAt === null) throw invalidInput(problemSummary(errors), errors);

    const head = await this.audit.headPosition();
    const params: FiguresParams = { municipality, period, method, knownAt: null, asOf, suppressSmallCounts: false, minPosition: head };
    const [then, now] = await Promise.all([
      this.queryBus.execute(new GetComplianceQuery({ ...params, knownAt })),
      this.queryBus.execute(new GetComplianceQuery(params)),
    ]);
    const explainedBy = await this.audit.explain(
      { period, knownAtMs: parseKnownAt(knownAt), method, rules: DEFAULT_DEADLINE_RULES, asOf, ...(municipality === null ? {} : { municipality }) },
      head,
    );
    return { then, now, explainedBy };
  }

  @Get('late-registrations')
  @LogAccess('audit.late-registrations')
  @ApiOperation({ summary: 'Events recorded more than N days after they occurred: counts by type and municipality, worst first' })
  @ApiQuery({ name: 'days', required: false, description: 'default 7' })
  @ApiQuery({ name: 'period', required: false, description: 'only events that occurred in it' })
  @ApiQuery({ name: 'municipality', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'how many of the worst to list; default 100' })
  async lateRegistrations(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    const errors: ProblemError[] = [];
    refuseUnknown(query, ['days', 'period', 'from', 'to', 'municipality', 'limit'], errors);
    const days = integerParam(query, 'days', 7, 0, 100_000, errors);
    const limit = integerParam(query, 'limit', 100, 1, 10_000, errors);
    const period = ['period', 'from', 'to'].some((name) => name in query) ? periodParam(query, errors) : undefined;
    const municipalities = this.scope(principal, municipalitiesParam(query, errors));
    if (errors.length > 0) throw invalidInput(problemSummary(errors), errors);
    return this.audit.lateRegistrations({ municipalities }, { days, limit, ...(period ? { period } : {}) });
  }

  @Get('access-log')
  @LogAccess('audit.access-log')
  @ApiOperation({ summary: 'Who read which case history, export or report, and when (oldest first, paged by afterId)' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'subject', required: false })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'afterId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'default 1000' })
  async accessLogEntries(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    const errors: ProblemError[] = [];
    refuseUnknown(query, ['from', 'to', 'subject', 'caseId', 'afterId', 'limit'], errors);
    const filter = {
      fromMs: recordedBoundParam(query, 'from', errors),
      toMs: recordedBoundParam(query, 'to', errors),
      subject: textParam(query, 'subject', /^[\w.@:-]{1,100}$/, errors),
      caseId: caseIdQueryParam(query, errors),
      afterId: integerParam(query, 'afterId', 0, 0, Number.MAX_SAFE_INTEGER, errors),
      limit: integerParam(query, 'limit', 1000, 1, 10_000, errors),
    };
    if (errors.length > 0) throw invalidInput(problemSummary(errors), errors);
    const page = this.accessLog.read(filter);
    const entries = page.filter((entry) => this.mayRead(principal, entry));
    return { entries, nextAfterId: page.length === filter.limit ? page[page.length - 1].id : null };
  }

  private eventFilter(principal: Principal, query: RawQuery, errors: ProblemError[]): AuditEventFilter {
    return {
      fromMs: recordedBoundParam(query, 'from', errors),
      toMs: recordedBoundParam(query, 'to', errors),
      caseId: caseIdQueryParam(query, errors),
      municipalities: this.scope(principal, municipalitiesParam(query, errors)),
    };
  }

  /** null: every municipality (a `*` auditor without a filter). */
  private scope(principal: Principal, requested: string[] | undefined): ReadonlySet<string> | null {
    const municipalities = queryMunicipalities(this.access, principal, requested);
    return municipalities === null ? null : new Set(municipalities);
  }

  /** Figures are per municipality, as on /v1/compliance. */
  private oneMunicipality(principal: Principal, requested: string[] | undefined, errors: ProblemError[]): string | null {
    const municipalities = queryMunicipalities(this.access, principal, requested);
    if (municipalities === null) return null;
    if (municipalities.length === 0) {
      throw new ProblemException({ type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: 'The token holds no municipality.' });
    }
    if (municipalities.length > 1) {
      errors.push({ parameter: 'municipality', detail: `figures cover one municipality at a time; ask for each of ${municipalities.join(', ')}` });
    }
    return municipalities[0];
  }

  /** An entry is shown to auditors who hold every municipality its reader held. */
  private mayRead(principal: Principal, entry: StoredAccessEntry): boolean {
    if (principal.municipalities === ALL_MUNICIPALITIES) return true;
    const held = principal.municipalities;
    return entry.municipalities.length > 0 && entry.municipalities.every((m) => m !== '*' && held.has(m));
  }
}
