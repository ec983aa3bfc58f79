import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { osloDateOf } from '@fristvakt/domain';
import { AccessPolicy, Allow, CurrentPrincipal, type Principal } from '../auth';
import { LogAccess } from '../audit/log-access.decorator';
import { invalidInput, PROBLEM_TYPES, ProblemException, type ProblemError } from '../http/problem';
import { ProjectionsUnavailable } from '../projections/projections-unavailable';
import { queryMunicipalities } from '../statistics/municipality-scope';
import { knownAtParam, methodParam, municipalitiesParam, refuseUnknown, type RawQuery } from '../statistics/query-params';
import { CLOCK, type Clock } from '../tokens';
import { buildStateReport } from './build-state-report';
import { renderCsv } from './render-csv';
import { renderDocx } from './render-docx';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { formatParam, suppressParam, yearParam, yearsParam, type ReportFormat } from './report-params';
import type { StateReport } from './report-table';
import { GetStateReportQuery } from './state-report.query';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const RENDERERS: Record<ReportFormat, (report: StateReport) => string | Promise<Buffer>> = { md: renderMarkdown, html: renderHtml, csv: renderCsv, docx: renderDocx };

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
  @ApiQuery({ name: 'year', required: true, description: 'the report year; the trend tables end with it' })
  @ApiQuery({ name: 'years', required: false, description: 'how many years the trend tables and charts cover, 1–10 (default 5)' })
  @ApiQuery({ name: 'municipality', required: false, description: 'one kommunenummer, or several comma-separated for a joint service (totals and a column each); default: every municipality of the token, or all with a `*` token' })
  @ApiQuery({ name: 'format', required: false, enum: ['md', 'html', 'csv', 'docx'], description: 'default md; docx is an editable Word document with charts and an empty «Vurdering» under each section' })
  @ApiQuery({ name: 'suppressSmallCounts', required: false, enum: ['true', 'false'], description: 'default true' })
  @ApiQuery({ name: 'method', required: false, enum: ['legal', 'statistical'] })
  @ApiQuery({ name: 'knownAt', required: false, description: 'the report as the system would have given it then' })
  @ApiResponse({ status: 200, description: 'text/markdown, text/html (standalone, no scripts, inline SVG charts), text/csv (one table per section) or DOCX' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 503, ...problem })
  async stateReport(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    const errors: ProblemError[] = [];
    refuseUnknown(query, ['year', 'years', 'municipality', 'format', 'suppressSmallCounts', 'method', 'knownAt'], errors);
    const year = yearParam(query, errors);
    const years = yearsParam(query, errors);
    const requested = municipalitiesParam(query, errors);
    const format = formatParam(query, errors);
    const suppress = suppressParam(query, errors);
    const method = methodParam(query, errors);
    const knownAt = knownAtParam(query, errors);
    if (errors.length > 0 || year === undefined) throw invalidInput(`${errors.length} invalid input${errors.length === 1 ? '' : 's'}: ${errors.map(nameOf).join(', ')}`, errors);
    const municipalities = this.reportMunicipalities(principal, requested);

    let figures;
    try {
      figures = await this.queryBus.execute(new GetStateReportQuery({ year, years, municipalities, method, knownAt, asOf: osloDateOf(this.clock().toISOString()) }));
    } catch (error) {
      if (error instanceof ProjectionsUnavailable) void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
    const report = buildStateReport(figures, { suppress });
    const file = `tilstandsrapport-${municipalities?.join('-') ?? 'alle'}-${year}.${format}`;
    void reply.header('content-type', CONTENT_TYPES[format]);
    void reply.header('content-disposition', `${format === 'csv' || format === 'docx' ? 'attachment' : 'inline'}; filename="${file}"`);
    return await RENDERERS[format](report);
  }

  /**
   * One municipality, or a joint service's several (vertskommune: the token holds them all, or the
   * request names some of them): one report with totals and a column each.
   */
  private reportMunicipalities(principal: Principal, requested: string[] | undefined): string[] | null {
    const municipalities = queryMunicipalities(this.access, principal, requested);
    if (municipalities === null) return null;
    if (municipalities.length === 0) {
      throw new ProblemException({ type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: 'The token holds no municipality.' });
    }
    return [...new Set(municipalities)].sort();
  }
}

function nameOf(error: ProblemError): string {
  return 'parameter' in error ? error.parameter : 'header' in error ? error.header : error.pointer;
}
