import { NO_STREAM } from '@eventstore/db-client';

/**
 * The only place where our stream versions meet EventStoreDB's stream revisions.
 *
 *   our version  = 1-based count of events in the stream; 0 means "no stream"
 *   ESDB revision = 0-based index of the stream's last event; a missing stream is NO_STREAM
 *
 * so version n ⇔ revision n - 1, and version 0 ⇔ NO_STREAM.
 */

export type EsdbExpectedRevision = typeof NO_STREAM | bigint;
/** What EventStoreDB reports as a stream's current revision (e.g. in a wrong-expected-version error). */
export type EsdbCurrentRevision = typeof NO_STREAM | bigint;

/** Maps the caller's expected version to the expected revision of an append. Never ANY: we always check. */
export function toExpectedRevision(expectedVersion: number): EsdbExpectedRevision {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}`);
  }
  return expectedVersion === 0 ? NO_STREAM : BigInt(expectedVersion - 1);
}

/** Maps a current revision (or NO_STREAM, or a `-1n` some client paths use for it) back to our version. */
export function toStreamVersion(revision: EsdbCurrentRevision | 'any' | 'stream_exists'): number {
  if (revision === NO_STREAM) return 0;
  if (typeof revision !== 'bigint') throw new Error(`EventStoreDB reported a non-numeric revision ${JSON.stringify(revision)}`);
  if (revision < -1n) throw new RangeError(`EventStoreDB reported an invalid revision ${revision}`);
  const version = revision + 1n;
  if (version > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`stream revision ${revision} does not fit a JS number`);
  return Number(version);
}

/** The revision of the event at a given 1-based version (for reading from that version on). */
export function revisionOfVersion(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`version must be a positive integer, got ${version}`);
  return BigInt(version - 1);
}
