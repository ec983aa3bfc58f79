import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentBearerAuth } from '../auth/openapi-security';
import { CLOCK, type Clock } from '../tokens';
import { answerSchemas } from './answer-schemas';
import { describeOperations } from './describe-operations';
import { eventSchemas } from './event-schemas';

export const OPENAPI_JSON_PATH = '/docs/openapi.json';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Fristvakt case API')
    .setDescription('Record case events and read cases with their statutory deadlines (CONTRACT.md v1).')
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const currentYear = app.get<Clock>(CLOCK)().getUTCFullYear();
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...eventSchemas(currentYear), ...answerSchemas() },
  };
  return describeOperations(documentBearerAuth(document));
}

/** The JSON document; the UI at `/docs` is served by `serveDocsUi`. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    ui: false,
    raw: ['json'],
    jsonDocumentUrl: OPENAPI_JSON_PATH,
  });
}
