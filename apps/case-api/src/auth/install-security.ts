import { createRequire } from 'node:module';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { rateLimited, unauthorized, wwwAuthenticate } from './auth-problems';
import { isProtectedPath } from './auth.guard';
import { attachAuthentication, authenticationOf, principalOf } from './principal';
import type { HttpSecurityConfig } from './security-config';
import { TokenVerifier } from './token-verifier';

export interface RegisteredRoute {
  method: string;
  url: string;
}

const registered = new WeakMap<object, RegisteredRoute[]>();

/**
 * Every route registered after `installSecurity`, which runs before Nest and the docs add theirs:
 * the ground truth an access test walks, so a route nobody listed cannot go untested.
 */
export function registeredRoutes(app: NestFastifyApplication): readonly RegisteredRoute[] {
  return registered.get(app) ?? [];
}

/**
 * Same-origin only: the docs page and the dashboard load their own scripts and styles, never a
 * CDN's. Inline styles stay allowed because Swagger UI sets style attributes; inline scripts do not.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

type HelmetMiddleware = (req: unknown, res: HeaderRecorder, next: (error?: unknown) => void) => void;
interface HeaderRecorder {
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
}

/*
 * The headers helmet sets, computed once. @fastify/helmet builds a helmet middleware on every
 * request (options re-validated, CSP re-serialised) although nothing here depends on the request.
 * It is the helmet @fastify/helmet itself loads, run with the same options, so the header set and
 * values are exactly the plugin's.
 */
function staticSecurityHeaders(options: object): { set: ReadonlyArray<readonly [string, string]>; removed: readonly string[] } {
  const helmet = createRequire(require.resolve('@fastify/helmet'))('helmet') as (options: object) => HelmetMiddleware;
  const set: Array<readonly [string, string]> = [];
  const removed: string[] = [];
  helmet(options)(
    {},
    { setHeader: (name, value) => set.push([name, String(value)]), removeHeader: (name) => removed.push(name) },
    (error) => {
      if (error) throw error;
    },
  );
  return { set, removed };
}

/**
 * The Fastify side of access control and abuse limits, registered before Nest adds its routes:
 * security headers, CORS (only for configured origins), token verification in `onRequest` (so
 * the rate limiter can key on the verified subject), and the per-subject rate limit. Whether a
 * route needs a token at all is the Nest guard's decision (`AuthGuard`).
 */
export async function installSecurity(app: NestFastifyApplication, config: HttpSecurityConfig): Promise<void> {
  const routes: RegisteredRoute[] = [];
  registered.set(app, routes);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });

  const securityHeaders = staticSecurityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      for (const name of securityHeaders.removed) reply.raw.removeHeader(name);
      for (const [name, value] of securityHeaders.set) reply.raw.setHeader(name, value);
      done();
    });

  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'if-match'],
      exposedHeaders: ['etag', 'retry-after', 'www-authenticate'],
      maxAge: 600,
    });
  }

  const verifier = app.get(TokenVerifier);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (header !== undefined) attachAuthentication(request, await verifier.verifyHeader(header));
    });

  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // After onRequest, where the token was verified; before the body is read.
    hook: 'preParsing',
    // A verified subject is one budget whichever address it calls from; anything else is per address.
    keyGenerator: (request: FastifyRequest) => {
      const principal = principalOf(request);
      return principal ? `sub:${principal.subject}` : `ip:${request.ip}`;
    },
    // Probes and scrapers of health and metrics must never be throttled out of rotation. Judged by
    // the route the router matched, after it decoded the path: `/%761/…` and `/v%31/…` reach the
    // /v1 handlers, so they must meet the limiter too. A path no route matched is limited as well.
    allowList: (request: FastifyRequest) => !needsToken(request),
    errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });

  // After the limiter, still before the body is read: a /v1 request without a valid token is
  // answered here, so an anonymous upload costs neither the reading nor the parsing of 1 MB. A
  // route-level hook, added after the limiter's (also route-level, which run after every global
  // one), so that anonymous callers still count against their address's budget.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (!isProtectedPath(route.url)) return;
      route.preParsing = [...[route.preParsing ?? []].flat(), refuseAnonymous];
    });
}

async function refuseAnonymous(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.method === 'OPTIONS') return;
  const authentication = authenticationOf(request);
  if (authentication?.ok) return;
  const reason = authentication?.reason ?? 'missing';
  const { problem } = unauthorized(reason);
  if (reason !== 'keys_unavailable') void reply.header('www-authenticate', wwwAuthenticate(reason));
  // The connection is closed: the unread body must not be taken for the next request.
  await reply
    .code(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('connection', 'close')
    .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0] }));
}

/** Whether the route the router matched is a /v1 one; a request that matched none counts as one. */
function needsToken(request: FastifyRequest): boolean {
  const route = request.routeOptions?.url;
  return route === undefined || isProtectedPath(route);
}
