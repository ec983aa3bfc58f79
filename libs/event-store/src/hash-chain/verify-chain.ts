import type { StoredEvent } from '../event-store.port';
import { ChainVerifier, type ChainRecord, type ChainVerification } from './chain-verifier';

/** A head an auditor recorded earlier (`headHash` at `headPosition`), which the log must still extend. */
export interface PinnedHead {
  position: number;
  hash: string;
}

export interface VerifyChainOptions {
  expectHead?: PinnedHead;
  lookahead?: number;
}

/** The verification, plus whether the pinned head is still in the log when one was given. */
export type ChainReport = ChainVerification & { pinned?: PinnedHead & { ok: boolean } };

/** Events as the port returns them, from an adapter that chains (`hash` set); `prevHash` if the source has it. */
export type ChainedEvent = StoredEvent & { hash?: string; prevHash?: string | null };

/**
 * Verifies the hash chain of a whole log given in position order from position 1, in constant
 * memory. Accepts single events or batches (what `follow`/paged `readAll` give): {@link ChainedEvent}s
 * from the port, or raw {@link ChainRecord}s with payloads as stored text.
 */
export async function verifyChain(
  events: AsyncIterable<ChainRecord | readonly ChainRecord[]> | Iterable<ChainRecord | readonly ChainRecord[]>,
  options: VerifyChainOptions = {},
): Promise<ChainReport> {
  const check = new PinnedCheck(options);
  for await (const item of events) {
    if (Array.isArray(item)) {
      for (const event of item as readonly ChainRecord[]) check.push(event);
    } else {
      check.push(item as ChainRecord);
    }
    if (check.done) break;
  }
  return check.finish();
}

/** The chain check with the optional pin on top; shared by every source (port, SQLite rows). */
export class PinnedCheck {
  private readonly verifier: ChainVerifier;
  private readonly pin?: PinnedHead;
  private pinSeen: string | null = null;

  constructor(options: VerifyChainOptions = {}) {
    this.verifier = new ChainVerifier(undefined, options.lookahead);
    this.pin = options.expectHead;
  }

  get done(): boolean {
    return this.verifier.done;
  }

  push(record: ChainRecord): void {
    this.verifier.push(record);
    if (this.pin !== undefined && record.position === this.pin.position && this.pinSeen === null) {
      this.pinSeen = typeof record.hash === 'string' ? record.hash : '';
    }
  }

  finish(): ChainReport {
    const result = this.verifier.finish();
    if (this.pin === undefined) return result;
    const pinned = { ...this.pin, ok: this.pinSeen === this.pin.hash };
    if (!result.ok) return { ...result, pinned };
    if (pinned.ok) return { ...result, pinned };
    const beyondHead = this.pin.position > result.headPosition;
    return {
      ok: false,
      count: result.count,
      brokenAt: this.pin.position,
      reason: beyondHead ? 'missing' : 'changed',
      detail: beyondHead
        ? `the log ends at position ${result.headPosition}, before the pinned head at ${this.pin.position}`
        : `the event at position ${this.pin.position} has hash ${this.pinSeen}, not the pinned ${this.pin.hash}: the log was rewritten up to there`,
      pinned,
    };
  }
}

/** `<hash>@<position>`, as `npm run audit:verify -- --expect-head` takes it. */
export function parsePinnedHead(text: string): PinnedHead {
  const match = /^([0-9a-f]{64})@([1-9]\d{0,15})$/.exec(text.trim());
  if (!match) throw new Error(`expected <64 hex digits>@<position>, got ${JSON.stringify(text)}`);
  return { hash: match[1], position: Number(match[2]) };
}
