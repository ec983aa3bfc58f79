import { queryParam, type ParamsOf, type RawQuery } from '../http/query-params';
import type { ProblemError } from '../http/problem';
import { PARAM } from '../statistics/leader-params';

/** `GET /v1/cases/{caseId}`: the leader queries' readers, so a date or an instant means the same on both. */
export const CASE_VIEW_PARAMS = {
  asOf: queryParam(
    { name: 'asOf', description: "date or instant (valid time): only events that occurred by then count. Default: today's Oslo date" },
    PARAM.asOf.read,
  ),
  method: PARAM.method,
  knownAt: queryParam(
    { name: 'knownAt', description: 'instant, or a date meaning the end of that Oslo day: only events recorded up to then count' },
    PARAM.knownAt.read,
  ),
  minPosition: queryParam(
    {
      name: 'minPosition',
      description:
        'accepted for symmetry with the leader queries and ignored: this answer reads the case stream itself, so it always includes every recorded event',
    },
    PARAM.minPosition.read,
  ),
};
export type CaseViewParams = ParamsOf<typeof CASE_VIEW_PARAMS>;

/** `GET /v1/cases/{caseId}/events` */
export const CASE_EVENTS_PARAMS = {
  view: queryParam(
    {
      name: 'view',
      enum: ['timeline'],
      description: 'timeline: each event also with validTime, recordedTime, retracted (by which event) and lateness (days, hours)',
    },
    viewParam,
  ),
};
export type CaseEventsParams = ParamsOf<typeof CASE_EVENTS_PARAMS>;

function viewParam(query: RawQuery, errors: ProblemError[]): 'timeline' | undefined {
  if (query.view === undefined) return undefined;
  if (query.view === 'timeline') return 'timeline';
  errors.push({ parameter: 'view', detail: 'must be timeline' });
  return undefined;
}
