/** One read of case data, an export, an audit answer or a report: who, what, when, and the outcome. */
export interface AccessEntry {
  /** ISO-8601 UTC */
  at: string;
  subject: string;
  roles: string[];
  /** the caller's municipalities, or ['*'] */
  municipalities: string[];
  /** what was read, e.g. `case.history`, `audit.events` */
  action: string;
  method: string;
  /** route pattern, e.g. /v1/cases/:caseId/events */
  route: string;
  caseId: string | null;
  /** the query parameters as sent (ids and dates only: identity numbers are refused anywhere) */
  query: Record<string, unknown>;
  status: number;
}

export interface AccessLogFilter {
  fromMs?: number;
  toMs?: number;
  subject?: string;
  caseId?: string;
  /** entries after this id (paging) */
  afterId?: number;
  limit: number;
}

export type StoredAccessEntry = AccessEntry & { id: number };

/** Append-only: there is no way to change or remove an entry through this interface. */
export interface AccessLog {
  append(entry: AccessEntry): void;
  read(filter: AccessLogFilter): StoredAccessEntry[];
  close(): void;
}

export function matches(entry: StoredAccessEntry, filter: AccessLogFilter): boolean {
  const at = Date.parse(entry.at);
  return (
    (filter.afterId === undefined || entry.id > filter.afterId) &&
    (filter.fromMs === undefined || at >= filter.fromMs) &&
    (filter.toMs === undefined || at <= filter.toMs) &&
    (filter.subject === undefined || entry.subject === filter.subject) &&
    (filter.caseId === undefined || entry.caseId === filter.caseId)
  );
}

/** For the memory store: as short-lived as the log it sits beside. */
export class InMemoryAccessLog implements AccessLog {
  private readonly entries: StoredAccessEntry[] = [];

  append(entry: AccessEntry): void {
    this.entries.push(structuredClone({ ...entry, id: this.entries.length + 1 }));
  }

  read(filter: AccessLogFilter): StoredAccessEntry[] {
    return this.entries
      .filter((entry) => matches(entry, filter))
      .slice(0, filter.limit)
      .map((entry) => structuredClone(entry));
  }

  close(): void {}
}
