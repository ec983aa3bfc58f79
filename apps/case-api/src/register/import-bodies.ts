import type { FastifyInstance } from 'fastify';
import type { ImportFormat } from '@fristvakt/register';

/** Content types POST /v1/import takes, and the format each means (`application/json` is parsed as usual: one line). */
export const IMPORT_CONTENT_TYPES: Readonly<Record<string, ImportFormat>> = {
  'application/x-ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/json': 'ndjson',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'application/x-tar': 'xml',
  'application/gzip': 'xml',
};

/**
 * Lets those bodies through unread, as the request stream: an import is spooled to disk by its
 * controller, never buffered (the JSON body limit does not apply; the controller has its own).
 */
export function acceptImportBodies(instance: FastifyInstance): void {
  const streamed = Object.keys(IMPORT_CONTENT_TYPES).filter((type) => type !== 'application/json');
  instance.addContentTypeParser(streamed, (_request, payload, done) => done(null, payload));
}
