import type { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DEFAULT_DEADLINE_RULES, osloDateOf } from '@fristvakt/domain';
import { parseKnownAt, type ComplianceAnswer } from '@fristvakt/projections';
import type { AccessLog, Explanation, LateRegistrationReport, StoredAccessEntry } from '@fristvakt/audit';
import type { ChainReport } from '@fristvakt/event-store';
import { AccessPolicy, ALL_MUNICIPALITIES, Allow, CurrentPrincipal, type Principal } from '../auth';
import { invalidInput, PROBLEM_TYPES, ProblemException } from '../http/problem';
import { ApiQueryParams, QueryParamsPipe, type ParamsOf } from '../http/query-params';
import { GetComplianceQuery, type AtPosition, type FiguresParams } from '../statistics/leader-queries';
import { queryMunicipalities } from '../statistics/municipality-scope';
import { CLOCK, type Clock } from '../tokens';
import {
  ACCESS_LOG_PARAMS,
  COMPARE_PARAMS,
  EVENTS_PARAMS,
  LATE_REGISTRATION_PARAMS,
  VERIFY_PARAMS,
  type AccessLogParams,
  type CompareParams,
  type EventsParams,
  type LateRegistrationParams,
} from './audit-params';
import { AuditService } from './audit.service';
import { ACCESS_LOG } from './audit.tokens';
import { LogAccess } from './log-access.decorator';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

type Compliance = ComplianceAnswer & AtPosition;

/** Compliance figures as known then and now, and the events that explain the difference. */
export interface Comparison {
  then: Compliance;
  now: Compliance;
  explainedBy: Explanation[];
}

/** One page of the access log, oldest first; `nextAfterId` continues it. */
export interface AccessLogPage {
  entries: StoredAccessEntry[];
  nextAfterId: number | null;
}

/** What an auditor scoped to some municipalities hears: whether the chain holds, not the log's size. */
export type ScopedChainReport = ChainReport extends infer R ? (R extends unknown ? Omit<R, 'count' | 'headPosition'> : never) : never;

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
  @ApiQueryParams(VERIFY_PARAMS)
  @ApiResponse({
    status: 200,
    description: '{ ok: true, count, headPosition, headHash } or { ok: false, count, brokenAt, reason: changed|missing|reordered, detail }',
  })
  async verify(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(VERIFY_PARAMS)) params: ParamsOf<typeof VERIFY_PARAMS>,
  ): Promise<ChainReport | ScopedChainReport> {
    const report = await this.audit.verify(params.expectHead);
    if (principal.municipalities === ALL_MUNICIPALITIES) return report;
    // The log's size is every municipality's business together: a scoped auditor learns whether
    // the chain holds, not how many events all municipalities have.
    if (!report.ok) {
      const { count: _count, ...broken } = report;
      return broken;
    }
    const { count: _count, headPosition: _headPosition, ...intact } = report;
    return intact;
  }

  @Get('events')
  @LogAccess('audit.events')
  @ApiOperation({ summary: 'Every event, retracted ones included, streamed as NDJSON (or CSV), oldest first' })
  @ApiQueryParams(EVENTS_PARAMS)
  @ApiResponse({ status: 200, description: 'application/x-ndjson or text/csv' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  events(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(EVENTS_PARAMS)) params: EventsParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Readable {
    const { format, municipality, ...filter } = params;
    const municipalities = this.scope(principal, municipality);
    void reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="fristvakt-events.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    return this.audit.exportStream({ ...filter, municipalities }, format);
  }

  @Get('compare')
  @LogAccess('audit.compare')
  @ApiOperation({
    summary: 'Compliance figures for a period as known at knownAt and now, with exactly the events that explain the difference',
    description:
      'explainedBy: events recorded after knownAt, and events retracted after knownAt, whose toggling changes the figures of the period.',
  })
  @ApiQueryParams(COMPARE_PARAMS)
  @ApiResponse({ status: 200, description: '{ then, now, explainedBy: [{ eventId, caseId, type, occurredAt, recordedAt, why }] }' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  async compare(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(COMPARE_PARAMS)) query: CompareParams,
  ): Promise<Comparison> {
    const { method } = query;
    // `!`: their readers refused the request when the period or knownAt was absent or bad
    const period = query.period!;
    const knownAt = query.knownAt!;
    const asOf = query.asOf ?? osloDateOf(this.clock().toISOString());
    const municipality = this.oneMunicipality(principal, query.municipality);

    const head = await this.audit.headPosition();
    const params: FiguresParams = { municipality, period, method, knownAt: null, asOf, suppressSmallCounts: false, minPosition: head };
    const [then, now] = await Promise.all([
      this.queryBus.execute(new GetComplianceQuery({ ...params, knownAt })),
      this.queryBus.execute(new GetComplianceQuery(params)),
    ]);
    const explainedBy = await this.audit.explain(
      {
        period,
        knownAtMs: parseKnownAt(knownAt),
        method,
        rules: DEFAULT_DEADLINE_RULES,
        asOf,
        ...(municipality === null ? {} : { municipality }),
      },
      head,
    );
    return { then, now, explainedBy };
  }

  @Get('late-registrations')
  @LogAccess('audit.late-registrations')
  @ApiOperation({ summary: 'Events recorded more than N days after they occurred: counts by type and municipality, worst first' })
  @ApiQueryParams(LATE_REGISTRATION_PARAMS)
  lateRegistrations(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(LATE_REGISTRATION_PARAMS)) params: LateRegistrationParams,
  ): Promise<LateRegistrationReport> {
    const { days, limit, period } = params;
    const municipalities = this.scope(principal, params.municipality);
    return this.audit.lateRegistrations({ municipalities }, { days, limit, ...(period ? { period } : {}) });
  }

  @Get('access-log')
  @LogAccess('audit.access-log')
  @ApiOperation({ summary: 'Who read which case history, export or report, and when (oldest first, paged by afterId)' })
  @ApiQueryParams(ACCESS_LOG_PARAMS)
  accessLogEntries(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(ACCESS_LOG_PARAMS)) filter: AccessLogParams,
  ): AccessLogPage {
    const page = this.accessLog.read(filter);
    const entries = page.filter((entry) => this.mayRead(principal, entry));
    return { entries, nextAfterId: page.length === filter.limit ? page[page.length - 1].id : null };
  }

  /** null: every municipality (a `*` auditor without a filter). */
  private scope(principal: Principal, requested: string[] | undefined): ReadonlySet<string> | null {
    const municipalities = queryMunicipalities(this.access, principal, requested);
    return municipalities === null ? null : new Set(municipalities);
  }

  /** Figures are per municipality, as on /v1/compliance. */
  private oneMunicipality(principal: Principal, requested: string[] | undefined): string | null {
    const municipalities = queryMunicipalities(this.access, principal, requested);
    if (municipalities === null) return null;
    if (municipalities.length === 0) {
      throw new ProblemException({
        type: PROBLEM_TYPES.forbidden,
        title: 'Forbidden',
        status: 403,
        detail: 'The token holds no municipality.',
      });
    }
    if (municipalities.length > 1) {
      const detail = `figures cover one municipality at a time; ask for each of ${municipalities.join(', ')}`;
      throw invalidInput('1 invalid input: municipality', [{ parameter: 'municipality', detail }]);
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
