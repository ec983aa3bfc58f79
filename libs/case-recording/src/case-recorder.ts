import {
  applyToDraft,
  decide,
  draftOf,
  evolveAll,
  initialState,
  type CaseEvent,
  type CaseState,
  type CaseStateDraft,
  type RecordedCaseEvent,
} from '@fristvakt/domain';
import { VersionConflictError, type AppendResult, type EventStore } from '@fristvakt/event-store';
import { caseStreamId, toNewEvent, toRecordedCaseEvent } from './case-event-codec';

export interface RecordInput {
  caseId: string;
  /** the version the client last saw; absent: record against whatever the case is now */
  expectedVersion?: number;
  /** eventIds already assigned */
  events: CaseEvent[];
  /** authenticated subject; never client content */
  recordedBy: string;
  /**
   * Runs on the case as read, before anything is decided or appended (on every retry); throw to
   * refuse. Access rules that depend on the case itself, such as its municipality, go here: only
   * now is the case known, and checking the same read that is appended to leaves no gap.
   */
  authorize?: (existing: LoadedCase) => void;
}

export interface RecordResult {
  caseId: string;
  version: number;
  position: number;
  eventIds: string[];
  /** true when this exact batch was recorded before and nothing new was written */
  replayed: boolean;
}

export interface LoadedCase {
  caseId: string;
  version: number;
  events: RecordedCaseEvent[];
  state: CaseState;
  /** every municipality the case's notifications name, retracted ones included: who may see the case */
  municipalities: ReadonlySet<string>;
}

/** `load` of a case that has no events. */
export class CaseNotFound extends Error {
  override readonly name = 'CaseNotFound';
  constructor(readonly caseId: string) {
    super(`case ${caseId} does not exist`);
  }
}

/** Concurrent writers only get to retry when the client did not pin a version. */
const MAX_ATTEMPTS = 3;

/** Cases whose last read is kept; enough for the cases being worked on at once. */
const CACHED_CASES = 1024;

/**
 * A case kept up to date in place: its events and a state that only the recorder folds into. Handed
 * to `authorize` and `decide` only for their synchronous run; anything handed out beyond that is a copy.
 */
interface KeptCase extends LoadedCase {
  events: RecordedCaseEvent[];
  state: CaseStateDraft;
  municipalities: Set<string>;
}

/**
 * Records a batch of events in one case: the application service shared by the HTTP API and the
 * Kafka intake. Decides against the state it read and appends with exactly that version, so two
 * writers can never both pass a rule that only one of them may (e.g. two open investigations).
 */
export class CaseRecorder {
  /*
   * The last read of recently used cases. Streams only grow, so a case is brought up to date by
   * reading the events after the version kept and folding them onto its state: long streams are
   * not re-read, re-parsed and re-folded on every append. The store still decides: every append
   * carries the version read, and a stream found behind the kept read drops it.
   */
  private readonly recent = new Map<string, KeptCase>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date,
  ) {}

  async record(input: RecordInput): Promise<RecordResult> {
    const streamId = caseStreamId(input.caseId);
    // First try the case as last seen here, without a read (see `assumed`); anything short of an
    // accepted append is then settled on a fresh read, which costs that attempt nothing.
    let unread = this.assumed(input);
    for (let attempt = 1; ; attempt++) {
      const existing = unread ?? (await this.readKept(input.caseId));
      // Version and state are taken together, here: a kept case is folded forward between awaits.
      const { version, state, municipalities } = existing;
      const assumedOnly = unread !== undefined && version === 0;
      let newEvents: CaseEvent[];
      try {
        input.authorize?.({ caseId: input.caseId, version, events: existing.events, state, municipalities });
        newEvents = input.events.some((e) => state.eventsById.has(e.eventId))
          ? // A resend: the store tells an exact replay (original result) from a reused id (conflict).
            input.events
          : this.decideAgainst(input, version, state);
      } catch (error) {
        // A refusal must rest on the case as it is, not as it was last seen here.
        if (unread === undefined) throw error;
        unread = undefined;
        attempt--;
        continue;
      }
      unread = undefined;
      let result: AppendResult;
      try {
        result = await this.store.append(streamId, newEvents.map(toNewEvent), { expectedVersion: version, recordedBy: input.recordedBy });
      } catch (error) {
        // Behind the version kept: the kept read is not of this store's stream, so start afresh.
        // Ahead of it is a rival's append, which reading the tail picks up.
        if (error instanceof VersionConflictError && !(error.actualVersion >= error.expectedVersion)) this.recent.delete(input.caseId);
        // A case assumed new was never authorized against what the store holds: read it, so a case
        // of another municipality is "not found" rather than a conflict.
        if (assumedOnly && error instanceof VersionConflictError) {
          attempt--;
          continue;
        }
        const retry = error instanceof VersionConflictError && input.expectedVersion === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
        continue;
      }
      try {
        this.keepAppended(existing, version, result);
      } catch {
        // Recorded all the same: a case that could not be folded forward is read afresh next time.
        this.recent.delete(input.caseId);
      }
      return {
        caseId: input.caseId,
        version: result.version,
        position: result.position,
        eventIds: result.events.map((e) => e.eventId),
        replayed: result.replayed,
      };
    }
  }

  async load(caseId: string): Promise<LoadedCase> {
    const kept = await this.readKept(caseId);
    if (kept.version === 0) throw new CaseNotFound(caseId);
    // The caller's own copy: the kept case moves on with the next append.
    return { caseId, version: kept.version, events: [...kept.events], state: evolveAll(kept.state, []), municipalities: new Set(kept.municipalities) };
  }

  private decideAgainst(input: RecordInput, version: number, state: CaseState): CaseEvent[] {
    if (input.expectedVersion !== undefined && input.expectedVersion !== version) {
      throw new VersionConflictError(caseStreamId(input.caseId), input.expectedVersion, version);
    }
    return decide({ caseId: input.caseId, events: input.events, now: this.clock().toISOString() }, state);
  }

  /**
   * The case as it can be known without a read: as kept after this recorder's last read or append of
   * it, or, when the client says it is new (expectedVersion 0), empty. Safe to decide against
   * because the append carries that version: if the stream moved on, the store refuses it.
   */
  private assumed(input: RecordInput): LoadedCase | undefined {
    const kept = this.recent.get(input.caseId);
    if (kept !== undefined) return kept;
    if (input.expectedVersion === 0) return { caseId: input.caseId, version: 0, events: [], state: initialState(input.caseId), municipalities: new Set() };
    return undefined;
  }

  /**
   * Folds what this append wrote into the kept case, so the next append to it needs no read; only
   * when the case kept is the one decided on and nothing moved it on since. Not a case this append
   * created: most new cases are not written to again soon, and keeping each one measurably slowed
   * intake (their states outlive the young generation and burden the GC).
   */
  private keepAppended(decidedOn: LoadedCase, version: number, result: AppendResult): void {
    if (result.replayed) return;
    const kept = this.recent.get(decidedOn.caseId);
    if (kept !== decidedOn || kept.version !== version || result.version !== version + result.events.length) return;
    this.fold(kept, result.events.map(toRecordedCaseEvent));
    this.touch(kept);
  }

  /** The kept case brought up to date with the events after it, or read whole when none is kept. */
  private async readKept(caseId: string): Promise<KeptCase> {
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
        return this.readKept(caseId);
      }
      this.fold(kept, newer);
      this.touch(kept);
      return kept;
    }
    // What was kept when the read began was dropped since: the tail is not the whole stream.
    if (fromVersion !== 1) return this.readKept(caseId);
    const state = draftOf(initialState(caseId));
    const read: KeptCase = { caseId, version: 0, events: [], state, municipalities: new Set() };
    this.fold(read, tail);
    if (read.version > 0) this.touch(read);
    return read;
  }

  private fold(kept: KeptCase, events: readonly RecordedCaseEvent[]): void {
    for (const event of events) {
      applyToDraft(kept.state, event);
      kept.events.push(event);
      if (event.type === 'NotificationReceived') kept.municipalities.add(event.data.municipality);
      kept.version = event.version;
    }
  }

  /** Marks the case as the most recently used, dropping the least recently used beyond the limit. */
  private touch(kept: KeptCase): void {
    this.recent.delete(kept.caseId);
    this.recent.set(kept.caseId, kept);
    if (this.recent.size > CACHED_CASES) this.recent.delete(this.recent.keys().next().value as string);
  }
}
