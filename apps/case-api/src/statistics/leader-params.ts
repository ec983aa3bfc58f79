import { DEADLINE_KINDS } from '@fristvakt/projections';
import { queryParam, type ParamsOf } from '../http/query-params';
import {
  asOfParam,
  kindParam,
  knownAtParam,
  methodParam,
  minPositionParam,
  municipalitiesParam,
  periodParam,
  statusParam,
  suppressParam,
} from './query-params';

/*
 * The query parameters of the leader views, declared once: names, types, defaults and problems
 * come from the readers, the OpenAPI entries from here. Case and audit routes reuse single entries.
 */

const MUNICIPALITY_DOC = 'kommunenummer; repeat or comma-separate for several (3201,3203). Default: every municipality the token holds';
const AS_OF_DOC =
  'date or instant (valid time): only events that occurred by then count, statuses are measured on its Oslo date. Default: today';
const KNOWN_AT_DOC =
  'instant, or a date meaning the end of that Oslo day (transaction time): the answer as the system would have given it then. Default: now';
const METHOD_DOC = '`legal` (month rules, default) or `statistical` (SSB/Bufdir day counts)';
const MIN_POSITION_DOC =
  'read your writes: wait until the figures reflect this log position (the `position` a POST answered), at most FRISTVAKT_MIN_POSITION_WAIT_MS; then 503 with Retry-After';
const PERIOD_DOC = '`2024`, `2024-H1`/`H2` (Bufdir half-years), `2024-Q3`, `2024-05`; or give `from` and `to` instead';

export const PARAM = {
  /** several kommunenummer, sorted; undefined: the caller's whole scope */
  municipality: queryParam({ name: 'municipality', description: MUNICIPALITY_DOC }, municipalitiesParam),
  /** an Oslo date; undefined: today's */
  asOf: queryParam({ name: 'asOf', description: AS_OF_DOC }, asOfParam),
  /** an instant or a date as given; null: now */
  knownAt: queryParam({ name: 'knownAt', description: KNOWN_AT_DOC }, knownAtParam),
  method: queryParam({ name: 'method', enum: ['legal', 'statistical'], description: METHOD_DOC }, methodParam),
  minPosition: queryParam({ name: 'minPosition', description: MIN_POSITION_DOC }, minPositionParam),
  /** `period`, or `from` and `to`: required */
  period: queryParam(
    [
      { name: 'period', description: PERIOD_DOC },
      { name: 'from', description: 'first date YYYY-MM-DD, with `to` (inclusive)' },
      { name: 'to', description: 'last date YYYY-MM-DD, with `from` (inclusive)' },
    ],
    periodParam,
  ),
};

/** `GET /v1/deadlines` */
export const DEADLINE_PARAMS = {
  municipality: PARAM.municipality,
  status: queryParam({ name: 'status', enum: ['overdue', 'due_soon', 'ok'] }, statusParam),
  kind: queryParam({ name: 'kind', enum: [...DEADLINE_KINDS] }, kindParam),
  asOf: PARAM.asOf,
  knownAt: PARAM.knownAt,
  method: PARAM.method,
  minPosition: PARAM.minPosition,
};
export type DeadlinesParams = ParamsOf<typeof DEADLINE_PARAMS>;

/** `GET /v1/compliance` and `GET /v1/statistics/flow` */
export const FIGURES_PARAMS = {
  municipality: queryParam(
    {
      name: 'municipality',
      description: `${MUNICIPALITY_DOC}; several are answered as one population (medians over their union), named in \`municipalities\``,
    },
    municipalitiesParam,
  ),
  period: PARAM.period,
  method: PARAM.method,
  knownAt: PARAM.knownAt,
  asOf: queryParam({ name: 'asOf', description: `${AS_OF_DOC}; "at end" figures are measured at min(period end, asOf)` }, asOfParam),
  suppressSmallCounts: queryParam(
    {
      name: 'suppressSmallCounts',
      enum: ['true', 'false'],
      description:
        'for figures leaving the service: counts 1–4 become null and are listed in `suppressed`, and so does a figure that would give a hidden one back as a sum minus its other parts',
    },
    suppressParam,
  ),
  minPosition: PARAM.minPosition,
};
export type FiguresQueryParams = ParamsOf<typeof FIGURES_PARAMS>;
