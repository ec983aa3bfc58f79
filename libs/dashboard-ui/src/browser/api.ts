/// <reference lib="dom" />
import type { ComplianceAnswer, DeadlinesAnswer, FlowAnswer } from '@fristvakt/projections';

/** The answers the dashboard reads, as the API sends them (shares rounded to 3 decimals). */
export type Board = DeadlinesAnswer & { municipalities: string[] | null; position: number };
export type Compliance = ComplianceAnswer;
export type Flow = FlowAnswer;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

/** GET on the same origin with the bearer token; a problem+json answer becomes an ApiError with its detail. */
export async function getJson<T>(token: string, path: string, params: Record<string, string | null | undefined> = {}): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const search = query.toString();
  const url = search === '' ? path : `${path}?${search}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = (await response.json()) as { detail?: string; title?: string };
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, detail);
  }
  return (await response.json()) as T;
}

/** Only where the server has the demo login switched on; otherwise it answers 404. */
export async function demoLogin(): Promise<string> {
  const response = await fetch('/dashboard/demo-login', { method: 'POST' });
  if (!response.ok) throw new ApiError(response.status, response.statusText);
  return ((await response.json()) as { token: string }).token;
}

/** One cell of `GET /v1/reports/state-report/comparisons` (apps/case-api/src/reports/comparisons-answer.ts). */
export interface ComparisonValue {
  period: string;
  value: number | null;
  suppressed: boolean;
}

/** The state report's comparison tables: Fristvakt's figure beside the published ones, per indicator. */
export interface Comparisons {
  year: number;
  referenceFile: string | null;
  indicators: Array<{
    indicator: string;
    label: string;
    unit: 'share' | 'rate';
    periods: 'year' | 'half';
    match: 'same' | 'close' | 'differs';
    definition: string;
    fristvakt: ComparisonValue[];
    published: Array<{ areaType: string; area: string; name: string; source: string; values: ComparisonValue[] }>;
  }>;
}

export interface DashboardData {
  board: Board;
  /** the twelve months of the selected year, January first */
  months: Compliance[];
  halves: { H1: Compliance; H2: Compliance; year: Compliance };
  flow: Flow;
  /** flow and compliance of each year of the span, oldest first (the state report's trends) */
  trend: Array<{ year: number; flow: Flow; compliance: Compliance }>;
  /** the state report's comparisons for the trend's years and the selected year's halves */
  comparisons: Comparisons;
}

/** How many years the trend panel shows, as the state report's default. */
export const TREND_YEARS = 5;

/**
 * Every answer one view needs, fetched side by side. `boardAsOf`: the date the open-deadlines panel
 * is measured on (the end of the selected period), or null for today.
 */
export async function loadDashboard(
  token: string,
  municipality: string | null,
  year: number,
  period: string,
  boardAsOf: string | null = null,
): Promise<DashboardData> {
  const m = municipality ?? undefined;
  const compliance = (p: string) => getJson<Compliance>(token, '/v1/compliance', { municipality: m, period: p });
  const trendYears = Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
  const trend = Promise.all(
    trendYears.map(async (y) => {
      const [f, c] = await Promise.all([
        getJson<Flow>(token, '/v1/statistics/flow', { municipality: m, period: String(y) }),
        compliance(String(y)),
      ]);
      return { year: y, flow: f, compliance: c };
    }),
  );
  const comparisons = getJson<Comparisons>(token, '/v1/reports/state-report/comparisons', {
    municipality: m,
    year: String(year),
    years: String(TREND_YEARS),
  });
  const months = Array.from({ length: 12 }, (_, i) => compliance(`${year}-${String(i + 1).padStart(2, '0')}`));
  const [board, flow, H1, H2, whole, ...monthly] = await Promise.all([
    getJson<Board>(token, '/v1/deadlines', { municipality: m, asOf: boardAsOf }),
    getJson<Flow>(token, '/v1/statistics/flow', { municipality: m, period }),
    compliance(`${year}-H1`),
    compliance(`${year}-H2`),
    compliance(String(year)),
    ...months,
  ]);
  return {
    board: board as Board,
    flow: flow as Flow,
    halves: { H1: H1 as Compliance, H2: H2 as Compliance, year: whole as Compliance },
    months: monthly as Compliance[],
    trend: await trend,
    comparisons: await comparisons,
  };
}
