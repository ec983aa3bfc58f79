import { ProblemException } from '../http/problem';

export const PROJECTIONS_BEHIND_TYPE = 'urn:fristvakt:problem:projections-behind';

/**
 * 503 for a figure the read model cannot give yet: it is still catching up after a start, or it
 * has not applied the `minPosition` the client asked for within the wait. The controller turns
 * `retryAfterSeconds` into a `Retry-After` header.
 */
export class ProjectionsUnavailable extends ProblemException {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    extensions: { wantedPosition?: number; position: number },
  ) {
    super({ type: PROJECTIONS_BEHIND_TYPE, title: 'Service Unavailable', status: 503, detail, ...extensions });
  }
}
