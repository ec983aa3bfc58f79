import { SetMetadata } from '@nestjs/common';

export const LOGGED_ACCESS = Symbol('fristvakt:logged-access');

/**
 * Records every call of the route in the access log (who read what, when, with which outcome).
 * Put it on routes that read case histories, export events, or answer audit and report queries.
 *
 * @example
 *   @Get(':caseId/events')
 *   @Allow('intake', 'auditor')
 *   @LogAccess('case.history')
 */
export const LogAccess = (action: string) => SetMetadata(LOGGED_ACCESS, action);
