import type { ProblemError } from '../http/problem';
import { queryParam, type ParamsOf, type RawQuery } from '../http/query-params';
import { PARAM } from '../statistics/leader-params';
import { REPORT_YEARS } from './state-report.query';

/* Query inputs only the report has; municipality, method and knownAt are parsed as for the leader views. */

export type ReportFormat = 'md' | 'html' | 'csv' | 'docx';
const FORMATS: readonly ReportFormat[] = ['md', 'html', 'csv', 'docx'];

function single(query: RawQuery, name: string, errors: ProblemError[]): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 16) {
    errors.push({ parameter: name, detail: 'give it once, at most 16 characters' });
    return undefined;
  }
  return value;
}

export function yearParam(query: RawQuery, errors: ProblemError[]): number | undefined {
  const value = single(query, 'year', errors);
  if (value === undefined) {
    if (!('year' in query)) errors.push({ parameter: 'year', detail: 'required: the report year, e.g. 2024' });
    return undefined;
  }
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  // Events are accepted from 1993 on; the five-year table reaches four years back.
  if (year >= 1993 && year <= 2200) return year;
  errors.push({ parameter: 'year', detail: 'must be a year 1993–2200' });
  return undefined;
}

/** How many years the trend tables cover: 1–10, default 5 (the seeds show 5 to 10). */
export function yearsParam(query: RawQuery, errors: ProblemError[]): number {
  const value = single(query, 'years', errors);
  if (value === undefined) return REPORT_YEARS.default;
  const years = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
  if (years >= 1 && years <= REPORT_YEARS.max) return years;
  errors.push({ parameter: 'years', detail: `must be a whole number 1–${REPORT_YEARS.max}` });
  return REPORT_YEARS.default;
}

export function formatParam(query: RawQuery, errors: ProblemError[]): ReportFormat {
  const value = single(query, 'format', errors);
  if (value === undefined) return 'md';
  if ((FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  errors.push({ parameter: 'format', detail: 'must be md, html, csv or docx' });
  return 'md';
}

/** On unless explicitly `false`: the report is meant to leave the service. */
export function suppressParam(query: RawQuery, errors: ProblemError[]): boolean {
  const value = single(query, 'suppressSmallCounts', errors);
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  errors.push({ parameter: 'suppressSmallCounts', detail: 'must be true or false' });
  return true;
}

/** `GET /v1/reports/state-report` */
export const STATE_REPORT_PARAMS = {
  year: queryParam({ name: 'year', required: true, description: 'the report year; the trend tables end with it' }, yearParam),
  years: queryParam({ name: 'years', description: 'how many years the trend tables and charts cover, 1–10 (default 5)' }, yearsParam),
  municipality: queryParam(
    {
      name: 'municipality',
      description:
        'one kommunenummer, or several comma-separated for a joint service (totals and a column each); default: every municipality of the token, or all with a `*` token',
    },
    PARAM.municipality.read,
  ),
  format: queryParam(
    {
      name: 'format',
      enum: [...FORMATS],
      description: 'default md; docx is an editable Word document with charts and an empty «Vurdering» under each section',
    },
    formatParam,
  ),
  suppressSmallCounts: queryParam({ name: 'suppressSmallCounts', enum: ['true', 'false'], description: 'default true' }, suppressParam),
  method: queryParam({ name: 'method', enum: ['legal', 'statistical'] }, PARAM.method.read),
  knownAt: queryParam({ name: 'knownAt', description: 'the report as the system would have given it then' }, PARAM.knownAt.read),
};
export type StateReportParams = ParamsOf<typeof STATE_REPORT_PARAMS>;

/** `GET /v1/reports/state-report/comparisons`: the report's parameters but the format (the answer is JSON). */
export const COMPARISON_PARAMS = (({ format: _format, ...rest }) => rest)(STATE_REPORT_PARAMS);
export type ComparisonParams = ParamsOf<typeof COMPARISON_PARAMS>;
