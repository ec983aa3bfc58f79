import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tap, type Observable } from 'rxjs';
import type { AccessLog } from '@fristvakt/audit';
import { containsNationalIdentityNumber, lookupIdProblem } from '@fristvakt/case-recording';
import { requestLogger } from '@fristvakt/observability';
import { ALL_MUNICIPALITIES, principalOf } from '../auth';
import { ProblemException } from '../http/problem';
import { CLOCK, type Clock } from '../tokens';
import { ACCESS_LOG, LOGGED_ACCESS } from './audit.tokens';

/**
 * Writes an access-log entry for every call of a route marked `@LogAccess`, once the handler has
 * answered or failed (the guard has already refused callers without the role, so each entry is
 * an authenticated caller). The entry is written before the response leaves, so nothing is read
 * without a trace; a failing access log fails the request.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ACCESS_LOG) private readonly log: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<string | undefined>(LOGGED_ACCESS, context.getHandler());
    if (action === undefined || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const write = (status: number) => this.write(action, request, status);
    return next.handle().pipe(
      tap({
        next: () => write(reply.statusCode),
        error: (error: unknown) => write(statusOf(error)),
      }),
    );
  }

  private write(action: string, request: FastifyRequest, status: number): void {
    const principal = principalOf(request);
    const params = (request.params ?? {}) as Record<string, unknown>;
    try {
      this.log.append({
        at: this.clock().toISOString(),
        subject: principal?.subject ?? 'anonymous',
        roles: principal ? [...principal.roles].sort() : [],
        municipalities:
          principal === undefined ? [] : principal.municipalities === ALL_MUNICIPALITIES ? ['*'] : [...principal.municipalities].sort(),
        action,
        method: request.method,
        route: request.routeOptions?.url ?? request.url.split('?')[0],
        caseId: typeof params.caseId === 'string' && lookupIdProblem(params.caseId) === undefined ? params.caseId : null,
        query: loggableQuery(request.query, status),
        status,
      });
    } catch (error) {
      requestLogger(request, 'AccessLog', principal?.subject).error(`could not write the access log: ${String(error)}`);
      throw error;
    }
  }
}

function statusOf(error: unknown): number {
  if (error instanceof ProblemException) return error.problem.status;
  if (error instanceof HttpException) return error.getStatus();
  if (error instanceof Error && error.name === 'CaseNotFound') return 404;
  return 500;
}

/**
 * The query as it passed validation; nothing of a refused one (400), whose keys and values are
 * caller input nobody checked. The log can never be changed, so even checked values pass the
 * identity-number guard once more: a value that fails it is kept as a mark, not as it was sent.
 */
export function loggableQuery(query: unknown, status: number): Record<string, unknown> {
  if (status === 400 || typeof query !== 'object' || query === null) return {};
  const logged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (containsNationalIdentityNumber(key)) continue;
    const values = [value].flat();
    logged[key] = values.some((v) => typeof v !== 'string' || containsNationalIdentityNumber(v)) ? REMOVED : value;
  }
  return logged;
}

const REMOVED = '[removed: not a loggable value]';
