import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OPENAPI_JSON_PATH } from './openapi';

/**
 * Swagger UI at `/docs`, served from the `swagger-ui-dist` package (no CDN: the API runs on closed
 * networks). `@fastify/static` cannot be used: its peer ranges for @nestjs/swagger and
 * @nestjs/platform-fastify do not overlap. Scripts are files, not inline, so a same-origin CSP holds.
 */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '${OPENAPI_JSON_PATH}', dom_id: '#swagger-ui', deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Fristvakt API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/assets/swagger-initializer.js"></script>
</body>
</html>
`;

export function serveDocsUi(app: NestFastifyApplication): void {
  const distDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets = new Map<string, { body: Buffer; type: string }>(
    Object.entries(ASSETS).map(([name, type]) => [name, { body: readFileSync(join(distDir, name)), type }]),
  );
  assets.set('swagger-initializer.js', { body: Buffer.from(INITIALIZER), type: 'text/javascript; charset=utf-8' });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/docs', (_request, reply) => {
    void reply.type('text/html; charset=utf-8').send(PAGE);
  });
  fastify.get<{ Params: { name: string } }>('/docs/assets/:name', (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) {
      void reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404 });
      return;
    }
    void reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(asset.body);
  });
}
