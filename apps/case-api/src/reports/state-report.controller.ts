import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { osloDateOf } from '@fristvakt/domain';
import { AccessPolicy, Allow, CurrentPrincipal, type Principal } from '../auth';
import { LogAccess } from '../audit/log-access.decorator';
import { PROBLEM_TYPES, ProblemException } from '../http/problem';
import { ApiQueryParams, QueryParamsPipe } from '../http/query-params';
import { ProjectionsUnavailable } from '../projections/projections-unavailable';
import { queryMunicipalities } from '../statistics/municipality-scope';
import { CLOCK, type Clock } from '../tokens';
import { buildStateReport } from './build-state-report';
import { comparisonsAnswer, type ComparisonsAnswer } from './comparisons-answer';
import { renderCsv } from './render-csv';
import { renderDocx } from './render-docx';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { COMPARISON_PARAMS, STATE_REPORT_PARAMS, type ComparisonParams, type ReportFormat, type StateReportParams } from './report-params';
import type { StateReport } from './report-table';
import { GetStateReportQuery, type StateReportFigures } from './state-report.query';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const RENDERERS: Record<ReportFormat, (report: StateReport) => string | Promise<Buffer>> = {
  md: renderMarkdown,
  html: renderHtml,
  csv: renderCsv,
  docx: renderDocx,
};

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
    summary:
      'Key figures of the annual state report: notifications over five years and by reporter, reviews within a week, investigations and breaches per half-year, outcomes, measures, placements',
    description:
      'Norwegian (bokmål) headings. Counts 1–4, and the figures that would give them back as a sum minus its other parts, are suppressed by default and shown as ":" (SSB\'s symbol), a share that cannot be computed as "."; `suppressSmallCounts=false` is for use inside the service only and is access-logged like every call.',
  })
  @ApiQueryParams(STATE_REPORT_PARAMS)
  @ApiResponse({
    status: 200,
    description: 'text/markdown, text/html (standalone, no scripts, inline SVG charts), text/csv (one table per section) or DOCX',
  })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  async stateReport(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(STATE_REPORT_PARAMS)) params: StateReportParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    const { format } = params;
    const { figures, municipalities } = await this.figures(principal, params, reply);
    const report = buildStateReport(figures, { suppress: params.suppressSmallCounts });
    const file = `tilstandsrapport-${municipalities?.join('-') ?? 'alle'}-${figures.params.year}.${format}`;
    void reply.header('content-type', CONTENT_TYPES[format]);
    void reply.header('content-disposition', `${format === 'csv' || format === 'docx' ? 'attachment' : 'inline'}; filename="${file}"`);
    return await RENDERERS[format](report);
  }

  @Get('state-report/comparisons')
  @Allow('leader', 'auditor')
  @LogAccess('report.comparisons')
  @ApiOperation({
    summary:
      "The state report's comparison tables as JSON: Fristvakt's figure beside the published ones (municipality, county, KOSTRA group, country)",
    description:
      'Per year of the span and per half-year of the report year, for the indicators of the imported reference file (docs/state-report.md "Comparison figures"), each with how the definitions compare. Small counts are hidden as in the report (`suppressed: true`, `value: null`). Without an imported file `indicators` is empty.',
  })
  @ApiQueryParams(COMPARISON_PARAMS)
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  async comparisons(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(COMPARISON_PARAMS)) params: ComparisonParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComparisonsAnswer> {
    const { figures } = await this.figures(principal, params, reply);
    return comparisonsAnswer(figures, buildStateReport(figures, { suppress: params.suppressSmallCounts }));
  }

  /** The report's figures for the municipalities asked for, on one model snapshot. */
  private async figures(
    principal: Principal,
    params: ComparisonParams,
    reply: FastifyReply,
  ): Promise<{ figures: StateReportFigures; municipalities: string[] | null }> {
    const { method, knownAt, years } = params;
    // `year!`: its reader refused the request when the year was absent or bad
    const year = params.year!;
    const municipalities = this.reportMunicipalities(principal, params.municipality);
    try {
      const figures = await this.queryBus.execute(
        new GetStateReportQuery({ year, years, municipalities, method, knownAt, asOf: osloDateOf(this.clock().toISOString()) }),
      );
      return { figures, municipalities };
    } catch (error) {
      if (error instanceof ProjectionsUnavailable) void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
  }

  /**
   * One municipality, or a joint service's several (vertskommune: the token holds them all, or the
   * request names some of them): one report with totals and a column each.
   */
  private reportMunicipalities(principal: Principal, requested: string[] | undefined): string[] | null {
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
    return [...new Set(municipalities)].sort();
  }
}
