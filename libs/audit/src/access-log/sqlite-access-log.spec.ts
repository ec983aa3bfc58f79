import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AccessEntry, AccessLog } from './access-log';
import { InMemoryAccessLog } from './access-log';
import { ACCESS_LOG_FILE, SqliteAccessLog } from './sqlite-access-log';

const entry = (at: string, subject: string, caseId: string | null): AccessEntry => ({
  at,
  subject,
  roles: ['auditor'],
  municipalities: ['3201'],
  action: 'case.history',
  method: 'GET',
  route: '/v1/cases/:caseId/events',
  caseId,
  query: { view: 'timeline' },
  status: 200,
});

describe.each([
  ['in memory', () => ({ log: new InMemoryAccessLog() as AccessLog, cleanup: () => undefined })],
  [
    'SQLite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'access-log-'));
      return {
        log: new SqliteAccessLog(join(dir, ACCESS_LOG_FILE)) as AccessLog,
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
        dir,
      };
    },
  ],
])('access log (%s)', (_name, open) => {
  it('appends and reads back by time, subject, case and page', () => {
    const { log, cleanup } = open();
    try {
      log.append(entry('2024-07-01T10:00:00.000Z', 'a', 'c1'));
      log.append(entry('2024-07-02T10:00:00.000Z', 'b', 'c2'));
      log.append(entry('2024-07-03T10:00:00.000Z', 'a', null));
      expect(log.read({ limit: 10 }).map((e) => e.id)).toEqual([1, 2, 3]);
      expect(log.read({ limit: 10, subject: 'a' }).map((e) => e.id)).toEqual([1, 3]);
      expect(log.read({ limit: 10, caseId: 'c2' })).toEqual([{ ...entry('2024-07-02T10:00:00.000Z', 'b', 'c2'), id: 2 }]);
      expect(
        log.read({ limit: 10, fromMs: Date.parse('2024-07-02T00:00:00Z'), toMs: Date.parse('2024-07-02T23:00:00Z') }).map((e) => e.id),
      ).toEqual([2]);
      expect(log.read({ limit: 1, afterId: 1 }).map((e) => e.id)).toEqual([2]);
    } finally {
      log.close();
      cleanup();
    }
  });
});

describe('SQLite access log file', () => {
  it('refuses UPDATE and DELETE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'access-log-'));
    const path = join(dir, ACCESS_LOG_FILE);
    try {
      const log = new SqliteAccessLog(path);
      log.append(entry('2024-07-01T10:00:00.000Z', 'a', 'c1'));
      log.close();
      const db = new Database(path);
      expect(() => db.exec(`UPDATE access_log SET subject = 'x'`)).toThrow(/append-only/);
      expect(() => db.exec(`DELETE FROM access_log`)).toThrow(/append-only/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
