import { EventIdConflictError, VersionConflictError } from '../event-store.port';
import { appendedResult } from '../shared/append-guard';
import type { AppendJob } from './sqlite-appender';
import { decodeJobs, deserializeOutcome, encodeJobs, serializeOutcome } from './writer-protocol';

const job: AppendJob = {
  streamId: 'case-1',
  batch: [
    {
      eventId: 'e1',
      type: 'NotificationReceived',
      data: '{"reporters":["11"],"text":"tab\\t \\"quoted\\" æøå"}',
      metadata: '{"occurredAt":"2024-03-01"}',
    },
    { eventId: 'e2', type: 'InvestigationOpened', data: '{}', metadata: '{}' },
  ],
  expectedVersion: 3,
  recordedBy: 'user:ø',
  recordedAt: '2024-03-01T09:00:00.000Z',
};

describe('writer protocol', () => {
  it('given numbered jobs, decodes exactly what was encoded', () => {
    const jobs = [
      { id: 7, job },
      { id: 8, job: { ...job, streamId: 'case-2', batch: [job.batch[1]], expectedVersion: 0 } },
    ];
    expect(decodeJobs(encodeJobs(jobs))).toEqual(jobs);
  });

  it('given an append that wrote, the calling thread rebuilds the full result from the job', () => {
    const wire = serializeOutcome({ ok: true, value: { kind: 'written', version: 5, position: 42, hashes: ['h41', 'h42'] } });
    expect(wire).toEqual({ ok: true, written: { version: 5, position: 42, hashes: ['h41', 'h42'] } });
    expect(deserializeOutcome(job, structuredClone(wire))).toEqual({
      ok: true,
      value: appendedResult(job.streamId, job.batch, 4, 41, job.recordedAt, job.recordedBy, ['h41', 'h42']),
    });
  });

  it('given a replay, sends the stored events whole', () => {
    const replay = {
      ...appendedResult(job.streamId, job.batch, 1, 1, '2024-01-01T00:00:00.000Z', 'user:first', ['h1', 'h2']),
      replayed: true,
    };
    const wire = serializeOutcome({ ok: true, value: { kind: 'replayed', result: replay } });
    expect(deserializeOutcome(job, structuredClone(wire))).toEqual({ ok: true, value: replay });
  });

  it('given refusals, rebuilds the error classes with their fields, and keeps SQLite codes', () => {
    const roundTrip = (error: unknown) => {
      const outcome = deserializeOutcome(job, structuredClone(serializeOutcome({ ok: false, error })));
      if (outcome.ok) throw new Error('expected a failure');
      return outcome.error;
    };
    const version = roundTrip(new VersionConflictError('case-1', 3, 5));
    expect(version).toBeInstanceOf(VersionConflictError);
    expect(version).toMatchObject({ streamId: 'case-1', expectedVersion: 3, actualVersion: 5 });
    const ids = roundTrip(new EventIdConflictError('case-1', ['e1'], 'e1 is stored with other content'));
    expect(ids).toBeInstanceOf(EventIdConflictError);
    expect(ids).toMatchObject({ eventIds: ['e1'], message: 'e1 is stored with other content' });
    const busy = roundTrip(Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' }));
    expect(busy).toMatchObject({ name: 'SqliteError', code: 'SQLITE_BUSY', message: 'database is locked' });
  });
});
