import { CaseNotFound, MunicipalityNotHeld, type FieldProblem } from '@fristvakt/case-recording';
import { CaseRuleViolation } from '@fristvakt/domain';
import { EventIdConflictError, VersionConflictError } from '@fristvakt/event-store';
import { describeMunicipalities, type IntakeMunicipalities } from './intake-scope';

/**
 * Why a message was refused, as the HTTP API would have answered the same body: `status` is that
 * answer's status, `detail` its problem text with every offending field (JSON pointer) or the rule.
 */
export interface IntakeRejection {
  status: number;
  detail: string;
}

/** Header values travel with every DLQ message; a body with thousands of problems need not. */
const MAX_DETAIL_LENGTH = 4000;

/** What is wrong with the message itself rather than a field of its value. */
export interface MessageProblem {
  /** `(key)` */
  part: string;
  detail: string;
}

export function invalidInput(problems: ReadonlyArray<FieldProblem | MessageProblem>): IntakeRejection {
  const listed = problems.map((p) => `${'part' in p ? p.part : p.pointer || '(value)'}: ${p.detail}`).join('; ');
  return rejection(400, `${problems.length} invalid input${problems.length === 1 ? '' : 's'}: ${listed}`);
}

/**
 * The refusals the write path decides (municipality scope, case rules, versions, reused ids);
 * undefined for anything else, which may pass if retried. A case of another municipality is 404
 * as over HTTP, so the DLQ does not tell which case ids exist elsewhere.
 */
export function refusalOf(error: unknown, municipalities: IntakeMunicipalities): IntakeRejection | undefined {
  const scope = `FRISTVAKT_INTAKE_MUNICIPALITIES=${describeMunicipalities(municipalities)}`;
  if (error instanceof MunicipalityNotHeld)
    return rejection(403, `municipality ${error.municipality} is not one this intake may write (${scope})`);
  if (error instanceof CaseNotFound)
    return rejection(404, `case ${error.caseId} does not exist in the municipalities this intake may write (${scope})`);
  if (error instanceof CaseRuleViolation) {
    return rejection(422, `case rule ${error.rule} broken by /events/${error.eventIndex} (eventId ${error.eventId}): ${error.message}`);
  }
  if (error instanceof VersionConflictError) {
    return rejection(409, `version conflict: the case is at version ${error.actualVersion}, the message expected ${error.expectedVersion}`);
  }
  if (error instanceof EventIdConflictError) {
    return rejection(
      409,
      `event id reused (${error.eventIds.join(', ')}): ${error.message}; an eventId may only be resent with exactly the same content in the same case`,
    );
  }
  return undefined;
}

export function rejection(status: number, detail: string): IntakeRejection {
  return { status, detail: detail.length > MAX_DETAIL_LENGTH ? `${detail.slice(0, MAX_DETAIL_LENGTH - 1)}…` : detail };
}
