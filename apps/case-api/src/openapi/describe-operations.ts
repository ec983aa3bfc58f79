import type { OpenAPIObject } from '@nestjs/swagger';
import { isProtectedPath } from '../auth/auth.guard';

/*
 * What the decorators cannot say, added from one table per concern so every operation gets it the
 * same way: the schema of each query parameter (by name: a parameter means the same on every
 * route), the answer of each operation with its media types and headers, problem+json for every
 * error, and `security: []` on the open probes. Generated with the document, never edited by hand.
 */

type Schema = Record<string, unknown>;
type Operation = {
  parameters?: Array<{ name: string; in: string; schema?: Schema; description?: string }>;
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> }>;
  security?: unknown[];
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const DATE = '\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
const TIME = 'T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)';
/** a date, or a date-time with an offset or Z */
const DATE_OR_INSTANT: Schema = { type: 'string', pattern: `^${DATE}(${TIME})?$`, maxLength: 64 };

/** Query parameters by name; an `enum` the decorator gave (format, view) is kept. */
const PARAMETERS: Record<string, Schema> = {
  asOf: DATE_OR_INSTANT,
  knownAt: DATE_OR_INSTANT,
  from: DATE_OR_INSTANT,
  to: DATE_OR_INSTANT,
  method: { type: 'string', enum: ['legal', 'statistical'], default: 'legal' },
  municipality: { type: 'string', pattern: '^\\d{4}(,\\d{4})*$', description: 'kommunenummer; repeat or comma-separate' },
  period: { type: 'string', pattern: '^\\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$', example: '2024-H1' },
  status: { type: 'string', enum: ['overdue', 'due_soon', 'ok'] },
  kind: { type: 'string', enum: ['review', 'investigation'] },
  minPosition: { type: 'integer', minimum: 0 },
  suppressSmallCounts: { type: 'boolean' },
  year: { type: 'integer', minimum: 1993, maximum: 2200 },
  years: { type: 'integer', minimum: 1, maximum: 10 },
  days: { type: 'integer', minimum: 0, maximum: 100000, default: 7 },
  limit: { type: 'integer', minimum: 1, maximum: 10000 },
  afterId: { type: 'integer', minimum: 0 },
  caseId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
  subject: { type: 'string', pattern: '^[\\w.@:-]{1,100}$' },
  expectHead: { type: 'string', pattern: '^[0-9a-f]{64}@\\d+$', description: '<headHash>@<headPosition>' },
  format: { type: 'string' },
  view: { type: 'string' },
};

const PATH_PARAMETERS: Record<string, Schema> = {
  caseId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'pseudonymous case id, never a fødselsnummer/D-nummer' },
};

const header = (description: string, schema: Schema, required = false) => ({ description, required, schema });
const ETAG = { ETag: header('W/"<version>": the case version, for If-Match', { type: 'string', pattern: '^W/"\\d+"$' }, true) };
const RATE_LIMIT = {
  'X-RateLimit-Limit': header('requests allowed per minute (FRISTVAKT_RATE_LIMIT_PER_MINUTE)', { type: 'integer' }),
  'X-RateLimit-Remaining': header('requests left in the current minute', { type: 'integer' }),
  'X-RateLimit-Reset': header('seconds until the budget is full again', { type: 'integer' }),
};
const RETRY_AFTER = { 'Retry-After': header('seconds to wait before trying again', { type: 'integer', minimum: 0 }, true) };
const WWW_AUTHENTICATE = { 'WWW-Authenticate': header('Bearer realm="fristvakt", with the error', { type: 'string' }, true) };

const json = (schema: Schema) => ({ 'application/json': { schema } });
const text = (...types: string[]) => Object.fromEntries(types.map((type) => [type, { schema: { type: 'string' } }]));

/** The success answer of each operation, by `METHOD path`. */
const ANSWERS: Record<string, { status: string; content: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> }> = {
  'post /v1/cases/{caseId}/events': { status: '201', content: json(ref('RecordResult')), headers: ETAG },
  'get /v1/cases/{caseId}': { status: '200', content: json(ref('CaseView')), headers: ETAG },
  'get /v1/cases/{caseId}/events': {
    status: '200',
    content: json({ anyOf: [ref('CaseEvents'), ref('CaseTimeline')], description: 'CaseTimeline with view=timeline' }),
    headers: ETAG,
  },
  'get /v1/deadlines': { status: '200', content: json(ref('Deadlines')) },
  'get /v1/compliance': { status: '200', content: json(ref('Compliance')) },
  'get /v1/statistics/flow': { status: '200', content: json(ref('Flow')) },
  'get /v1/audit/verify': { status: '200', content: json(ref('AuditVerify')) },
  'get /v1/audit/events': {
    status: '200',
    content: {
      'application/x-ndjson': { schema: { type: 'string', description: 'one JSON export record per line, oldest first' } },
      'text/csv': { schema: { type: 'string', description: 'format=csv: a header row, then one row per event' } },
    },
  },
  'get /v1/audit/compare': { status: '200', content: json(ref('AuditCompare')) },
  'get /v1/audit/late-registrations': { status: '200', content: json(ref('LateRegistrations')) },
  'get /v1/audit/access-log': { status: '200', content: json(ref('AccessLog')) },
  'get /v1/reports/state-report': {
    status: '200',
    content: {
      ...text('text/markdown', 'text/html', 'text/csv'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
    },
  },
  'get /v1/reports/state-report/comparisons': { status: '200', content: json(ref('StateReportComparisons')) },
  'get /v1/reports/register-extract': {
    status: '200',
    content: {
      'application/x-tar': {
        schema: { type: 'string', format: 'binary', description: 'one register XML file (SSB Barnevern v4) per case' },
      },
    },
  },
  'post /v1/import': {
    status: '201',
    content: json({
      type: 'object',
      required: [
        'format',
        'cases',
        'casesWritten',
        'casesUnchanged',
        'refused',
        'eventsRead',
        'eventsAppended',
        'eventsAlreadyStored',
        'refusals',
      ],
      properties: {
        format: { type: 'string', enum: ['ndjson', 'xml'] },
        cases: { type: 'integer' },
        casesWritten: { type: 'integer' },
        casesUnchanged: { type: 'integer' },
        refused: { type: 'integer' },
        eventsRead: { type: 'integer' },
        eventsAppended: { type: 'integer' },
        eventsAlreadyStored: { type: 'integer' },
        totalCases: { type: 'integer', nullable: true },
        totalEvents: { type: 'integer', nullable: true },
        seconds: { type: 'number' },
        refusals: {
          type: 'array',
          description: 'the refused cases (at most 1 000): caseId, at (file "body", line, element), rule, detail',
          items: { type: 'object' },
        },
      },
    }),
  },
  'get /health/live': { status: '200', content: json(ref('Live')) },
  'get /health/ready': { status: '200', content: json(ref('Health')) },
  'get /health': { status: '200', content: json(ref('Health')) },
};

const PROBLEM_CONTENT = { 'application/problem+json': { schema: ref('Problem') } };

export function describeOperations(document: OpenAPIObject): OpenAPIObject {
  document.servers = [{ url: '/', description: 'this server' }];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (typeof value !== 'object' || value === null || !('responses' in value)) continue;
      const operation = value as Operation;
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        const declared = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
        const schema = PATH_PARAMETERS[name];
        if (!schema) continue;
        if (declared) declared.schema = schema;
        else operation.parameters = [{ name, in: 'path', required: true, schema } as never, ...(operation.parameters ?? [])];
      }
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'query') continue;
        // a parameter missing here keeps its decorator's schema; test/openapi finds it untyped
        const known = PARAMETERS[parameter.name];
        if (!known) continue;
        const declaredEnum = parameter.schema?.enum;
        parameter.schema = { ...known, ...(declaredEnum ? { type: 'string', enum: declaredEnum } : {}) };
      }
      // an operation missing from ANSWERS keeps what its decorators say; test/openapi finds it undescribed
      const answer = ANSWERS[`${method} ${path}`];
      const protectedPath = isProtectedPath(path);
      if (answer) {
        const success = operation.responses[answer.status] ?? { description: 'OK' };
        operation.responses[answer.status] = {
          ...success,
          description: success.description || 'OK',
          content: answer.content,
          headers: { ...answer.headers, ...(protectedPath ? RATE_LIMIT : {}) },
        };
      }
      // a parameter or a body can be wrong: the 400 naming each offending input
      if (protectedPath && !operation.responses['400'] && ((operation.parameters ?? []).length > 0 || 'requestBody' in operation)) {
        operation.responses['400'] = { description: 'invalid input: every offending parameter or field is named in errors' };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        response.content = PROBLEM_CONTENT;
        if (status === '429' || status === '503') response.headers = { ...RETRY_AFTER, ...(status === '429' ? RATE_LIMIT : {}) };
        if (status === '401') response.headers = WWW_AUTHENTICATE;
      }
      if (!protectedPath) {
        operation.security = [];
        if (path !== '/health/live')
          operation.responses['503'] = {
            description: 'not ready (a component is down or behind, or shutting down)',
            content: json(ref('Health')),
          };
      }
    }
  }
  return document;
}
