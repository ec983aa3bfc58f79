import { ALL_MUNICIPALITIES, InvalidRecordRequest, type CaseRecording, type FieldProblem, type RecordResult } from '@fristvakt/case-recording';
import { intakeEventIds } from './intake-event-ids';
import { invalidInput, refusalOf, rejection, type IntakeRejection } from './intake-rejection';

/** The HTTP API's body limit: a message the API would refuse as too large is refused here too. */
export const MAX_VALUE_BYTES = 1024 * 1024;

export type IntakeOutcome = { kind: 'recorded'; result: RecordResult } | { kind: 'rejected'; rejection: IntakeRejection };

export interface IntakeDeciderOptions {
  recording: CaseRecording;
  /** `recordedBy` of every event the intake appends: the service, never message content */
  subject: string;
}

/**
 * Decides one intake message exactly as `POST /v1/cases/{caseId}/events` decides its body — same
 * write path (validation, case rules, idempotency, metrics) — with `caseId` taken from the value
 * instead of the path. Refusals come back as outcomes; only errors that may pass on a retry (the
 * store unavailable, a bug) are thrown.
 */
export class IntakeDecider {
  constructor(private readonly options: IntakeDeciderOptions) {}

  async decide(value: Buffer | null): Promise<IntakeOutcome> {
    const parsed = parseValue(value);
    if ('status' in parsed) return { kind: 'rejected', rejection: parsed };

    const { caseId, ...body } = parsed.value;
    try {
      const request = { caseId, body, newEventId: intakeEventIds(String(caseId), value!) };
      const result = await this.options.recording.record(request, { subject: this.options.subject, municipalities: ALL_MUNICIPALITIES });
      return { kind: 'recorded', result };
    } catch (error) {
      if (error instanceof InvalidRecordRequest) return { kind: 'rejected', rejection: invalidInput(problemsOf(error)) };
      const refusal = refusalOf(error);
      if (refusal) return { kind: 'rejected', rejection: refusal };
      throw error;
    }
  }
}

/** The pipeline's refusal placed in the message value, where `caseId` sits beside the body. */
function problemsOf(error: InvalidRecordRequest): FieldProblem[] {
  return [...(error.caseIdProblem === undefined ? [] : [{ pointer: '/caseId', detail: error.caseIdProblem }]), ...error.bodyProblems];
}

function parseValue(value: Buffer | null): { value: Record<string, unknown> } | IntakeRejection {
  if (value === null || value.length === 0) return rejection(400, 'the message has no value; expected a JSON object { caseId, expectedVersion?, events }');
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
