import { EventIdConflictError, VersionConflictError, type AppendResult } from '../event-store.port';
import type { GroupCommitLimits, GroupOutcome } from './group-commit';
import { toAppendResult, type AppendJob, type AppendOutcome } from './sqlite-appender';

/** What the writer thread starts with. */
export interface WriterThreadSettings {
  path: string;
  busyTimeoutMs: number;
  limits: GroupCommitLimits;
}

/*
 * What crosses the thread boundary is kept lean: structured cloning walks every object, and on the
 * calling thread, the one that serves requests, it cost more than the SQL. Jobs travel as one JSON
 * text (the payloads are JSON text already), and an append that wrote comes back as its version,
 * position and hashes: the calling thread still holds the job to rebuild the full result from.
 */
export type ToWriter =
  | { kind: 'append'; jobs: string }
  /** one bulk (`Appender.appendMany`), settled as a whole under `id`; its jobs' own ids are unused */
  | { kind: 'append-many'; id: number; jobs: string }
  | { kind: 'close' };

export interface NumberedJob {
  id: number;
  job: AppendJob;
}

type EncodedJob = [id: number, streamId: string, expectedVersion: number, recordedBy: string, recordedAt: string, events: string[]];

export function encodeJobs(jobs: readonly NumberedJob[]): string {
  return JSON.stringify(
    jobs.map(({ id, job }): EncodedJob => [
      id,
      job.streamId,
      job.expectedVersion,
      job.recordedBy,
      job.recordedAt,
      job.batch.flatMap((event) => [event.eventId, event.type, event.data, event.metadata]),
    ]),
  );
}

export function decodeJobs(text: string): NumberedJob[] {
  return (JSON.parse(text) as EncodedJob[]).map(([id, streamId, expectedVersion, recordedBy, recordedAt, fields]) => {
    const batch = [];
    for (let i = 0; i < fields.length; i += 4)
      batch.push({ eventId: fields[i], type: fields[i + 1], data: fields[i + 2], metadata: fields[i + 3] });
    return { id, job: { streamId, batch, expectedVersion, recordedBy, recordedAt } };
  });
}

export type FromWriter =
  /** one group: its stats first when it committed, then each append's outcome in submission order */
  | {
      kind: 'settled';
      entries: Array<{ group: GroupCommitStats } | { id: number; outcome: SerializedOutcome } | { id: number; many: SerializedOutcome[] }>;
    }
  | { kind: 'closed' };

/** One committed group: appends that shared the transaction, how many of them failed alone, events written. */
export interface GroupCommitStats {
  appends: number;
  failed: number;
  eventsWritten: number;
}

export type SerializedOutcome =
  | { ok: true; written: { version: number; position: number; hashes: string[] } }
  | { ok: true; value: AppendResult }
  | { ok: false; error: SerializedError };

/**
 * Errors cross the thread boundary as data and are rebuilt as the classes callers test for with
 * `instanceof`; SQLite's errors keep their `code` (SQLITE_BUSY, SQLITE_CONSTRAINT_…).
 */
export type SerializedError =
  | { kind: 'version-conflict'; streamId: string; expectedVersion: number; actualVersion: number }
  | { kind: 'event-id-conflict'; streamId: string; eventIds: string[]; message: string }
  | { kind: 'other'; name: string; message: string; code?: string; stack?: string };

export function serializeOutcome(outcome: GroupOutcome<AppendOutcome>): SerializedOutcome {
  if (!outcome.ok) return { ok: false, error: serializeError(outcome.error) };
  const value = outcome.value;
  // A replay's events were read from the file and are not in the job: they travel whole.
  if (value.kind === 'replayed') return { ok: true, value: value.result };
  return { ok: true, written: { version: value.version, position: value.position, hashes: value.hashes } };
}

/** A bulk's outcome for one of its appends, as the writer's appender gave it. */
export function deserializeAppendOutcome(outcome: SerializedOutcome): GroupOutcome<AppendOutcome> {
  if (!outcome.ok) return { ok: false, error: deserializeError(outcome.error) };
  if ('value' in outcome) return { ok: true, value: { kind: 'replayed', result: outcome.value } };
  return { ok: true, value: { kind: 'written', ...outcome.written } };
}

export function deserializeOutcome(job: AppendJob, outcome: SerializedOutcome): GroupOutcome<AppendResult> {
  if (!outcome.ok) return { ok: false, error: deserializeError(outcome.error) };
  if ('value' in outcome) return outcome;
  return { ok: true, value: toAppendResult(job, { kind: 'written', ...outcome.written }) };
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof VersionConflictError) {
    return {
      kind: 'version-conflict',
      streamId: error.streamId,
      expectedVersion: error.expectedVersion,
      actualVersion: error.actualVersion,
    };
  }
  if (error instanceof EventIdConflictError) {
    return { kind: 'event-id-conflict', streamId: error.streamId, eventIds: error.eventIds, message: error.message };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { kind: 'other', name: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' && { code }) };
  }
  return { kind: 'other', name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  switch (error.kind) {
    case 'version-conflict':
      return new VersionConflictError(error.streamId, error.expectedVersion, error.actualVersion);
    case 'event-id-conflict':
      return new EventIdConflictError(error.streamId, error.eventIds, error.message);
    case 'other': {
      const rebuilt = Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
      rebuilt.name = error.name;
      if (error.stack !== undefined) rebuilt.stack = `${error.stack}\n    (in the SQLite writer thread)`;
      return rebuilt;
    }
  }
}
