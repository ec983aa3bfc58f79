import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { principalOf, type Principal } from './principal';

/**
 * The verified caller of an `@Allow`ed route. The guard has refused the request before a handler
 * runs unless there is one, so a missing principal here is a wiring bug and fails loudly.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<FastifyRequest>());
  if (!principal) throw new Error('@CurrentPrincipal() on a route without @Allow()');
  return principal;
});
