import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { isSafeRequestId } from './logging';
import type { FristvaktMetrics } from './metrics';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Fastify server options that make its built-in pino logger ours and leave request logging to us.
 * `refuseRequestId` rejects an incoming `x-request-id` the caller's data rules forbid (an identity
 * number): it would be echoed and written on every log line of the request.
 */
export function fastifyLoggingOptions(logger: Logger, refuseRequestId: (id: string) => boolean = () => false) {
  return {
    loggerInstance: logger,
    // Fastify's own request lines carry the raw URL (case ids, query strings); onResponse logs the route instead.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: (request: IncomingMessage): string => {
      const incoming = request.headers[REQUEST_ID_HEADER];
      return isSafeRequestId(incoming) && !refuseRequestId(incoming) ? incoming : randomUUID();
    },
  };
}

/** The route pattern, never the URL: `/v1/cases/:caseId/events`, or `unmatched` for a 404 on no route. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions?.url ?? 'unmatched';
}

/** Default: `request.user.sub`, where Passport-style authentication puts it. */
export function userSubject(request: FastifyRequest): string | undefined {
  const sub = (request as FastifyRequest & { user?: { sub?: unknown } }).user?.sub;
  return typeof sub === 'string' ? sub : undefined;
}

export interface ObserveHttpOptions {
  metrics?: FristvaktMetrics;
  inFlight?: InFlightRequests;
  /** the authenticated subject of a request, once authentication has run */
  subjectOf?: (request: FastifyRequest) => string | undefined;
}

/**
 * Request id echoed on every response, one "request completed" line and the HTTP metrics per
 * request. Other lines about a request go through `requestLogger`. Add before routes are registered.
 */
export function observeHttp(fastify: FastifyInstance, options: ObserveHttpOptions = {}): void {
  const { metrics, inFlight, subjectOf = userSubject } = options;
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    inFlight?.add(reply);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    inFlight?.delete(reply);
    const route = routeOf(request);
    metrics?.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    const sub = subjectOf(request);
    request.log.info(
      {
        method: request.method,
        route,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...(sub ? { sub } : {}),
      },
      'request completed',
    );
    done();
  });
}

/** Replies still being worked on, so a shutdown that runs out of time can answer them with a 503. */
export class InFlightRequests {
  private readonly replies = new Set<FastifyReply>();

  add(reply: FastifyReply): void {
    this.replies.add(reply);
    reply.raw.once('close', () => this.replies.delete(reply));
  }

  delete(reply: FastifyReply): void {
    this.replies.delete(reply);
  }

  get size(): number {
    return this.replies.size;
  }

  /** Answers every request still open with the given problem; their handlers' late answers are dropped. */
  rejectAll(status: number, body: Record<string, unknown>): number {
    let rejected = 0;
    for (const reply of this.replies) {
      if (reply.sent || reply.raw.headersSent) continue;
      void reply
        .code(status)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .header('connection', 'close')
        .send(JSON.stringify(body));
      rejected += 1;
    }
    this.replies.clear();
    return rejected;
  }
}
