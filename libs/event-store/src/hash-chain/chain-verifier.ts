import { GENESIS_HASH, hashMatches, type HashedFields } from './event-hash';

export type ChainBreak = 'changed' | 'missing' | 'reordered';

export type ChainVerification =
  | { ok: true; count: number; headPosition: number; headHash: string }
  | {
      ok: false;
      /** events verified intact before the break */
      count: number;
      brokenAt: number;
      reason: ChainBreak;
      detail: string;
    };

/** One stored event with its link. `prevHash` is optional: sources that do not store it (the port) leave it out. */
export interface ChainRecord extends HashedFields {
  hash?: string | null;
  prevHash?: string | null;
}

/** Where verification starts: genesis, or a link already trusted (a pinned head). */
export interface ChainStart {
  position: number;
  hash: string;
}

/** How far past a broken link the verifier reads to tell a reordering from a change. */
export const DEFAULT_LOOKAHEAD = 100_000;

interface Suspect {
  brokenAt: number;
  /** the hash the broken event says precedes it */
  wanted: string;
  fallback: ChainBreak;
  detail: string;
  left: number;
}

/**
 * Checks a log link by link, in one pass and constant memory. Feed events in the order the log
 * gives them (`push`), then `finish`. The first broken link is classified:
 *
 * - `reordered`: positions do not increase, or an event names as its predecessor an event that
 *   comes after it in the log (found within the lookahead);
 * - `missing`: a position is skipped, or an intact event names a predecessor that is not there;
 * - `changed`: the event's content (any field, its hash, its prev_hash) no longer hashes to its hash.
 */
export class ChainVerifier {
  private count = 0;
  private lastPosition: number;
  private lastHash: string;
  private suspect: Suspect | null = null;
  private outcome: ChainVerification | null = null;

  constructor(
    start: ChainStart = { position: 0, hash: GENESIS_HASH },
    private readonly lookahead = DEFAULT_LOOKAHEAD,
  ) {
    this.lastPosition = start.position;
    this.lastHash = start.hash;
  }

  /** True once the outcome is decided; further events are ignored. */
  get done(): boolean {
    return this.outcome !== null;
  }

  push(record: ChainRecord): void {
    if (this.outcome !== null) return;
    if (this.suspect !== null) return this.lookAhead(record);

    const expectedPosition = this.lastPosition + 1;
    if (record.position < expectedPosition) {
      return this.broken(record.position, 'reordered', `position ${record.position} follows position ${this.lastPosition}`);
    }
    if (record.position > expectedPosition) {
      return this.broken(expectedPosition, 'missing', `no event at position ${expectedPosition}; the next one is at ${record.position}`);
    }
    const hash = record.hash;
    if (typeof hash !== 'string') return this.broken(record.position, 'changed', 'the event has no hash');
    const prevHash = record.prevHash;
    if (prevHash !== undefined && prevHash !== this.lastHash) return this.brokenLink(record, hash, prevHash);
    if (!hashMatches(record, this.lastHash, hash)) {
      return this.broken(record.position, 'changed', `the event at position ${record.position} no longer hashes to its stored hash`);
    }
    this.count += 1;
    this.lastPosition = record.position;
    this.lastHash = hash;
  }

  finish(): ChainVerification {
    if (this.suspect !== null) this.settleSuspect(this.suspect.fallback);
    return this.outcome ?? { ok: true, count: this.count, headPosition: this.lastPosition, headHash: this.lastHash };
  }

  /** The event does not name the previous one as its predecessor. */
  private brokenLink(record: ChainRecord, hash: string, prevHash: string | null): void {
    const at = record.position;
    if (hashMatches(record, this.lastHash, hash)) {
      return this.broken(at, 'changed', `the prev_hash of the event at position ${at} was altered`);
    }
    if (prevHash === null) return this.broken(at, 'changed', `the event at position ${at} has no prev_hash`);
    const intact = hashMatches(record, prevHash, hash);
    this.suspect = {
      brokenAt: at,
      wanted: prevHash,
      fallback: intact ? 'missing' : 'changed',
      detail: intact
        ? `the event at position ${at} follows an event that is not in the log`
        : `the event at position ${at} neither hashes to its hash nor links to position ${this.lastPosition}`,
      left: this.lookahead,
    };
    if (this.lookahead <= 0) this.settleSuspect(this.suspect.fallback);
  }

  private lookAhead(record: ChainRecord): void {
    const suspect = this.suspect as Suspect;
    if (record.hash === suspect.wanted) {
      this.suspect = null;
      return this.broken(
        suspect.brokenAt,
        'reordered',
        `the event at position ${suspect.brokenAt} follows the event now at position ${record.position}`,
      );
    }
    suspect.left -= 1;
    if (suspect.left <= 0) this.settleSuspect(suspect.fallback);
  }

  private settleSuspect(reason: ChainBreak): void {
    const suspect = this.suspect as Suspect;
    this.suspect = null;
    this.broken(suspect.brokenAt, reason, suspect.detail);
  }

  private broken(brokenAt: number, reason: ChainBreak, detail: string): void {
    this.outcome = { ok: false, count: this.count, brokenAt, reason, detail };
  }
}
