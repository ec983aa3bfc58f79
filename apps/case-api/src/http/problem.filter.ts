import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CaseNotFound, MunicipalityNotHeld } from '@fristvakt/case-recording';
import { CaseRuleViolation } from '@fristvakt/domain';
import { EventIdConflictError, VersionConflictError } from '@fristvakt/event-store';
import { requestLogger } from '@fristvakt/observability';
import { municipalityNotAllowed } from '../auth/auth-problems';
import { principalOf } from '../auth/principal';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ProblemException, type Problem } from './problem';

/**
 * Every error leaves as `application/problem+json`. Client mistakes are 4xx with what to fix;
 * anything unexpected is a 500 that says nothing about internals (it is logged instead).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (abortedByClient(exception, request)) {
      // Nobody is left to answer, and it is no fault of ours: a note, not an error with a stack.
      requestLogger(request, 'ProblemFilter', principalOf(request)?.subject).info(
        'the client closed the connection before its request was read',
      );
      return;
    }
    const problem: Problem = { ...this.toProblem(exception), instance: instanceOf(request) };
    if (problem.status >= 500) {
      const log = requestLogger(request, 'ProblemFilter', principalOf(request)?.subject);
      if (exception instanceof Error) log.error({ err: exception }, exception.message);
      else log.error(String(exception));
    }
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) return { ...exception.problem };
    if (exception instanceof CaseRuleViolation) {
      return {
        type: PROBLEM_TYPES.caseRuleViolation,
        title: 'Case rule violated',
        status: 422,
        detail: exception.message,
        rule: exception.rule,
        eventIndex: exception.eventIndex,
        eventId: exception.eventId,
      };
    }
    if (exception instanceof VersionConflictError) {
      return {
        type: PROBLEM_TYPES.versionConflict,
        title: 'Version conflict',
        status: 409,
        detail: `The case is at version ${exception.actualVersion}, the request expected ${exception.expectedVersion}. Read the case again and decide on its current state.`,
        expectedVersion: exception.expectedVersion,
        actualVersion: exception.actualVersion,
      };
    }
    if (exception instanceof EventIdConflictError) {
      return {
        type: PROBLEM_TYPES.eventIdConflict,
        title: 'Event id reused',
        status: 409,
        detail: `${exception.message}. An eventId may only be resent with exactly the same content in the same case.`,
        eventIds: exception.eventIds,
      };
    }
    if (exception instanceof CaseNotFound) {
      return { type: PROBLEM_TYPES.notFound, title: 'Case not found', status: 404, detail: exception.message };
    }
    if (exception instanceof MunicipalityNotHeld) return { ...municipalityNotAllowed(exception.municipality).problem };
    if (exception instanceof HttpException) return fromHttpException(exception);
    return {
      type: PROBLEM_TYPES.internal,
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
    };
  }
}

/** Node's body stream fails with ECONNRESET "aborted" when the client hangs up mid-upload. */
function abortedByClient(exception: unknown, request: FastifyRequest | undefined): boolean {
  // duck-typed: the error comes from Node's core, which may be another realm than ours (jest's vm)
  if ((exception as NodeJS.ErrnoException | null)?.code !== 'ECONNRESET') return false;
  return request?.raw.destroyed === true || request?.raw.socket?.destroyed === true;
}

const UNSUPPORTED_MEDIA_TYPE: Problem = {
  type: PROBLEM_TYPES.unsupportedMediaType,
  title: 'Unsupported Media Type',
  status: 415,
  detail: 'Send the body as application/json.',
};

function instanceOf(request: FastifyRequest | undefined): string | undefined {
  // The path names the case; the query string is left out because it is client free text.
  return request?.url?.split('?')[0];
}

/**
 * Nest hands errors Fastify raised before a handler ran (body parsing, limits, media types) in as
 * HttpExceptions carrying Fastify's status. Their messages can quote the body, so each status gets
 * a fixed detail; controllers here never throw HttpExceptions themselves.
 */
function fromHttpException(exception: HttpException): Problem {
  const status = exception.getStatus();
  switch (status) {
    case HttpStatus.BAD_REQUEST: {
      const poisoned = /prototype|constructor/i.test(exception.message);
      return {
        type: PROBLEM_TYPES.malformedJson,
        title: 'Malformed JSON',
        status,
        detail: poisoned
          ? 'The request body contains a forbidden "__proto__" or "constructor" key.'
          : 'The request body is not valid JSON.',
      };
    }
    case HttpStatus.NOT_FOUND:
      return { type: PROBLEM_TYPES.notFound, title: 'Not Found', status, detail: 'No such resource.' };
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return {
        type: PROBLEM_TYPES.payloadTooLarge,
        title: 'Payload Too Large',
        status,
        detail: 'The request body exceeds the limit of 1 MB.',
      };
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return UNSUPPORTED_MEDIA_TYPE;
    default:
      return { type: PROBLEM_TYPES.http, title: titleOf(status), status, detail: titleOf(status) };
  }
}

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name
    ? name.toLowerCase().replace(/(^|_)(\w)/g, (_m, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase())
    : `HTTP ${status}`;
}
