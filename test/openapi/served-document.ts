import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/*
 * The OpenAPI document as the server serves it, and a validator that holds every answer to it:
 * the status must be documented for the operation, the media type listed, the required headers
 * present, and a JSON body valid against the schema (ajv, OpenAPI 3.0 `nullable` included).
 */

type Schema = Record<string, unknown>;
interface Response {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
  headers?: Record<string, { required?: boolean }>;
}
export interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  responses: Record<string, Response>;
  security?: unknown[];
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

export async function servedDocument(app: NestFastifyApplication): Promise<OpenApiDocument> {
  const res = await app.inject({ method: 'GET', url: '/docs/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /docs/openapi.json answered ${res.statusCode}`);
  return res.json() as OpenApiDocument;
}

/** `METHOD /path/{param}` of every operation in the document. */
export function documentedOperations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
}

function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi${v}` : rebase(v)]),
    );
  }
  return value;
}

export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly paths: Array<{ path: string; pattern: RegExp }>;

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: document.components });
    this.paths = Object.keys(document.paths).map((path) => ({ path, pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`) }));
  }

  /** The document path an URL falls under, or undefined. */
  pathOf(url: string): string | undefined {
    const pathname = url.split('?')[0];
    return this.paths.find((p) => p.pattern.test(pathname))?.path;
  }

  /** Everything about the answer that the document does not allow; empty when it tells the truth. */
  problems(method: string, url: string, answer: Answer): string[] {
    const where = `${method} ${url} → ${answer.statusCode}`;
    const path = this.pathOf(url);
    const operation = path ? this.document.paths[path][method.toLowerCase()] : undefined;
    if (!path || !operation) return [`${where}: no such operation in the document`];
    const response = operation.responses[String(answer.statusCode)] ?? operation.responses.default;
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required && answer.headers[name.toLowerCase()] === undefined) problems.push(`${where}: required header ${name} missing`);
    }
    const mediaType = String(answer.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const content = response.content ?? {};
    if (Object.keys(content).length === 0)
      return answer.body === '' ? problems : [...problems, `${where}: a body the document does not describe`];
    const media = content[mediaType];
    if (!media)
      return [...problems, `${where}: media type ${mediaType || '(none)'} not documented (documented: ${Object.keys(content).join(', ')})`];
    if (!media.schema || !/^application\/(?:[\w.-]+\+)?json$/.test(mediaType)) return problems;
    const key = `${method} ${path} ${answer.statusCode} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(media.schema) as Schema);
      this.compiled.set(key, validate);
    }
    if (!validate(JSON.parse(answer.body))) {
      problems.push(`${where}: body invalid: ${this.ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 2000)}`);
    }
    return problems;
  }
}
