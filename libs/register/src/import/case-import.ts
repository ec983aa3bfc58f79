import {
  CaseCache,
  CaseNotFound,
  CaseReader,
  CaseRecorder,
  MAX_EVENTS_PER_REQUEST,
  MunicipalityNotHeld,
  validateRecordRequest,
  type FieldProblem,
  type LoadedCase,
  type RecordingPrincipal,
} from '@fristvakt/case-recording';
import { CaseRuleViolation, type CaseEvent } from '@fristvakt/domain';
import { canonicalJson, EventIdConflictError, VersionConflictError, type EventStore } from '@fristvakt/event-store';

/** Where an event came from: a file and line, and the register element when it is XML. */
export interface ImportSource {
  file: string;
  line: number;
  element?: string;
}

/** One case as an input gives it: every event it holds, in order, each with its source. */
export interface CaseInput {
  caseId: string;
  at: ImportSource;
  events: Array<{ event: CaseEvent; at: ImportSource }>;
  /** reasons found before any rule was checked (a register element with no faithful event) */
  problems: Array<{ at: ImportSource; rule: string; detail: string }>;
}

/** A case refused whole: nothing of it was stored by this import. */
export interface Refusal {
  caseId: string;
  at: ImportSource;
  rule: string;
  detail: string;
}

export interface ImportTally {
  cases: number;
  /** cases that gained events */
  casesWritten: number;
  /** cases whose every event was stored before (a re-import, an overlapping file) */
  casesUnchanged: number;
  refused: number;
  eventsRead: number;
  eventsAppended: number;
  eventsAlreadyStored: number;
}

export interface CaseImportOptions {
  store: EventStore;
  /** who records (`recordedBy`, e.g. `import:cli`) and the municipalities whose cases it may write */
  principal: RecordingPrincipal;
  clock?: () => Date;
  onRefusal: (refusal: Refusal) => void;
  /** after each group of cases is durable */
  onProgress?: (tally: Readonly<ImportTally>) => void;
  /** cases recorded at once, in one transaction where the store has a bulk path (default: as many as hold 10 000 events) */
  casesPerGroup?: number;
}

/** A group's size: as many rows a transaction as the bench's raw insert writes (one fsync each). */
const EVENTS_PER_GROUP = 10_000;

/**
 * Records cases through the same path as the API: each case's events are validated as a request
 * body would be (`validateRecordRequest`: shape, codes, identity numbers), then decided and appended
 * by `CaseRecorder` at the version decided on, so `decide` and the store's version and idempotency
 * checks apply unchanged. A case is one append, so it is stored whole or not at all (resumable after
 * a kill). A group of cases is first taken as new and appended in bulk (`recordNewCases`: one
 * transaction where the store has a bulk path); the cases that turn out to exist are settled below.
 *
 * Idempotent: a case that exists is read, events whose ids it holds with the same content are
 * skipped, one with other content refuses the case (`changed_since_import`), and the rest is
 * decided against what is stored.
 */
export class CaseImport {
  readonly tally: ImportTally = {
    cases: 0,
    casesWritten: 0,
    casesUnchanged: 0,
    refused: 0,
    eventsRead: 0,
    eventsAppended: 0,
    eventsAlreadyStored: 0,
  };
  private readonly recorder: CaseRecorder;
  private readonly reader: CaseReader;
  private readonly clock: () => Date;
  private pending: CaseInput[] = [];
  private pendingEvents = 0;
  private readonly casesPerGroup: number;

  constructor(private readonly options: CaseImportOptions) {
    this.clock = options.clock ?? (() => new Date());
    const cases = new CaseCache(options.store);
    this.recorder = new CaseRecorder(cases, options.store, this.clock);
    this.reader = new CaseReader(cases);
    this.casesPerGroup = options.casesPerGroup ?? Number.POSITIVE_INFINITY;
  }

  /** Queues a case; records a group once enough are queued. */
  async add(input: CaseInput): Promise<void> {
    this.pending.push(input);
    this.pendingEvents += input.events.length;
    if (this.pending.length >= this.casesPerGroup || this.pendingEvents >= EVENTS_PER_GROUP) await this.flush();
  }

  /** Records every queued case and waits until they are durable. */
  async flush(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    this.pendingEvents = 0;
    if (group.length === 0) return;
    const checked = group.filter((input) => this.checked(input));
    // Most cases are new: decided on the empty case and appended together, in one transaction where
    // the store has a bulk path. A whole re-import is answered by the store as replays.
    const outcomes = await this.recorder.recordNewCases(
      checked.map((input) => ({ caseId: input.caseId, events: input.events.map((e) => e.event), principal: this.options.principal })),
    );
    const settled: Array<Promise<void>> = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) this.counted(outcome.result.replayed, checked[i].events.length);
      else settled.push(this.importExisting(checked[i], outcome.error));
    });
    await Promise.all(settled);
    this.options.onProgress?.(this.tally);
  }

  /** Counts the case, and refuses it when the input or the request validation finds a problem. */
  private checked(input: CaseInput): boolean {
    this.tally.cases += 1;
    this.tally.eventsRead += input.events.length;
    if (input.problems.length > 0) {
      const first = input.problems[0];
      this.refused(input, first.at, first.rule, input.problems.map((p) => p.detail).join('; '));
      return false;
    }
    const invalid = this.validate(input);
    if (invalid) this.refused(input, invalid.at, 'invalid_event', invalid.detail);
    return invalid === undefined;
  }

  private refused(input: CaseInput, at: ImportSource, rule: string, detail: string): void {
    this.tally.refused += 1;
    this.options.onRefusal({ caseId: input.caseId, at, rule, detail });
  }

  /**
   * A case that could not go in as new (`firstError`): it exists, or broke a rule on the empty case.
   * Keeps what is stored, refuses what contradicts it, decides the rest against it; a case that
   * does not exist after all is refused with `firstError`.
   */
  private async importExisting(input: CaseInput, firstError: unknown): Promise<void> {
    const refused = (at: ImportSource, rule: string, detail: string) => this.refused(input, at, rule, detail);
    const events = input.events.map((e) => e.event);
    try {
      const existing = await this.reader.load(input.caseId).catch((error: unknown) => {
        // No such case: the ids are another case's, or the events break a rule on their own; or it
        // was gone when the version was checked (a kept read of another store), then it is recorded afresh.
        if (!(error instanceof CaseNotFound)) throw error;
        if (firstError instanceof VersionConflictError) return undefined;
        throw firstError;
      });
      if (existing === undefined) {
        const result = await this.record(input, events, 0);
        return this.counted(result.replayed, events.length);
      }
      const fresh = this.newEvents(input, existing, refused);
      if (fresh === undefined) return;
      this.tally.eventsAlreadyStored += events.length - fresh.length;
      if (fresh.length === 0) {
        this.tally.casesUnchanged += 1;
        return;
      }
      const result = await this.record(input, fresh, existing.version);
      this.counted(result.replayed, fresh.length);
    } catch (error) {
      this.refuseError(input, error, refused);
    }
  }

  private counted(replayed: boolean, events: number): void {
    if (replayed) {
      this.tally.casesUnchanged += 1;
      this.tally.eventsAlreadyStored += events;
    } else {
      this.tally.casesWritten += 1;
      this.tally.eventsAppended += events;
    }
  }

  private record(input: CaseInput, events: CaseEvent[], expectedVersion: number) {
    return this.recorder.record({ caseId: input.caseId, expectedVersion, events, principal: this.options.principal });
  }

  /** The events not yet stored, or undefined when a stored one has other content (then refused). */
  private newEvents(
    input: CaseInput,
    existing: LoadedCase,
    refused: (at: ImportSource, rule: string, detail: string) => void,
  ): CaseEvent[] | undefined {
    const stored = new Map(existing.events.map((e) => [e.eventId, e]));
    const fresh: CaseEvent[] = [];
    for (const { event, at } of input.events) {
      const before = stored.get(event.eventId);
      if (before === undefined) {
        fresh.push(event);
        continue;
      }
      if (
        before.type !== event.type ||
        before.occurredAt !== event.occurredAt ||
        canonicalJson(before.data) !== canonicalJson(event.data)
      ) {
        refused(
          at,
          'changed_since_import',
          // The stored content is not quoted: the case may belong to a municipality the importer does not hold.
          `event ${event.eventId} (${event.type}) is stored with other content; read the case through the API and correct it with EventRetracted`,
        );
        return undefined;
      }
    }
    return fresh;
  }

  /** The first event that would not pass as a request body, with its source. */
  private validate(input: CaseInput): { at: ImportSource; detail: string } | undefined {
    const now = this.clock();
    for (let from = 0; from < input.events.length; from += MAX_EVENTS_PER_REQUEST) {
      const chunk = input.events.slice(from, from + MAX_EVENTS_PER_REQUEST);
      const body = {
        events: chunk.map(({ event }) => ({ eventId: event.eventId, type: event.type, occurredAt: event.occurredAt, data: event.data })),
      };
      const result = validateRecordRequest(body, { now });
      if (!result.ok) {
        const problem = result.problems[0];
        return { at: chunk[eventIndexOf(problem)]?.at ?? input.at, detail: result.problems.map(describe).join('; ') };
      }
    }
    return undefined;
  }

  private refuseError(input: CaseInput, error: unknown, refused: (at: ImportSource, rule: string, detail: string) => void): void {
    if (error instanceof CaseRuleViolation) {
      const at = input.events.find((e) => e.event.eventId === error.eventId)?.at ?? input.at;
      return refused(at, error.rule, error.message);
    }
    // An id this case reuses from another case, or from another event of its own.
    if (error instanceof EventIdConflictError) return refused(input.at, 'event_id_conflict', error.message);
    if (error instanceof MunicipalityNotHeld) {
      const at =
        input.events.find((e) => e.event.type === 'NotificationReceived' && e.event.data.municipality === error.municipality)?.at ??
        input.at;
      return refused(at, 'municipality_not_allowed', `the importer does not hold municipality ${error.municipality}`);
    }
    // The case exists in a municipality the importer does not hold.
    if (error instanceof CaseNotFound)
      return refused(input.at, 'municipality_not_allowed', `case ${input.caseId} belongs to a municipality the importer does not hold`);
    throw error;
  }
}

function eventIndexOf(problem: FieldProblem): number {
  const match = /^\/events\/(\d+)/.exec(problem.pointer);
  return match ? Number(match[1]) : 0;
}

function describe(problem: FieldProblem): string {
  return `${problem.pointer.replace(/^\/events\/\d+/, '') || '/'} ${problem.detail}`;
}
