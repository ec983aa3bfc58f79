import { decide, type CaseEvent } from '@fristvakt/domain';
import { VersionConflictError, type EventStore } from '@fristvakt/event-store';
import type { CaseCache, LoadedCase } from './case-cache';
import { caseStreamId, toNewEvent } from './case-event-codec';
import { CaseNotFound } from './case-reader';
import { canSeeCase, caseMunicipalities, holdsMunicipality, MunicipalityNotHeld, type RecordingPrincipal } from './recording-principal';
import { retryOnVersionConflict } from './retry-on-version-conflict';

/** A validated batch for one case. */
export interface RecordCommand {
  caseId: string;
  /** the version the client last saw; absent: record against whatever the case is now */
  expectedVersion?: number;
  /** eventIds already assigned */
  events: CaseEvent[];
  /** written as `recordedBy`; its municipalities bound which cases it may write to */
  principal: RecordingPrincipal;
}

export interface RecordResult {
  caseId: string;
  version: number;
  position: number;
  eventIds: string[];
  /** true when this exact batch was recorded before and nothing new was written */
  replayed: boolean;
}

/** Concurrent writers only get to retry when the client did not pin a version. */
const MAX_ATTEMPTS = 3;

/**
 * Authorizes, decides and appends one batch in the shape of Emmett's command handler. Decides
 * against the case as read and appends with exactly that version, so two writers can never both
 * pass a rule that only one of them may (e.g. two open investigations).
 */
export class CaseRecorder {
  constructor(
    private readonly cases: CaseCache,
    private readonly store: EventStore,
    private readonly clock: () => Date,
  ) {}

  async record(command: RecordCommand): Promise<RecordResult> {
    const unread = await this.recordOnAssumedCase(command);
    if (unread !== undefined) return unread;
    return retryOnVersionConflict(
      async () => {
        const read = await this.cases.read(command.caseId);
        return this.append(command, read, this.decide(command, read));
      },
      command.expectedVersion === undefined ? MAX_ATTEMPTS : 1,
    );
  }

  /**
   * The first try, on the case as kept here without a read (see `CaseCache.assumed`). Undefined
   * when anything short of an accepted append happened: that is settled on a fresh read, since a
   * refusal must rest on the case as it is, not as it was last seen here, and a case assumed new
   * was never authorized against what the store holds (another municipality's case must be "not
   * found" rather than a conflict).
   */
  private async recordOnAssumedCase(command: RecordCommand): Promise<RecordResult | undefined> {
    const assumed = this.cases.assumed(command.caseId, command.expectedVersion);
    if (assumed === undefined) return undefined;
    let events: CaseEvent[];
    try {
      events = this.decide(command, assumed);
    } catch {
      return undefined;
    }
    try {
      return await this.append(command, assumed, events);
    } catch (error) {
      if (error instanceof VersionConflictError) return undefined;
      throw error;
    }
  }

  /** authorize → decide, on the case as read; synchronous, so the version read is the one appended to. */
  private decide(command: RecordCommand, read: LoadedCase): CaseEvent[] {
    authorize(command, read);
    // A resend: the store tells an exact replay (original result) from a reused id (conflict).
    if (command.events.some((e) => read.state.eventsById.has(e.eventId))) return command.events;
    if (command.expectedVersion !== undefined && command.expectedVersion !== read.version) {
      throw new VersionConflictError(caseStreamId(command.caseId), command.expectedVersion, read.version);
    }
    return decide({ caseId: command.caseId, events: command.events, now: this.clock().toISOString() }, read.state);
  }

  private async append(command: RecordCommand, decidedOn: LoadedCase, events: CaseEvent[]): Promise<RecordResult> {
    // Taken now: a kept case is folded forward between awaits.
    const version = decidedOn.version;
    const appending = this.store.append(caseStreamId(command.caseId), events.map(toNewEvent), {
      expectedVersion: version,
      recordedBy: command.principal.subject,
    });
    const result = await appending.catch((error: unknown) => {
      // Behind the version kept: the kept read is not of this store's stream, so start afresh.
      // Ahead of it is a rival's append, which reading the tail picks up.
      if (error instanceof VersionConflictError && !(error.actualVersion >= error.expectedVersion)) this.cases.forget(command.caseId);
      throw error;
    });
    this.cases.keepAppended(decidedOn, version, result);
    return {
      caseId: command.caseId,
      version: result.version,
      position: result.position,
      eventIds: result.events.map((e) => e.eventId),
      replayed: result.replayed,
    };
  }
}

/**
 * Municipality scope (CONTRACT.md §2) on the case as read, on every attempt: an existing case of a
 * municipality the principal does not hold is "not found" (resends included), and new events may
 * only name municipalities it holds.
 */
function authorize(command: RecordCommand, read: LoadedCase): void {
  if (read.version > 0 && !canSeeCase(command.principal, read.municipalities)) throw new CaseNotFound(command.caseId);
  for (const municipality of caseMunicipalities(command.events)) {
    if (!holdsMunicipality(command.principal, municipality)) throw new MunicipalityNotHeld(municipality);
  }
}
