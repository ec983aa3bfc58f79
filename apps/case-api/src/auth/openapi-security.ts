import type { OpenAPIObject } from '@nestjs/swagger';
import { isProtectedPath } from './auth.guard';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/**
 * Marks every `/v1` operation as needing a bearer token, with the 401/403/429 answers the guard
 * and the rate limiter give, so the docs page offers "Authorize" and no endpoint is missed.
 */
export function documentBearerAuth(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    securitySchemes: { ...document.components?.securitySchemes, bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isProtectedPath(path)) continue;
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operation.security = [{ bearer: [] }];
      operation.responses = {
        ...operation.responses,
        401: { description: 'no, expired or invalid bearer token', content: PROBLEM },
        403: { description: 'the role or municipality is not allowed', content: PROBLEM },
        429: { description: 'rate limited; see Retry-After', content: PROBLEM },
      };
    }
  }
  return document;
}
