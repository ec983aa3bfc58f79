import { EventIdConflictError, VersionConflictError, type AppendResult } from '../event-store.port';
import type { GroupCommitLimits, GroupOutcome } from './group-commit';
import type { AppendJob } from './sqlite-appender';

/** What the writer thread starts with. */
export interface WriterThreadSettings {
  path: string;
  busyTimeoutMs: number;
  limits: GroupCommitLimits;
}

export type ToWriter = { kind: 'append'; jobs: Array<{ id: number; job: AppendJob }> } | { kind: 'close' };

export type FromWriter =
  /** one group: its stats first when it committed, then each append's outcome in submission order */
  | { kind: 'settled'; entries: Array<{ group: GroupCommitStats } | { id: number; outcome: SerializedOutcome }> }
  | { kind: 'closed' };

/** One committed group: appends that shared the transaction, how many of them failed alone, events written. */
export interface GroupCommitStats {
  appends: number;
  failed: number;
  eventsWritten: number;
}

export function groupStats(outcomes: ReadonlyArray<GroupOutcome<AppendResult>>): GroupCommitStats {
  let failed = 0;
  let eventsWritten = 0;
  for (const outcome of outcomes) {
    if (!outcome.ok) failed += 1;
    else if (!outcome.value.replayed) eventsWritten += outcome.value.events.length;
  }
  return { appends: outcomes.length, failed, eventsWritten };
}

export type SerializedOutcome = { ok: true; value: AppendResult } | { ok: false; error: SerializedError };

/**
 * Errors cross the thread boundary as data and are rebuilt as the classes callers test for with
 * `instanceof`; SQLite's errors keep their `code` (SQLITE_BUSY, SQLITE_CONSTRAINT_…).
 */
export type SerializedError =
  | { kind: 'version-conflict'; streamId: string; expectedVersion: number; actualVersion: number }
  | { kind: 'event-id-conflict'; streamId: string; eventIds: string[]; message: string }
  | { kind: 'other'; name: string; message: string; code?: string; stack?: string };

export function serializeOutcome(outcome: GroupOutcome<AppendResult>): SerializedOutcome {
  return outcome.ok ? outcome : { ok: false, error: serializeError(outcome.error) };
}

export function deserializeOutcome(outcome: SerializedOutcome): GroupOutcome<AppendResult> {
  return outcome.ok ? outcome : { ok: false, error: deserializeError(outcome.error) };
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof VersionConflictError) {
    return { kind: 'version-conflict', streamId: error.streamId, expectedVersion: error.expectedVersion, actualVersion: error.actualVersion };
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
