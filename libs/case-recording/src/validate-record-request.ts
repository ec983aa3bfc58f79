import { randomUUID } from 'node:crypto';
import { CASE_EVENT_TYPES, EARLIEST_DATE, osloDateOfInstant, validTimeProblem, type CaseEvent, type CaseEventType } from '@fristvakt/domain';
import { CaseEventDto, DATA_DTO_BY_TYPE, MAX_EVENTS_PER_REQUEST, RecordRequestDto } from './dto';
import { pointerTo, type FieldProblem } from './field-problem';
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
    // A validator bug must not turn bad input into a 500 nor let it through.
    return { ok: false, problems: [{ pointer: '', detail: `request could not be validated (${String(error).slice(0, 200)})` }] };
  }
}

function validate(body: unknown, context: ValidationContext): RecordRequestValidation {
  if (!isPlainObject(body)) {
    return { ok: false, problems: [{ pointer: '', detail: 'request body must be a JSON object { expectedVersion?, events }' }] };
  }
  const top = validateWithClass(RecordRequestDto, body, []);
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
  // other string, including a field added later without an id decorator.
  if (problems.length === 0) problems.push(...identityNumbersIn(body));
  if (problems.length > 0) return { ok: false, problems };

  const newEventId = context.newEventId ?? randomUUID;
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
    const currentYear = Number(osloDateOfInstant(nowMs).slice(0, 4));
    if (typeof birthYear === 'number' && Number.isInteger(birthYear) && birthYear > currentYear) {
      problems.push({ pointer: pointerTo(...dataAt, 'childBirthYear'), detail: `must not be after the current year ${currentYear}` });
    }
    if (problems.length === before) {
      return { eventId: eventId ?? '', type, occurredAt, data: { ...checked.value } } as CaseEvent;
    }
  }
  return undefined;
}

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

/**
 * Every string value holding a fødselsnummer/D-nummer. `eventId` is exempt: it must be a UUID, so
 * it cannot be one, and its 12-hex-digit group holds a check-digit-valid run in about one random
 * UUID in 16 000, which would refuse honest clients at random.
 */
function identityNumbersIn(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  collectIdentityNumbers(value, [], problems);
  return problems;
}

// One path stack for the whole walk, turned into a pointer only on a hit: the walk visits every
// value of every request, and nearly all of them are clean.
function collectIdentityNumbers(value: unknown, at: Array<string | number>, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    if (containsNationalIdentityNumber(value)) {
      problems.push({ pointer: pointerTo(...at), detail: 'must not contain a national identity number (fødselsnummer/D-nummer)' });
    }
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      at.push(index);
      collectIdentityNumbers(value[index], at, problems);
      at.pop();
    }
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (at.length === 2 && at[0] === 'events' && key === 'eventId') continue;
      at.push(key);
      collectIdentityNumbers(value[key], at, problems);
      at.pop();
    }
  }
}
