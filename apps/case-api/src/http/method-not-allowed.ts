import type { FastifyInstance } from 'fastify';
import type { RegisteredRoute } from '../auth/install-security';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from './problem';

/** A route pattern (`/v1/cases/:caseId`) as a test for concrete paths; catch-alls (`*`) are left out. */
function patternOf(url: string): RegExp | undefined {
  if (url === '*' || url === '/*') return undefined;
  const source = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** The methods of every route whose pattern matches `path`, sorted; empty when no route has the path. */
export function allowedMethods(routes: readonly RegisteredRoute[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) if (patternOf(route.url)?.test(path)) methods.add(route.method);
  return [...methods].sort();
}

/**
 * A method a known path does not have answers 405 with `Allow` (RFC 9110 §15.5.6) instead of the
 * router's 404, so a client learns the path is right and the method wrong.
 */
export function installMethodNotAllowed(fastify: FastifyInstance, routes: readonly RegisteredRoute[]): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url !== undefined) return done();
    const path = request.url.split('?')[0];
    const allow = allowedMethods(routes, path);
    if (allow.length === 0 || allow.includes(request.method)) return done();
    const problem: Problem = {
      type: PROBLEM_TYPES.methodNotAllowed,
      title: 'Method Not Allowed',
      status: 405,
      detail: `${request.method} is not a method of this path; it has ${allow.join(', ')}.`,
      instance: path,
    };
    void reply.status(405).header('allow', allow.join(', ')).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  });
}
