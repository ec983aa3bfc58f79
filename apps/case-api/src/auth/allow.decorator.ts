import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ALLOWED_ROLES = Symbol('fristvakt:allowed-roles');

/**
 * The roles that may call a route (CONTRACT.md §2 "Who"), on a handler or a controller (the
 * handler's wins). Every `/v1` route needs one: the global guard refuses undeclared routes.
 *
 * @example
 *   @Get('deadlines')
 *   @Allow('intake', 'leader', 'auditor')
 *   deadlines(@CurrentPrincipal() principal: Principal) { … }
 */
export const Allow = (...roles: [Role, ...Role[]]) => SetMetadata(ALLOWED_ROLES, Object.freeze([...roles]));
