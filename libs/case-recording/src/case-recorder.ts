import { decide, initialState, type CaseEvent } from '@fristvakt/domain';
import { appendMany, VersionConflictError, type EventStore } from '@fristvakt/event-store';
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

/** How one command of {@link CaseRecorder.recordNewCases} ended. */
export type NewCaseOutcome = { ok: true; result: RecordResult } | { ok: false; error: unknown };

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
   * Many cases the caller takes to be new (a history import), appended together through the
   * store's bulk path (`appendMany`: one transaction for all). Each is authorized and decided on the
   * case as it can be known without a read, exactly as {@link record}'s first try, and appended at
   * that version, so one that exists after all fails with the store's conflict. Nothing is retried
   * here: a failed outcome (conflict, rule, municipality) is for the caller to settle on a fresh
   * read, through {@link record}, since a refusal must rest on the case as it is.
   */
  async recordNewCases(commands: ReadonlyArray<Omit<RecordCommand, 'expectedVersion'>>): Promise<NewCaseOutcome[]> {
    const outcomes: NewCaseOutcome[] = new Array(commands.length);
    const appends = [];
    const appended: number[] = [];
    for (const [index, newCase] of commands.entries()) {
      const command = { ...newCase, expectedVersion: 0 };
      // A case kept here (read or appended before) is not new: deciding says so with a version conflict.
      const assumed = this.cases.assumed(command.caseId, 0) ?? emptyCase(command.caseId);
      try {
        const events = this.decide(command, assumed);
        appends.push({
          streamId: caseStreamId(command.caseId),
          events: events.map(toNewEvent),
          options: { expectedVersion: assumed.version, recordedBy: command.principal.subject },
        });
        appended.push(index);
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    }
    const stored = await appendMany(this.store, appends);
    stored.forEach((outcome, i) => {
      const command = commands[appended[i]];
      if (!outcome.ok) return void (outcomes[appended[i]] = outcome);
      const { version, position, replayed } = outcome.result;
      outcomes[appended[i]] = {
        ok: true,
        result: { caseId: command.caseId, version, position, replayed, eventIds: command.events.map((e) => e.eventId) },
      };
    });
    return outcomes;
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

function emptyCase(caseId: string): LoadedCase {
  return { caseId, version: 0, events: [], state: initialState(caseId), municipalities: new Set() };
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
