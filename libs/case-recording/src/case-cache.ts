import { applyToDraft, draftOf, initialState, type CaseState, type CaseStateDraft, type RecordedCaseEvent } from '@fristvakt/domain';
import type { AppendResult, EventStore } from '@fristvakt/event-store';
import { caseStreamId, toRecordedCaseEvent } from './case-event-codec';

/** One case as read: its events in order and the state they fold to. */
export interface LoadedCase {
  caseId: string;
  version: number;
  events: RecordedCaseEvent[];
  state: CaseState;
  /** every municipality the case's notifications name, retracted ones included: who may see the case */
  municipalities: ReadonlySet<string>;
}

/**
 * A case kept up to date in place: its events and a state that only the cache folds into. Handed
 * to authorization and `decide` only for their synchronous run; anything handed out beyond that is a copy.
 */
interface KeptCase extends LoadedCase {
  events: RecordedCaseEvent[];
  state: CaseStateDraft;
  municipalities: Set<string>;
}

/** Cases whose last read is kept; enough for the cases being worked on at once. */
const CACHED_CASES = 1024;

/**
 * The last read of recently used cases, shared by the recorder and the reader. Streams only grow,
 * so a case is brought up to date by reading the events after the version kept and folding them
 * onto its state: long streams are not re-read, re-parsed and re-folded on every append. The store
 * still decides: every append carries the version read, and a stream found behind the kept read
 * drops it.
 */
export class CaseCache {
  private readonly recent = new Map<string, KeptCase>();

  constructor(private readonly store: EventStore) {}

  /**
   * The case as it can be known without a read: as kept after the last read or append of it here,
   * or, when the client says it is new (expectedVersion 0), empty. Safe to decide against because
   * the append carries that version: if the stream moved on, the store refuses it.
   */
  assumed(caseId: string, expectedVersion: number | undefined): LoadedCase | undefined {
    const kept = this.recent.get(caseId);
    if (kept !== undefined) return kept;
    if (expectedVersion === 0) return { caseId, version: 0, events: [], state: initialState(caseId), municipalities: new Set() };
    return undefined;
  }

  /** The kept case brought up to date with the events after it, or read whole when none is kept. */
  async read(caseId: string): Promise<LoadedCase> {
    const before = this.recent.get(caseId);
    const fromVersion = (before?.version ?? 0) + 1;
    const tail = (await this.store.readStream(caseStreamId(caseId), { fromVersion })).map(toRecordedCaseEvent);
    // Other reads and appends of this case may have run meanwhile: continue from what is kept now.
    const kept = this.recent.get(caseId);
    if (kept !== undefined) {
      const newer = tail.filter((event) => event.version > kept.version);
      if (newer.length > 0 && newer[0].version !== kept.version + 1) {
        // Not the continuation of what was kept: trust nothing kept.
        this.recent.delete(caseId);
        return this.read(caseId);
      }
      fold(kept, newer);
      this.touch(kept);
      return kept;
    }
    // What was kept when the read began was dropped since: the tail is not the whole stream.
    if (fromVersion !== 1) return this.read(caseId);
    const read: KeptCase = { caseId, version: 0, events: [], state: draftOf(initialState(caseId)), municipalities: new Set() };
    fold(read, tail);
    if (read.version > 0) this.touch(read);
    return read;
  }

  /**
   * Folds what an append wrote into the kept case, so the next append to it needs no read; only
   * when the case kept is the one decided on and nothing moved it on since. Not a case this append
   * created: most new cases are not written to again soon, and keeping each one measurably slowed
   * intake (their states outlive the young generation and burden the GC). `version` is the one the
   * append stated: the kept case may have been folded forward while the append was under way.
   */
  keepAppended(decidedOn: LoadedCase, version: number, result: AppendResult): void {
    if (result.replayed) return;
    const kept = this.recent.get(decidedOn.caseId);
    if (kept !== decidedOn || kept.version !== version || result.version !== version + result.events.length) return;
    try {
      fold(kept, result.events.map(toRecordedCaseEvent));
      this.touch(kept);
    } catch {
      // Recorded all the same: a case that could not be folded forward is read afresh next time.
      this.recent.delete(decidedOn.caseId);
    }
  }

  /** Drops the kept read: the store showed it is not a read of this store's stream. */
  forget(caseId: string): void {
    this.recent.delete(caseId);
  }

  /** Marks the case as the most recently used, dropping the least recently used beyond the limit. */
  private touch(kept: KeptCase): void {
    this.recent.delete(kept.caseId);
    this.recent.set(kept.caseId, kept);
    if (this.recent.size > CACHED_CASES) this.recent.delete(this.recent.keys().next().value as string);
  }
}

function fold(kept: KeptCase, events: readonly RecordedCaseEvent[]): void {
  for (const event of events) {
    applyToDraft(kept.state, event);
    kept.events.push(event);
    if (event.type === 'NotificationReceived') kept.municipalities.add(event.data.municipality);
    kept.version = event.version;
  }
}
