import type { AuditRecord } from '../export/audit-record';
import { lateRegistrations } from './late-registrations';

function record(position: number, type: string, municipality: string, occurredAt: string, recordedAt: string): AuditRecord {
  return {
    position,
    eventId: `e${position}`,
    caseId: `c${position}`,
    streamId: `case-c${position}`,
    version: 1,
    type,
    occurredAt,
    recordedAt,
    recordedBy: 'intake-1',
    municipality,
    hash: null,
    data: {},
    metadata: { occurredAt },
  };
}

async function* pages(...records: AuditRecord[]) {
  yield records.slice(0, 2);
  yield records.slice(2);
}

describe('lateRegistrations', () => {
  it('counts events recorded more than N days late by type and municipality, worst first', async () => {
    const report = await lateRegistrations(
      pages(
        record(1, 'NotificationReceived', '3201', '2024-03-01', '2024-03-03T10:00:00Z'), // 2 days: not late
        record(2, 'NotificationReceived', '3201', '2024-03-01', '2024-03-20T10:00:00Z'), // 19 days
        record(3, 'InvestigationClosed', '0301', '2024-03-01T10:00:00Z', '2024-05-01T10:00:00Z'), // 61 days
        record(4, 'InvestigationClosed', '3201', '2024-03-01T10:00:00Z', '2024-03-09T11:00:00Z'), // 8 days 1 hour
        record(5, 'InvestigationClosed', '3201', '2024-08-01T10:00:00Z', '2024-12-09T11:00:00Z'), // outside the period
      ),
      { days: 7, period: { from: '2024-01-01', to: '2024-06-30' }, limit: 2 },
    );
    expect(report).toMatchObject({
      total: 3,
      byType: { NotificationReceived: 1, InvestigationClosed: 2 },
      byMunicipality: { '3201': 2, '0301': 1 },
    });
    expect(report.byTypeAndMunicipality).toHaveLength(3);
    expect(report.worst.map((w) => [w.eventId, w.lateness])).toEqual([
      ['e3', { days: 61, hours: 1464 }],
      ['e2', { days: 19, hours: null }],
    ]);
  });
});
