/*
 * Given a history (decided event by event, so it is one the case rules accept) → the follow-up
 * timeline the rules read, and periods spelled as in the API. No jest globals here.
 */
import { received } from '../testing';
import { stateOf } from '../case/given-when-then.spec-helper';
import type { CaseEvent } from '../events';
import { toDayNumber } from '../deadlines/local-date';
import { followUpTimelineOf, type FollowUpTimeline } from './timeline';

export const day = toDayNumber;

/** A case whose notification arrived 2018-01-10, for a child born `childBirthYear` (default 2012), then `events`. */
export function timelineOf(events: readonly CaseEvent[], childBirthYear = 2012): FollowUpTimeline {
  return followUpTimelineOf(stateOf([received('n1', '2018-01-10', { childBirthYear }), ...events]));
}

/** '2024', '2024-H1', '2024-Q3' → [fromDay, toDay] */
export function period(spec: string): [number, number] {
  const [year, part] = spec.split('-');
  const bounds: Record<string, [string, string]> = {
    '': ['01-01', '12-31'],
    H1: ['01-01', '06-30'],
    H2: ['07-01', '12-31'],
    Q1: ['01-01', '03-31'],
    Q2: ['04-01', '06-30'],
    Q3: ['07-01', '09-30'],
    Q4: ['10-01', '12-31'],
  };
  const [from, to] = bounds[part ?? ''];
  return [day(`${year}-${from}`), day(`${year}-${to}`)];
}
