import { randomUUID } from 'node:crypto';
import {
  CASE_EVENT_TYPES,
  EARLIEST_DATE,
  osloDateOfInstant,
  validTimeProblem,
  type CaseEvent,
  type CaseEventType,
} from '@fristvakt/domain';
import { CaseEventDto, DATA_DTO_BY_TYPE, MAX_EVENTS_PER_REQUEST, RecordRequestDto } from './dto';
import { cleanEventId } from './event-id';
import { memberSegment, pointerTo, type FieldProblem } from './field-problem';
import { containsNationalIdentityNumber } from './national-identity-number';
import { isPlainObject, validateWithClass } from './validate-with-class';

/** A request that passed validation: typed events, every one with an eventId. */
export interface RecordRequest {
  expectedVersion?: number;
  events: CaseEvent[];
}

export type RecordRequestValidation = { ok: true; request: RecordRequest } | { ok: false; problems: FieldProblem[] };

export interface ValidationContext {
  /** the server's clock reading; `occurredAt` and `childBirthYear` must not be after it */
  now: Date;
  /** assigns an eventId where the client sent none */
  newEventId?: () => string;
  /**
   * Top-level members the entry point reads and checks itself (the Kafka intake's `caseId`): not
   * unknown, not looked into. Passed rather than removed, so `<key N>` counts the members as sent.
   */
  envelope?: readonly string[];
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(CASE_EVENT_TYPES);

/**
 * Validates a `POST /v1/cases/{caseId}/events` body (or the same body from the Kafka intake).
 * Shape only: case rules (order, references, code lists per event type) are the domain's. Names
 * every offending field and never throws, whatever JSON value it is given.
 */
export function validateRecordRequest(body: unknown, context: ValidationContext): RecordRequestValidation {
  try {
    return validate(body, context);
  } catch (error) {
    // A validator bug must not turn bad input into a 500 nor let it through, nor quote an identity number.
    const reason = String(error).slice(0, 200);
    return {
      ok: false,
      problems: [{ pointer: '', detail: `request could not be validated${containsNationalIdentityNumber(reason) ? '' : ` (${reason})`}` }],
    };
  }
}

function validate(body: unknown, context: ValidationContext): RecordRequestValidation {
  if (!isPlainObject(body)) {
    return { ok: false, problems: [{ pointer: '', detail: 'request body must be a JSON object { expectedVersion?, events }' }] };
  }
  const envelope = context.envelope ?? [];
  const top = validateWithClass(RecordRequestDto, body, [], envelope);
  const problems = [...top.problems];
  const events: CaseEvent[] = [];
  const rawEvents = top.value.events;
  if (Array.isArray(rawEvents)) {
    // Past the limit the batch is refused anyway; naming problems in event 5000 helps nobody.
    const nowMs = context.now.getTime();
    const seenIds = new Map<string, number>();
    rawEvents.slice(0, MAX_EVENTS_PER_REQUEST).forEach((raw, index) => {
      const event = validateEvent(raw, index, nowMs, problems);
      if (!event) return;
      const earlier = event.eventId === '' ? undefined : seenIds.get(event.eventId);
      if (earlier !== undefined) {
        problems.push({ pointer: pointerTo('events', index, 'eventId'), detail: `repeats the eventId of /events/${earlier}` });
      } else {
        seenIds.set(event.eventId, index);
      }
      events.push(event);
    });
  }
  // Defence in depth: the DTOs refuse identity numbers in every id field; this catches one in any
  // other string or property name, including a field added later without an id decorator. It runs
  // whatever else is wrong: the client must hear about the number, whose name the pointers hide.
  problems.push(...identityNumbersIn(body, problems, envelope));
  if (problems.length > 0) return { ok: false, problems };

  const newEventId = cleanEventId(context.newEventId ?? randomUUID);
  const request: RecordRequest = {
    events: events.map((e) => (e.eventId === '' ? { ...e, eventId: newEventId() } : e)),
  };
  if (top.value.expectedVersion !== undefined) request.expectedVersion = top.value.expectedVersion;
  return { ok: true, request };
}

/** The event, with eventId '' when the client left it to us, or undefined after adding its problems. */
function validateEvent(raw: unknown, index: number, nowMs: number, problems: FieldProblem[]): CaseEvent | undefined {
  const at = ['events', index];
  if (!isPlainObject(raw)) {
    problems.push({ pointer: pointerTo(...at), detail: 'must be an object { eventId?, type, occurredAt, data }' });
    return undefined;
  }
  const event = validateWithClass(CaseEventDto, raw, at);
  const before = problems.length;
  problems.push(...event.problems);
  const { eventId, type, occurredAt, data } = event.value;

  if (typeof occurredAt === 'string' && occurredAt.length <= 64) {
    const detail = occurredAtProblem(occurredAt, nowMs);
    if (detail) problems.push({ pointer: pointerTo(...at, 'occurredAt'), detail });
  }
  if (typeof type === 'string' && KNOWN_TYPES.has(type) && isPlainObject(data)) {
    const dataAt = [...at, 'data'];
    const checked = validateWithClass(DATA_DTO_BY_TYPE[type as CaseEventType], data, dataAt);
    problems.push(...checked.problems);
    const birthYear = (checked.value as { childBirthYear?: unknown }).childBirthYear;
    if (typeof birthYear === 'number' && Number.isInteger(birthYear) && birthYear > osloYearOf(nowMs)) {
      problems.push({ pointer: pointerTo(...dataAt, 'childBirthYear'), detail: `must not be after the current year ${osloYearOf(nowMs)}` });
    }
    // A decision has happened, like the event itself; a due date (evaluationDueOn) may lie ahead.
    const decidedOn = (checked.value as { decidedOn?: unknown }).decidedOn;
    if (typeof decidedOn === 'string' && checked.problems.length === 0) {
      const detail = occurredAtProblem(decidedOn, nowMs);
      if (detail) problems.push({ pointer: pointerTo(...dataAt, 'decidedOn'), detail });
    }
    if (problems.length === before) {
      return { eventId: eventId ?? '', type, occurredAt, data: { ...checked.value } } as CaseEvent;
    }
  }
  return undefined;
}

/** The year in Oslo at an instant; the last answer is kept, as every event of a request asks with the same clock reading. */
function osloYearOf(instantMs: number): number {
  if (lastYear.instantMs !== instantMs) lastYear = { instantMs, year: Number(osloDateOfInstant(instantMs).slice(0, 4)) };
  return lastYear.year;
}
let lastYear = { instantMs: Number.NaN, year: 0 };

/** The domain's valid-time rule, worded for the client that sent the field. */
function occurredAtProblem(occurredAt: string, nowMs: number): string | undefined {
  const problem = validTimeProblem(occurredAt, nowMs);
  switch (problem?.kind) {
    case undefined:
      return undefined;
    case 'invalid':
      return problem.reason;
    case 'before_earliest':
      return `must not be before ${EARLIEST_DATE}`;
    case 'in_future':
      return problem.plainDate ? "must not be after today's date in Oslo" : 'must not be in the future';
  }
}

/** Where a value sits while the body is walked: `depth` members/indices below the root, the last one `segment`. */
interface Visit {
  value: unknown;
  depth: number;
  segment: string | number;
}

const IDENTITY_NUMBER_DETAIL = 'must not contain a national identity number (fødselsnummer/D-nummer)';

/**
 * Every string value, and every property name, holding a fødselsnummer/D-nummer, at any depth. A
 * name is checked like a value: a client that keys data by person puts the number there, and would
 * otherwise see it repeated in the pointer that refuses it. A value already refused at its pointer
 * is not named twice. `eventId` and `occurredAt` are checked by their own rules: the UUID test of
 * event-id.ts (the general one would read the digit groups of honest random UUIDs as numbers now
 * and then), and a valid time, whose groups are date and clock fields and whose fraction has at
 * most nine digits (an invalid one is refused anyway). The envelope's members are the caller's to check.
 */
function identityNumbersIn(body: unknown, refused: readonly FieldProblem[], envelope: readonly string[]): FieldProblem[] {
  const named = new Set(refused.map((p) => p.pointer));
  const problems: FieldProblem[] = [];
  // An explicit stack, not recursion: bodies nest as deep as 1 MB of JSON allows. One path array for
  // the whole walk, turned into a pointer only on a hit: nearly every value of every request is clean.
  const path: Array<string | number> = [];
  const pending: Visit[] = [{ value: body, depth: 0, segment: '' }];
  while (pending.length > 0) {
    const { value, depth, segment } = pending.pop()!;
    path.length = depth;
    if (depth > 0) path[depth - 1] = segment;
    if (typeof value === 'string') {
      if (containsNationalIdentityNumber(value)) {
        const pointer = pointerTo(...path);
        if (!named.has(pointer)) problems.push({ pointer, detail: IDENTITY_NUMBER_DETAIL });
      }
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) pending.push({ value: value[index], depth: depth + 1, segment: index });
    } else if (isPlainObject(value)) {
      // Last member first onto the stack, so members are visited (and problems found) in order.
      const keys = Object.keys(value);
      const before = problems.length;
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index];
        if ((depth === 2 && path[0] === 'events' && (key === 'eventId' || key === 'occurredAt')) || (depth === 0 && envelope.includes(key)))
          continue;
        const member = memberSegment(key, index);
        // memberSegment replaces exactly the names that hold an identity number.
        if (member !== key) problems.push({ pointer: pointerTo(...path, member), detail: `property name ${IDENTITY_NUMBER_DETAIL}` });
        pending.push({ value: value[key], depth: depth + 1, segment: member });
      }
      if (problems.length - before > 1) problems.splice(before, problems.length - before, ...problems.slice(before).reverse());
    }
  }
  return problems;
}
