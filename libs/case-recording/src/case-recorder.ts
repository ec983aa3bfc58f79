import {
  decide,
  evolveAll,
  initialState,
  type CaseEvent,
  type CaseState,
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
  private readonly recent = new Map<string, LoadedCase>();

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
      const existing = unread ?? (await this.read(input.caseId));
      const assumedOnly = unread !== undefined && unread.version === 0;
      let newEvents: CaseEvent[];
      try {
        input.authorize?.(existing);
        const { version, state } = existing;
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
      try {
        const result = await this.store.append(streamId, newEvents.map(toNewEvent), {
          expectedVersion: existing.version,
          recordedBy: input.recordedBy,
        });
        this.keepAppended(existing, result);
        return {
          caseId: input.caseId,
          version: result.version,
          position: result.position,
          eventIds: result.events.map((e) => e.eventId),
          replayed: result.replayed,
        };
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
      }
    }
  }

  async load(caseId: string): Promise<LoadedCase> {
    const loaded = await this.read(caseId);
    if (loaded.version === 0) throw new CaseNotFound(caseId);
    return loaded;
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
    if (kept !== undefined) return { ...kept, events: [...kept.events] };
    if (input.expectedVersion === 0) return { caseId: input.caseId, version: 0, events: [], state: initialState(input.caseId) };
    return undefined;
  }

  /**
   * Keeps a case being worked on as this append left it, so the next append to it needs no read.
   * Not a case this append created: most new cases are not written to again soon, and keeping each
   * one measurably slowed intake (their states outlive the young generation and burden the GC).
   */
  private keepAppended(before: LoadedCase, result: AppendResult): void {
    if (before.version === 0 || result.replayed || result.version !== before.version + result.events.length) return;
    const appended = result.events.map(toRecordedCaseEvent);
    this.keep({ caseId: before.caseId, version: result.version, events: [...before.events, ...appended], state: evolveAll(before.state, appended) });
  }

  private async read(caseId: string): Promise<LoadedCase> {
    const kept = this.recent.get(caseId);
    const fromVersion = (kept?.version ?? 0) + 1;
    const tail = (await this.store.readStream(caseStreamId(caseId), { fromVersion })).map(toRecordedCaseEvent);
    if (kept !== undefined && tail.length > 0 && tail[0].version !== fromVersion) {
      // Not the continuation of what was kept: trust nothing kept.
      this.recent.delete(caseId);
      return this.read(caseId);
    }
    const events = kept === undefined ? tail : tail.length === 0 ? kept.events : [...kept.events, ...tail];
    const state = kept !== undefined && tail.length === 0 ? kept.state : evolveAll(kept?.state ?? initialState(caseId), tail);
    const loaded: LoadedCase = { caseId, version: events.length === 0 ? 0 : events[events.length - 1].version, events, state };
    this.keep(loaded);
    // Callers get their own array; the kept one must stay as read.
    return { ...loaded, events: [...events] };
  }

  private keep(loaded: LoadedCase): void {
    if (loaded.version === 0) return;
    const kept = this.recent.get(loaded.caseId);
    // A slower concurrent read must not replace a newer one.
    if (kept !== undefined && kept.version > loaded.version) return;
    this.recent.delete(loaded.caseId);
    this.recent.set(loaded.caseId, loaded);
    if (this.recent.size > CACHED_CASES) this.recent.delete(this.recent.keys().next().value as string);
  }
}
