import type { Position } from '@eventstore/db-client';

/**
 * What `position` means for the EventStoreDB adapter.
 *
 * EventStoreDB orders `$all` by (commit, prepare), byte offsets in its transaction log. For every event
 * written by a gRPC append (an implicit transaction) commit === prepare === the event record's own log
 * position, so the commit position alone is unique, strictly increasing in `$all` order, and never 0
 * (the log starts with an epoch record). We use it unchanged as the port's `position`:
 *   - 0 keeps meaning "before the first event" (reads from START),
 *   - positions are sparse (gaps of hundreds of bytes, and system/other events in between), not gapless,
 *   - they stay far below 2^53 (9 PB of log), which {@link toPortPosition} checks anyway.
 * Events from legacy explicit transactions (commit !== prepare) cannot be case events we wrote; they are
 * rejected rather than given an ambiguous position.
 */

/** EventStoreDB's "no position" (ulong.MaxValue), sent for stream reads by servers before 22.6. */
export const NO_POSITION = 2n ** 64n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function toPortPosition(position: Position | undefined, what: string): number {
  if (position === undefined || position.commit === NO_POSITION || position.prepare === NO_POSITION) {
    throw new Error(
      `${what} carries no $all position; the EventStoreDB adapter needs a server that reports positions on stream reads (22.10 or later)`,
    );
  }
  if (position.commit !== position.prepare) {
    throw new Error(
      `${what} was written in an explicit transaction (commit ${position.commit} ≠ prepare ${position.prepare}); it has no single position`,
    );
  }
  if (position.commit <= 0n || position.commit > MAX_SAFE) {
    throw new RangeError(`${what} has commit position ${position.commit}, outside 1..2^53-1`);
  }
  return Number(position.commit);
}

/** The EventStoreDB position of an event whose port position is `position` (a real event position, never 0). */
export function toEsdbPosition(position: number): Position {
  if (!Number.isSafeInteger(position) || position < 1) throw new RangeError(`position must be a positive integer, got ${position}`);
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

/** Total order of `$all` positions. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
