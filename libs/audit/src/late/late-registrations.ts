import { osloDateOf } from '@fristvakt/domain';
import { latenessHours, latenessOf, type Lateness } from '../lateness';
import type { AuditRecord } from '../export/audit-record';

export interface LateRegistrationQuery {
  /** recorded more than this many days after it occurred */
  days: number;
  /** only events that occurred in these Oslo dates (inclusive) */
  period?: { from: string; to: string };
  /** how many of the worst to list */
  limit: number;
}

export interface LateRegistration {
  eventId: string;
  caseId: string | null;
  municipality: string | null;
  type: string;
  occurredAt: string;
  recordedAt: string;
  recordedBy: string;
  lateness: Lateness;
}

export interface LateRegistrationReport {
  days: number;
  period: { from: string; to: string } | null;
  total: number;
  byType: Record<string, number>;
  byMunicipality: Record<string, number>;
  byTypeAndMunicipality: Array<{ type: string; municipality: string | null; count: number }>;
  /** latest first (by hours, then days for plain dates), then by position */
  worst: LateRegistration[];
}

/**
 * Counts and ranks events recorded more than `days` days after they occurred. Folds the export's
 * record pages, keeping only the counts and the `limit` worst (trimmed as it goes), so it runs in
 * bounded memory over any log.
 */
export async function lateRegistrations(
  pages: AsyncIterable<AuditRecord[]>,
  query: LateRegistrationQuery,
): Promise<LateRegistrationReport> {
  const byType: Record<string, number> = {};
  const byMunicipality: Record<string, number> = {};
  const pairs = new Map<string, { type: string; municipality: string | null; count: number }>();
  let worst: Array<LateRegistration & { rank: number; position: number }> = [];
  let total = 0;
  for await (const page of pages) {
    for (const record of page) {
      if (record.occurredAt === null) continue;
      if (query.period && !inPeriod(record.occurredAt, query.period)) continue;
      const lateness = latenessOf(record.occurredAt, record.recordedAt);
      if (lateness.days <= query.days) continue;
      total += 1;
      byType[record.type] = (byType[record.type] ?? 0) + 1;
      const municipality = record.municipality ?? 'unknown';
      byMunicipality[municipality] = (byMunicipality[municipality] ?? 0) + 1;
      const key = `${record.type}\u0000${municipality}`;
      const pair = pairs.get(key) ?? { type: record.type, municipality: record.municipality, count: 0 };
      pair.count += 1;
      pairs.set(key, pair);
      worst.push({
        eventId: record.eventId,
        caseId: record.caseId,
        municipality: record.municipality,
        type: record.type,
        occurredAt: record.occurredAt,
        recordedAt: record.recordedAt,
        recordedBy: record.recordedBy,
        lateness,
        rank: latenessHours(lateness),
        position: record.position,
      });
      if (worst.length >= 2 * query.limit + 1000) worst = rankAndTrim(worst, query.limit);
    }
  }
  return {
    days: query.days,
    period: query.period ?? null,
    total,
    byType,
    byMunicipality,
    byTypeAndMunicipality: [...pairs.values()].sort(
      (a, b) => b.count - a.count || compare(a.type, b.type) || compare(a.municipality ?? '', b.municipality ?? ''),
    ),
    worst: rankAndTrim(worst, query.limit).map(({ rank: _rank, position: _position, ...item }) => item),
  };
}

function rankAndTrim<T extends { rank: number; position: number }>(items: T[], limit: number): T[] {
  return items.sort((a, b) => b.rank - a.rank || a.position - b.position).slice(0, limit);
}

function inPeriod(occurredAt: string, period: { from: string; to: string }): boolean {
  const date = osloDateOf(occurredAt);
  return date >= period.from && date <= period.to;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
