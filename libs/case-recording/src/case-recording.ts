import { CaseRuleViolation } from '@fristvakt/domain';
import { EventIdConflictError, VersionConflictError, type EventStore } from '@fristvakt/event-store';
import { CaseCache } from './case-cache';
import { CaseRecorder, type RecordCommand, type RecordResult } from './case-recorder';
import type { FieldProblem } from './field-problem';
import type { RecordingPrincipal } from './recording-principal';
import { recordIdProblem } from './record-id';
import { validateRecordRequest } from './validate-record-request';

/** A request to record events in one case, as an entry point received it. */
export interface RecordingRequest {
  /** the case the events belong to (a path segment, a message field); checked here */
  caseId: unknown;
  /** `{ expectedVersion?, events }` exactly as received; validated here */
  body: unknown;
  /** a version the entry point's envelope pins besides the body's (HTTP `If-Match`); the two must agree */
  pinnedVersion?: number;
  /** assigns eventIds the client left out (the intake derives them from the message); random UUIDs by default */
  newEventId?: () => string;
  /** top-level members of `body` that are the entry point's, not the body's (the intake's `caseId`) */
  envelope?: readonly string[];
}

/** The request is malformed (HTTP 400); each part names what is wrong, for the entry point to place. */
export class InvalidRecordRequest extends Error {
  override readonly name = 'InvalidRecordRequest';
  constructor(
    /** why the case id was refused */
    readonly caseIdProblem: string | undefined,
    /** every offending body field */
    readonly bodyProblems: readonly FieldProblem[],
    /** why the pinned version was refused: it disagrees with the body's `expectedVersion` */
    readonly pinnedVersionProblem: string | undefined,
  ) {
    super(`invalid record request (${bodyProblems.length + (caseIdProblem ? 1 : 0) + (pinnedVersionProblem ? 1 : 0)} problems)`);
  }
}

/** What the pipeline counts; `FristvaktMetrics` is one. */
export interface RecordingMetrics {
  recordedBatch(outcome: 'appended' | 'replayed', events: number): void;
  /** `rule` is the case rule code for `kind: 'rule'` */
  conflict(kind: 'version' | 'event_id' | 'rule', rule?: string): void;
}

export interface CaseRecordingOptions {
  /** the server's clock: `occurredAt` must not be after it, and `decide` dates deadlines by it */
  clock: () => Date;
  /** counts every write and every refusal; absent only where a process exposes no metrics */
  metrics?: RecordingMetrics;
  /** share one with a `CaseReader` so reads and writes keep one copy of each case; its own by default */
  cases?: CaseCache;
}

/**
 * The one write path: HTTP, the embedded and the standalone Kafka intake (and anything else that
 * records) call `record`, then only translate their input and its errors.
 *
 * @example
 *   const recording = new CaseRecording(store, { clock: () => new Date(), metrics });
 *   const result = await recording.record(
 *     { caseId: 'c-1', body: { expectedVersion: 0, events: [{ type: 'NotificationReceived', occurredAt: '2024-03-01', data }] } },
 *     { subject: 'import:2024-06', municipalities: new Set(['3201']) },
 *   );
 */
export class CaseRecording {
  private readonly recorder: CaseRecorder;

  constructor(
    store: EventStore,
    private readonly options: CaseRecordingOptions,
  ) {
    this.recorder = new CaseRecorder(options.cases ?? new CaseCache(store), store, options.clock);
  }

  /**
   * validate → authorize → decide → append → count. All or nothing; resending the same eventIds with
   * the same content returns the original result with `replayed: true`.
   *
   * @throws InvalidRecordRequest (400), MunicipalityNotHeld (403), CaseNotFound (404: a case of a
   *   municipality the principal does not hold), VersionConflictError or EventIdConflictError (409),
   *   CaseRuleViolation (422). Anything else (the store unavailable) may pass on a retry.
   */
  async record(request: RecordingRequest, principal: RecordingPrincipal): Promise<RecordResult> {
    const command = this.validate(request, principal);
    try {
      const result = await this.recorder.record(command);
      this.options.metrics?.recordedBatch(result.replayed ? 'replayed' : 'appended', result.eventIds.length);
      return result;
    } catch (error) {
      this.countRefusal(error);
      throw error;
    }
  }

  private validate(request: RecordingRequest, principal: RecordingPrincipal): RecordCommand {
    const caseIdProblem = request.caseId === undefined ? 'is required (the case the events belong to)' : recordIdProblem(request.caseId);
    const validation = validateRecordRequest(request.body, {
      now: this.options.clock(),
      newEventId: request.newEventId,
      envelope: request.envelope,
    });
    const bodyVersion = validation.ok ? validation.request.expectedVersion : undefined;
    const pinned = request.pinnedVersion;
    const pinnedVersionProblem =
      pinned !== undefined && bodyVersion !== undefined && bodyVersion !== pinned
        ? `says version ${pinned} but expectedVersion is ${bodyVersion}; send one or make them equal`
        : undefined;
    if (caseIdProblem !== undefined || !validation.ok || pinnedVersionProblem !== undefined) {
      throw new InvalidRecordRequest(caseIdProblem, validation.ok ? [] : validation.problems, pinnedVersionProblem);
    }
    const { events, expectedVersion } = validation.request;
    return { caseId: request.caseId as string, events, expectedVersion: expectedVersion ?? pinned, principal };
  }

  private countRefusal(error: unknown): void {
    const metrics = this.options.metrics;
    if (error instanceof VersionConflictError) metrics?.conflict('version');
    else if (error instanceof EventIdConflictError) metrics?.conflict('event_id');
    else if (error instanceof CaseRuleViolation) metrics?.conflict('rule', error.rule);
  }
}
