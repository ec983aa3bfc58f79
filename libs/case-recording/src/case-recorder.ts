import {
  decide,
  evolveAll,
  initialState,
  type CaseEvent,
  type CaseState,
  type RecordedCaseEvent,
} from '@fristvakt/domain';
import { VersionConflictError, type EventStore } from '@fristvakt/event-store';
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

/**
 * Records a batch of events in one case: the application service shared by the HTTP API and the
 * Kafka intake. Decides against the state it read and appends with exactly that version, so two
 * writers can never both pass a rule that only one of them may (e.g. two open investigations).
 */
export class CaseRecorder {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date,
  ) {}

  async record(input: RecordInput): Promise<RecordResult> {
    const streamId = caseStreamId(input.caseId);
    for (let attempt = 1; ; attempt++) {
      const existing = await this.read(input.caseId);
      input.authorize?.(existing);
      const { version, state } = existing;
      const newEvents = input.events.some((e) => state.eventsById.has(e.eventId))
        ? // A resend: the store tells an exact replay (original result) from a reused id (conflict).
          input.events
        : this.decideAgainst(input, version, state);
      try {
        const result = await this.store.append(streamId, newEvents.map(toNewEvent), {
          expectedVersion: version,
          recordedBy: input.recordedBy,
        });
        return {
          caseId: input.caseId,
          version: result.version,
          position: result.position,
          eventIds: result.events.map((e) => e.eventId),
          replayed: result.replayed,
        };
      } catch (error) {
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

  private async read(caseId: string): Promise<LoadedCase> {
    const events = (await this.store.readStream(caseStreamId(caseId))).map(toRecordedCaseEvent);
    const state = evolveAll(initialState(caseId), events);
    return { caseId, version: events.length === 0 ? 0 : events[events.length - 1].version, events, state };
  }
}
