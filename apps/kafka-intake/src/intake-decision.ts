import { recordIdProblem, validateRecordRequest, type CaseRecorder, type RecordResult } from '@fristvakt/case-recording';
import type { IncomingMessage } from '@fristvakt/messaging';
import type { IntakeSettings } from './intake-config';
import { intakeEventIds } from './intake-event-ids';
import { invalidInput, refusalOf, rejection, type IntakeRejection, type MessageProblem } from './intake-rejection';
import { intakeAuthorization } from './intake-scope';

/** The HTTP API's body limit: a message the API would refuse as too large is refused here too. */
export const MAX_VALUE_BYTES = 1024 * 1024;

export type IntakeOutcome = { kind: 'recorded'; result: RecordResult } | { kind: 'rejected'; rejection: IntakeRejection };

/** The parts of a message a decision reads. */
export type IntakeMessage = Pick<IncomingMessage, 'key' | 'value'>;

export interface IntakeDeciderOptions {
  recorder: CaseRecorder;
  clock: () => Date;
  /** `recordedBy` of every event the intake appends (the upstream system, never message content) and where it may write */
  settings: Pick<IntakeSettings, 'subject' | 'municipalities'>;
}

/** The intake's part of the value: the case the events belong to; the rest is the `POST` body. */
const ENVELOPE = ['caseId'];

/**
 * Decides one intake message exactly as `POST /v1/cases/{caseId}/events` decides its body — same
 * validation, same recorder, same case rules, idempotency and municipality rule — with `caseId`
 * taken from the value instead of the path, and the key required to be that caseId. Refusals come
 * back as outcomes; only errors that may pass on a retry (the store unavailable, a bug) are thrown.
 */
export class IntakeDecider {
  constructor(private readonly options: IntakeDeciderOptions) {}

  async decide(message: IntakeMessage): Promise<IntakeOutcome> {
    const parsed = parseValue(message.value);
    if ('status' in parsed) return { kind: 'rejected', rejection: parsed };

    const { caseId } = parsed.value;
    const caseIdDetail = recordIdProblem(caseId);
    const validation = validateRecordRequest(parsed.value, {
      now: this.options.clock(),
      newEventId: intakeEventIds(String(caseId), message.value!),
      envelope: ENVELOPE,
    });
    const problems = [
      ...(caseIdDetail ? [{ pointer: '/caseId', detail: caseId === undefined ? 'is required (the case the events belong to)' : caseIdDetail }] : []),
      ...keyProblems(message.key, caseIdDetail ? undefined : (caseId as string)),
      ...(validation.ok ? [] : validation.problems),
    ];
    if (problems.length > 0 || !validation.ok) return { kind: 'rejected', rejection: invalidInput(problems) };

    const { events, expectedVersion } = validation.request;
    try {
      const result = await this.options.recorder.record({
        caseId: caseId as string,
        events,
        expectedVersion,
        recordedBy: this.options.settings.subject,
        authorize: intakeAuthorization(this.options.settings.municipalities, events),
      });
      return { kind: 'recorded', result };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return { kind: 'rejected', rejection: refusal };
      throw error;
    }
  }
}

const WHY_KEY = 'the key must be the caseId, which puts every message of a case on one partition, so they are recorded in the order they were sent';

/**
 * The key decides the partition, and only within one partition does Kafka keep order. A case sent
 * under two keys can overtake itself: its second message is then refused as a version conflict, or
 * worse, recorded before the first. The key is not quoted: it is message content like any other.
 */
function keyProblems(key: Buffer | null, caseId: string | undefined): MessageProblem[] {
  if (key === null) return [{ part: '(key)', detail: `is missing; ${WHY_KEY}` }];
  if (caseId !== undefined && !key.equals(Buffer.from(caseId, 'utf8'))) return [{ part: '(key)', detail: `is not the caseId ${caseId}; ${WHY_KEY}` }];
  return [];
}

function parseValue(value: Buffer | null): { value: Record<string, unknown> } | IntakeRejection {
  if (value === null) return rejection(400, 'the message has no value (null, a tombstone); expected a JSON object { caseId, expectedVersion?, events }');
  if (value.length === 0) return rejection(400, 'the message has no value (zero bytes); expected a JSON object { caseId, expectedVersion?, events }');
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
