import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { AccessLogInterceptor } from './access-log.interceptor';
import { LOGGED_ACCESS } from './audit.tokens';

export { LOGGED_ACCESS };

/**
 * Records every call of the route in the access log (who read what, when, with which outcome).
 * Put it on routes that read case histories, export events, or answer audit and report queries.
 * The interceptor is bound to these routes only: a global one would put every other request
 * (appends above all) through Nest's interceptor chain for nothing.
 *
 * @example
 *   @Get(':caseId/events')
 *   @Allow('intake', 'auditor')
 *   @LogAccess('case.history')
 */
export const LogAccess = (action: string) => applyDecorators(SetMetadata(LOGGED_ACCESS, action), UseInterceptors(AccessLogInterceptor));
