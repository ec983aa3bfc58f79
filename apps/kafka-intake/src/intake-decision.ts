import { InvalidRecordRequest, recordIdProblem, type CaseRecording, type FieldProblem, type RecordResult } from '@fristvakt/case-recording';
import type { IncomingMessage } from '@fristvakt/messaging';
import type { IntakeSettings } from './intake-config';
import { intakeEventIds } from './intake-event-ids';
import { invalidInput, refusalOf, rejection, type IntakeRejection, type MessageProblem } from './intake-rejection';

/** The HTTP API's body limit: a message the API would refuse as too large is refused here too. */
export const MAX_VALUE_BYTES = 1024 * 1024;

export type IntakeOutcome = { kind: 'recorded'; result: RecordResult } | { kind: 'rejected'; rejection: IntakeRejection };

/** The parts of a message a decision reads. */
export type IntakeMessage = Pick<IncomingMessage, 'key' | 'value'>;

export interface IntakeDeciderOptions {
  recording: CaseRecording;
  /** `recordedBy` of every event the intake appends (the upstream system, never message content) and where it may write */
  settings: Pick<IntakeSettings, 'subject' | 'municipalities'>;
}

/** The intake's part of the value: the case the events belong to; the rest is the `POST` body. */
const ENVELOPE = ['caseId'];

/**
 * Decides one intake message exactly as `POST /v1/cases/{caseId}/events` decides its body — same
 * write path (validation, municipality scope, case rules, idempotency, metrics) — with `caseId`
 * taken from the value instead of the path, and the key required to be that caseId. The intake's
 * municipalities play the token's part. Refusals come back as outcomes; only errors that may pass
 * on a retry (the store unavailable, a bug) are thrown.
 */
export class IntakeDecider {
  constructor(private readonly options: IntakeDeciderOptions) {}

  async decide(message: IntakeMessage): Promise<IntakeOutcome> {
    const parsed = parseValue(message.value);
    if ('status' in parsed) return { kind: 'rejected', rejection: parsed };

    const { caseId } = parsed.value;
    const keyProblems = keyProblemsOf(message.key, caseId);
    if (keyProblems.length > 0) return { kind: 'rejected', rejection: invalidInput(keyProblems) };
    try {
      // The whole value, caseId passed over, so a pointer's `<key N>` counts the members as sent.
      const request = { caseId, body: parsed.value, envelope: ENVELOPE, newEventId: intakeEventIds(String(caseId), message.value!) };
      const { subject, municipalities } = this.options.settings;
      const result = await this.options.recording.record(request, { subject, municipalities });
      return { kind: 'recorded', result };
    } catch (error) {
      if (error instanceof InvalidRecordRequest) return { kind: 'rejected', rejection: invalidInput(problemsOf(error)) };
      const refusal = refusalOf(error, this.options.settings.municipalities);
      if (refusal) return { kind: 'rejected', rejection: refusal };
      throw error;
    }
  }
}

/** The pipeline's refusal placed in the message value, where `caseId` sits beside the body. */
function problemsOf(error: InvalidRecordRequest): FieldProblem[] {
  return [...(error.caseIdProblem === undefined ? [] : [{ pointer: '/caseId', detail: error.caseIdProblem }]), ...error.bodyProblems];
}

const WHY_KEY =
  'the key must be the caseId, which puts every message of a case on one partition, so they are recorded in the order they were sent';

/**
 * The key decides the partition, and only within one partition does Kafka keep order: a case sent
 * under two keys can overtake itself, its later message refused as a version conflict or recorded
 * first. Checked before anything else, so the message is refused for its key alone; the key is not
 * quoted, being message content like any other, and the caseId only once it is a valid id.
 */
function keyProblemsOf(key: Buffer | null, caseId: unknown): Array<MessageProblem | FieldProblem> {
  const caseIdProblem = caseId === undefined ? 'is required (the case the events belong to)' : recordIdProblem(caseId);
  const alongside = caseIdProblem === undefined ? [] : [{ pointer: '/caseId', detail: caseIdProblem }];
  if (key === null) return [{ part: '(key)', detail: `is missing; ${WHY_KEY}` }, ...alongside];
  if (caseIdProblem === undefined && !key.equals(Buffer.from(caseId as string, 'utf8')))
    return [{ part: '(key)', detail: `is not the caseId ${caseId as string}; ${WHY_KEY}` }];
  return [];
}

function parseValue(value: Buffer | null): { value: Record<string, unknown> } | IntakeRejection {
  if (value === null)
    return rejection(400, 'the message has no value (null, a tombstone); expected a JSON object { caseId, expectedVersion?, events }');
  if (value.length === 0)
    return rejection(400, 'the message has no value (zero bytes); expected a JSON object { caseId, expectedVersion?, events }');
  if (value.length > MAX_VALUE_BYTES) return rejection(413, `the value is ${value.length} bytes; the limit is ${MAX_VALUE_BYTES} (1 MB)`);
  let parsed: unknown;
  try {
    // fatal: bytes that are not UTF-8 are refused rather than silently replaced by U+FFFD.
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(value));
  } catch {
    // The parser's message quotes the input, which may be personal data: say only what is wrong.
    return rejection(400, 'the value is not valid UTF-8 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return rejection(400, 'the value must be a JSON object { caseId, expectedVersion?, events }');
  }
  return { value: parsed as Record<string, unknown> };
}
