import type { ImportFormat } from '@fristvakt/register';
import type { ProblemError } from '../http/problem';
import { queryParam, type ParamsOf, type RawQuery } from '../http/query-params';
import { yearParam } from '../reports/report-params';
import { PARAM } from '../statistics/leader-params';
import { flagParam } from '../statistics/query-params';

/** `POST /v1/import`: the format, when the content type does not say it. */
export const IMPORT_PARAMS = {
  format: queryParam({ name: 'format', enum: ['ndjson', 'xml'], description: 'default: from the content type' }, formatParam),
};
export type ImportParams = ParamsOf<typeof IMPORT_PARAMS>;

/** `GET /v1/reports/register-extract` */
export const REGISTER_EXTRACT_PARAMS = {
  year: queryParam({ name: 'year', required: true }, yearParam),
  municipality: queryParam(
    { name: 'municipality', description: "one kommunenummer; default: the token's only municipality" },
    PARAM.municipality.read,
  ),
  birthYear: queryParam(
    {
      name: 'birthYear',
      enum: ['true', 'false'],
      description:
        "default false; true writes a placeholder Personalia with each child's birth year, so ages survive a re-import (docs/register-import.md)",
    },
    (query, errors) => flagParam(query, 'birthYear', errors),
  ),
};
export type RegisterExtractParams = ParamsOf<typeof REGISTER_EXTRACT_PARAMS>;

function formatParam(query: RawQuery, errors: ProblemError[]): ImportFormat | undefined {
  const raw = query.format;
  if (raw === undefined || raw === 'ndjson' || raw === 'xml') return raw;
  errors.push({ parameter: 'format', detail: 'must be ndjson or xml' });
  return undefined;
}
