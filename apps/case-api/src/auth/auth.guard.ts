import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALLOWED_ROLES } from './allow.decorator';
import { roleNotAllowed, unauthorized, wwwAuthenticate } from './auth-problems';
import { authenticationOf } from './principal';
import type { Role } from './roles';

/** The versioned API; everything under it carries case data or figures. */
export const PROTECTED_PREFIX = '/v1/';

export function isProtectedPath(url: string): boolean {
  return url.startsWith(PROTECTED_PREFIX) || url === '/v1';
}

/**
 * Global guard: every `/v1` route needs a valid bearer token and an `@Allow(...)` naming a role
 * the token holds. A `/v1` route without `@Allow` is refused for everybody, so an endpoint added
 * without thinking about access is closed, not open. Routes outside `/v1` (health, metrics) are
 * open unless they declare `@Allow` themselves.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');
  private readonly undeclaredReported = new Set<string>();

  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const allowed = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ALLOWED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const route = request.routeOptions?.url ?? request.url;
    if (allowed === undefined && !isProtectedPath(route)) return true;

    const authentication = authenticationOf(request);
    if (!authentication?.ok) {
      const reason = authentication?.reason ?? 'missing';
      if (reason !== 'keys_unavailable') void http.getResponse<FastifyReply>().header('www-authenticate', wwwAuthenticate(reason));
      throw unauthorized(reason);
    }
    if (allowed === undefined) {
      this.reportUndeclared(`${request.method} ${route}`);
      throw roleNotAllowed([]);
    }
    if (!allowed.some((role) => authentication.principal.roles.has(role))) throw roleNotAllowed(allowed);
    return true;
  }

  private reportUndeclared(route: string): void {
    if (this.undeclaredReported.has(route)) return;
    this.undeclaredReported.add(route);
    this.logger.error(`${route} has no @Allow(...) declaration and is refused for every role; declare who may call it`);
  }
}
