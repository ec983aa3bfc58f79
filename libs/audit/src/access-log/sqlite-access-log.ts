import Database from 'better-sqlite3';
import { ensurePrivateFile } from '@fristvakt/event-store';
import type { AccessEntry, AccessLog, AccessLogFilter, StoredAccessEntry } from './access-log';

export const ACCESS_LOG_FILE = 'access-log.sqlite';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS access_log (
    id             INTEGER PRIMARY KEY,
    at             TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    roles          TEXT    NOT NULL,
    municipalities TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    method         TEXT    NOT NULL,
    route          TEXT    NOT NULL,
    case_id        TEXT,
    query          TEXT    NOT NULL,
    status         INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS access_log_at ON access_log (at);
  CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_log
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`;

interface Row {
  id: number;
  at: string;
  subject: string;
  roles: string;
  municipalities: string;
  action: string;
  method: string;
  route: string;
  caseId: string | null;
  query: string;
  status: number;
}

/**
 * The access log in a file of its own, apart from the case log: reading case data must leave a
 * trace without ever writing to (or locking) the event store, and the two have different owners
 * and retention. Triggers refuse UPDATE and DELETE.
 */
export class SqliteAccessLog implements AccessLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(path: string) {
    ensurePrivateFile(path);
    this.db = new Database(path, { timeout: 5_000 });
    try {
      this.db.pragma('journal_mode = WAL');
      // A read is logged on the request path: NORMAL in WAL survives a process crash, and losing
      // the last entries to a power cut does not falsify anything that remains.
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.insert = this.db.prepare(
      `INSERT INTO access_log (at, subject, roles, municipalities, action, method, route, case_id, query, status)
       VALUES (@at, @subject, @roles, @municipalities, @action, @method, @route, @caseId, @query, @status)`,
    );
  }

  append(entry: AccessEntry): void {
    this.insert.run({
      ...entry,
      roles: JSON.stringify(entry.roles),
      municipalities: JSON.stringify(entry.municipalities),
      query: JSON.stringify(entry.query),
    });
  }

  read(filter: AccessLogFilter): StoredAccessEntry[] {
    const where: string[] = ['id > @afterId'];
    if (filter.fromMs !== undefined) where.push('at >= @from');
    if (filter.toMs !== undefined) where.push('at <= @to');
    if (filter.subject !== undefined) where.push('subject = @subject');
    if (filter.caseId !== undefined) where.push('case_id = @caseId');
    const rows = this.db
      .prepare<Record<string, unknown>, Row>(
        `SELECT id, at, subject, roles, municipalities, action, method, route, case_id AS caseId, query, status
         FROM access_log WHERE ${where.join(' AND ')} ORDER BY id LIMIT @limit`,
      )
      .all({
        afterId: filter.afterId ?? 0,
        // `at` is ISO-8601 UTC with milliseconds, so text order is time order
        from: filter.fromMs === undefined ? null : new Date(filter.fromMs).toISOString(),
        to: filter.toMs === undefined ? null : new Date(filter.toMs).toISOString(),
        subject: filter.subject ?? null,
        caseId: filter.caseId ?? null,
        limit: filter.limit,
      });
    return rows.map((row) => ({
      ...row,
      roles: JSON.parse(row.roles),
      municipalities: JSON.parse(row.municipalities),
      query: JSON.parse(row.query),
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
