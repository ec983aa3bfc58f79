import type { CountingMethod, DeadlineRules, FollowUpRules } from '@fristvakt/domain';
import { fromEpochDay } from '../model/epoch-day';
import type { View } from '../model/view';
import { parsePeriod, periodDays, type Period } from './period';
import { scopeOf, type MunicipalityFilter } from './scope';
import { parseAsOf, parseKnownAt } from './time-params';

/** Parameters shared by the period figures (compliance, flow). */
export interface FiguresQuery extends MunicipalityFilter {
  /** `2024`, `2024-H1`, `2024-Q3`, `2024-05`, or explicit inclusive dates */
  period: string | Period;
  method: CountingMethod;
  rules: DeadlineRules;
  /** the follow-up rule sets (DOMAIN.md §7); default DEFAULT_FOLLOW_UP_RULES */
  followUpRules?: FollowUpRules;
  /** only events recorded by then count (instant, or date = end of that Oslo day) */
  knownAt?: string | null;
  /**
   * only events that occurred by then count. Point-in-time figures ("at end") are measured at
   * min(period end, asOf): pass today for a period still running. Absent: no valid-time cut.
   */
  asOf?: string | null;
  /** for answers leaving the service: counts 1–4 become null and are listed */
  suppressSmallCounts?: boolean;
}

export interface FiguresFrame {
  period: Period;
  fromDay: number;
  toDay: number;
  /** the day point-in-time figures are measured on */
  endDay: number;
  view: View;
  /** the municipalities covered (scope.ts); null = every one */
  scope: string[] | null;
  echo: {
    period: Period;
    /** the one municipality covered; null for several or all (then see `municipalities`) */
    municipality: string | null;
    /** every municipality the figures cover, as one population; null = all */
    municipalities: string[] | null;
    method: CountingMethod;
    knownAt: string | null;
    asOf: string | null;
    measuredAt: string;
  };
}

export function frameOf(query: FiguresQuery): FiguresFrame {
  const period = parsePeriod(query.period);
  const { fromDay, toDay } = periodDays(period);
  const asOf = query.asOf == null ? null : parseAsOf(query.asOf);
  const view: View = {
    knownAt: query.knownAt == null ? Number.MAX_VALUE : parseKnownAt(query.knownAt),
    asOfDay: asOf === null ? Number.MAX_SAFE_INTEGER : asOf.day,
  };
  const endDay = asOf === null ? toDay : Math.min(toDay, asOf.day);
  const scope = scopeOf(query);
  return {
    period,
    fromDay,
    toDay,
    endDay,
    view,
    scope,
    echo: {
      period,
      municipality: scope !== null && scope.length === 1 ? scope[0] : null,
      municipalities: scope,
      method: query.method,
      knownAt: query.knownAt ?? null,
      asOf: asOf?.date ?? null,
      measuredAt: fromEpochDay(endDay),
    },
  };
}
