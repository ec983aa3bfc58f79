import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { startTestApp, type TestApp } from '../case-api/harness';
import { documentedOperations, servedDocument, type OpenApiDocument } from './served-document';

/*
 * The served OpenAPI document through third-party tools an integrator would use: Redocly's linter,
 * openapi-typescript's client generator and the TypeScript compiler over a script written against
 * the generated types (test/openapi/client/typed-client.ts).
 */

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
const TOOL_ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** Warnings kept on purpose; docs/api.md says why. Anything else fails the lint test. */
const KEPT_WARNINGS = [
  { ruleId: 'info-license', pointer: '#/info' },
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1health~1live/get/responses' },
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1health~1ready/get/responses' },
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1health/get/responses' },
];

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer: string }>;
}

describe('the served OpenAPI document', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    document = await servedDocument(t.app);
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-openapi-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document, null, 2));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes `redocly lint` (recommended rules) with no errors and only the warnings kept on purpose', async () => {
    const { stdout } = await run(bin('redocly'), ['lint', join(dir, 'openapi.json'), '--format', 'json'], {
      env: TOOL_ENV,
      maxBuffer: 32 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: LintProblem[];
    };
    const found = report.problems.map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      pointer: p.location[0]?.pointer,
      message: p.message,
    }));
    expect(found.filter((p) => p.severity === 'error')).toEqual([]);
    const unexpected = found.filter(
      (p) => p.severity !== 'error' && !KEPT_WARNINGS.some((k) => k.ruleId === p.ruleId && k.pointer === p.pointer),
    );
    expect(unexpected).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('generates a client with openapi-typescript that a typed script (record, narrow on type, read compliance) compiles against', async () => {
    await run(bin('openapi-typescript'), [join(dir, 'openapi.json'), '--output', join(dir, 'api.d.ts')], { env: TOOL_ENV });
    copyFileSync(join(__dirname, 'client/typed-client.ts'), join(dir, 'typed-client.ts'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'commonjs',
          moduleResolution: 'node',
          types: [],
          skipLibCheck: false,
        },
        files: ['typed-client.ts', 'api.d.ts'],
      }),
    );
    const compiled = await run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { env: TOOL_ENV }).then(
      () => 'ok',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(compiled).toBe('ok');
  });

  it('describes every operation: a success answer with content, problem+json errors, typed parameters', () => {
    const gaps: string[] = [];
    for (const operation of documentedOperations(document)) {
      const [method, path] = operation.split(' ');
      const op = document.paths[path][method.toLowerCase()];
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      if (success.length === 0 || success.some(([, r]) => Object.keys(r.content ?? {}).length === 0))
        gaps.push(`${operation}: success answer without content`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && path.startsWith('/v1') && Object.keys(response.content ?? {}).join() !== 'application/problem+json')
          gaps.push(`${operation} ${status}: not problem+json`);
      }
      for (const parameter of op.parameters ?? [])
        if (!parameter.schema?.type) gaps.push(`${operation}: parameter ${parameter.name} has no typed schema`);
      if (!path.startsWith('/v1') && JSON.stringify(op.security) !== '[]') gaps.push(`${operation}: a public probe without security: []`);
    }
    expect(gaps).toEqual([]);
  });

  it('refuses in the request schema what the server refuses, where JSON Schema can say it', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi', components: document.components });
    const validate = ajv.compile({ $ref: 'openapi#/components/schemas/RecordRequest' });
    const body = (occurredAt: string, data: Record<string, unknown> = {}) => ({
      expectedVersion: 0,
      events: [
        { type: 'NotificationReceived', occurredAt, data: { notificationId: 'n1', municipality: '3201', reporters: ['11'], ...data } },
      ],
    });
    expect(validate(body('2024-01-31T10:15:00+01:00', { childBirthYear: 2014 }))).toBe(true);
    expect(validate(body('2024-02-02'))).toBe(true);
    for (const refused of [
      body('yesterday'),
      body('2024-01-31T10:15:00'),
      body('1992-12-31'),
      body('2024-13-01'),
      body('2024-01-31', { childBirthYear: 2999 }),
      body('2024-01-31', { childBirthYear: 1989 }),
    ]) {
      expect({ refused, valid: validate(refused) }).toEqual({ refused, valid: false });
    }
  });
});
