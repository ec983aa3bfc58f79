import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { osloDateOf } from '@fristvakt/domain';
import { AccessPolicy, Allow, CurrentPrincipal, type Principal } from '../auth';
import { LogAccess } from '../audit/log-access.decorator';
import { invalidInput, PROBLEM_TYPES, ProblemException } from '../http/problem';
import { ApiQueryParams, QueryParamsPipe } from '../http/query-params';
import { ProjectionsUnavailable } from '../projections/projections-unavailable';
import { queryMunicipalities } from '../statistics/municipality-scope';
import { CLOCK, type Clock } from '../tokens';
import { buildStateReport } from './build-state-report';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { STATE_REPORT_PARAMS, type ReportFormat, type StateReportParams } from './report-params';
import { GetStateReportQuery } from './state-report.query';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const RENDERERS = { md: renderMarkdown, html: renderHtml, csv: renderCsv };

/** The key-figure section of the annual state report (tilstandsrapport, bvl § 15-3), CONTRACT.md §2. */
@ApiTags('reports')
@Controller('v1/reports')
export class StateReportController {
  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('state-report')
  @Allow('leader', 'auditor')
  @LogAccess('report.state')
  @ApiOperation({
    summary: 'Key figures of the annual state report: notifications over five years and by reporter, reviews within a week, investigations and breaches per half-year, outcomes, measures, placements',
    description:
      'Norwegian (bokmål) headings. Counts 1–4, and the figures that would give them back as a sum minus its other parts, are suppressed by default and shown as ":" (SSB\'s symbol), a share that cannot be computed as "."; `suppressSmallCounts=false` is for use inside the service only and is access-logged like every call.',
  })
  @ApiQueryParams(STATE_REPORT_PARAMS)
  @ApiResponse({ status: 200, description: 'text/markdown, text/html (standalone, no scripts) or text/csv (one table per section)' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  async stateReport(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(STATE_REPORT_PARAMS)) params: StateReportParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { format, method, knownAt } = params;
    // `year!`: its reader refused the request when the year was absent or bad
    const year = params.year!;
    const municipality = this.oneMunicipality(principal, params.municipality);

    let figures;
    try {
      figures = await this.queryBus.execute(new GetStateReportQuery({ year, municipality, method, knownAt, asOf: osloDateOf(this.clock().toISOString()) }));
    } catch (error) {
      if (error instanceof ProjectionsUnavailable) void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
    const report = buildStateReport(figures, { suppress: params.suppressSmallCounts });
    const file = `tilstandsrapport-${municipality ?? 'alle'}-${year}.${format}`;
    void reply.header('content-type', CONTENT_TYPES[format]);
    void reply.header('content-disposition', `${format === 'csv' ? 'attachment' : 'inline'}; filename="${file}"`);
    return RENDERERS[format](report);
  }

  /** A report describes one service's municipality; several are asked for one at a time, as for compliance and flow. */
  private oneMunicipality(principal: Principal, requested: string[] | undefined): string | null {
    const municipalities = queryMunicipalities(this.access, principal, requested);
    if (municipalities === null) return null;
    if (municipalities.length === 0) {
      throw new ProblemException({ type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: 'The token holds no municipality.' });
    }
    if (municipalities.length > 1) {
      const detail = `a report covers one municipality at a time; ask for each of ${municipalities.join(', ')}`;
      throw invalidInput('1 invalid input: municipality', [{ parameter: 'municipality', detail }]);
    }
    return municipalities[0];
  }
}
