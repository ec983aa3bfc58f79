import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '@fristvakt/event-store';
import {
  IMPORT_SECRET_FILE,
  ImportRefused,
  XmlValidatorMissing,
  extractTar,
  registerExtract,
  runImport,
  type ImportFormat,
  type ImportSummary,
  type Refusal,
} from '@fristvakt/register';
import { AccessPolicy, Allow, CurrentPrincipal, type Principal } from '../auth';
import { loadOrCreateEmbeddedSecret } from '../auth/embedded-secret';
import { LogAccess } from '../audit/log-access.decorator';
import type { AppConfig } from '../config/app-config';
import { invalidInput, PROBLEM_TYPES, ProblemException } from '../http/problem';
import { ApiQueryParams, QueryParamsPipe } from '../http/query-params';
import { queryMunicipalities } from '../statistics/municipality-scope';
import { APP_CONFIG, CLOCK, EVENT_STORE, type Clock } from '../tokens';
import { IMPORT_CONTENT_TYPES } from './import-bodies';
import { IMPORT_PARAMS, REGISTER_EXTRACT_PARAMS, type ImportParams, type RegisterExtractParams } from './register-params';

const problem = { description: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } };

/** An import body is spooled to the data dir, never held in memory; this bounds the disk it may take. */
export const IMPORT_BODY_LIMIT_BYTES = 4 * 1024 ** 3;
/** Refusals listed in the answer; the rest are counted. */
const REFUSALS_IN_ANSWER = 1_000;

/** Register extract in and out (docs/register-import.md): the admin's import and the leaders' export. */
@ApiTags('register')
@Controller('v1')
export class RegisterController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  @Post('import')
  @Allow('admin')
  @HttpCode(201)
  @LogAccess('register.import')
  @ApiOperation({
    summary: 'Import history: NDJSON of POST /v1/cases/{caseId}/events bodies, or the register XML extract (one file, or a tar of files)',
    description:
      "The body is streamed to disk, then imported as `npm run import` does: XML is validated against the register XSD first (400 with libxml2's line-numbered messages, nothing stored), every case goes through the same validation and case rules as the API and is stored whole or refused whole. Cases in municipalities the token does not hold are refused. Importing the same input again appends nothing.",
  })
  @ApiQueryParams(IMPORT_PARAMS)
  @ApiResponse({ status: 201, description: 'the import summary with the refused cases (`refusals`, at most 1 000 listed)' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  @ApiResponse({ status: 413, ...problem })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(IMPORT_PARAMS)) params: ImportParams,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<Omit<ImportSummary, 'reportFile'> & { refusals: Refusal[] }> {
    const format = params.format ?? formatOfContentType(contentType);
    const dir = join(this.config.dataDir, 'imports');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const input = join(dir, `${id}.${format === 'ndjson' ? 'ndjson' : isTar(contentType) ? 'tar' : 'xml'}`);
    const reportFile = join(dir, `${id}.report.ndjson`);
    try {
      await spool(body, input);
      const summary = await runImport({
        path: input,
        format,
        store: this.store,
        principal,
        secret: loadOrCreateEmbeddedSecret(join(this.config.dataDir, IMPORT_SECRET_FILE), 'import secret'),
        reportFile,
        workDir: dir,
        clock: this.clock,
      });
      const { reportFile: _file, ...answer } = summary;
      return { ...answer, refusals: await firstRefusals(reportFile) };
    } catch (error) {
      if (error instanceof ImportRefused) {
        throw invalidInput(
          error.message.split('\n')[0],
          error.invalid.flatMap((f) => f.messages.map((detail) => ({ pointer: '', detail }))).slice(0, 200),
        );
      }
      if (error instanceof XmlValidatorMissing) {
        throw new ProblemException({ type: PROBLEM_TYPES.internal, title: 'XML validator missing', status: 500, detail: error.message });
      }
      throw error;
    } finally {
      await rm(input, { force: true });
      await rm(reportFile, { force: true });
    }
  }

  @Get('reports/register-extract')
  @Allow('leader', 'auditor')
  @LogAccess('report.register-extract')
  @ApiOperation({
    summary: 'The national register extract (SSB Barnevern v4) of a municipality for a year: a tar of one XML file per case',
    description:
      'Every case of the municipality with an event dated in the year, as its complete folder, valid against the register XSD. Identity attributes are left out where the schema allows (Personalia, unless birthYear=true asks for a placeholder one carrying the birth year) and keyed hashes where it requires them (ids, Journalnummer); docs/register-import.md.',
  })
  @ApiQueryParams(REGISTER_EXTRACT_PARAMS)
  @ApiResponse({ status: 200, description: 'application/x-tar' })
  @ApiResponse({ status: 400, ...problem })
  @ApiResponse({ status: 403, ...problem })
  registerExtract(
    @CurrentPrincipal() principal: Principal,
    @Query(new QueryParamsPipe(REGISTER_EXTRACT_PARAMS)) params: RegisterExtractParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Readable {
    // `year!`: its reader refused the request when the year was absent or bad
    const year = params.year!;
    const municipalities = queryMunicipalities(this.access, principal, params.municipality);
    if (municipalities === null || municipalities.length !== 1) {
      throw invalidInput('1 invalid input: municipality', [
        { parameter: 'municipality', detail: 'an extract covers exactly one municipality: name it' },
      ]);
    }
    const [municipality] = municipalities;
    const secret = loadOrCreateEmbeddedSecret(join(this.config.dataDir, IMPORT_SECRET_FILE), 'import secret');
    void reply.header('content-type', 'application/x-tar');
    void reply.header('content-disposition', `attachment; filename="register-${municipality}-${year}.tar"`);
    return Readable.from(
      extractTar(registerExtract({ store: this.store, municipality, year, secret, now: this.clock(), birthYear: params.birthYear })),
    );
  }
}

/** The import format a content type names; 400 naming `format` when it names none. */
function formatOfContentType(contentType: string | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const format = IMPORT_CONTENT_TYPES[type];
  if (format !== undefined) return format;
  const detail = `give format=ndjson|xml, or a content type of ${Object.keys(IMPORT_CONTENT_TYPES).join(', ')}`;
  throw invalidInput('1 invalid input: format', [{ parameter: 'format', detail }]);
}

function isTar(contentType: string | undefined): boolean {
  return /x-tar|gzip/.test(contentType ?? '');
}

/** Writes the body to `file`: a stream as it comes (bounded), a JSON body (already parsed) as one NDJSON line. */
async function spool(body: unknown, file: string): Promise<void> {
  const source = body instanceof Readable ? body : Readable.from([`${JSON.stringify(body)}\n`]);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > IMPORT_BODY_LIMIT_BYTES) return done(tooLarge());
      done(null, chunk);
    },
  });
  await pipeline(source, limit, createWriteStream(file, { mode: 0o600 }));
}

function tooLarge(): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.payloadTooLarge,
    title: 'Payload too large',
    status: 413,
    detail: `an import body may hold at most ${IMPORT_BODY_LIMIT_BYTES} bytes; use npm run import for more`,
  });
}

async function firstRefusals(reportFile: string): Promise<Refusal[]> {
  const out: Refusal[] = [];
  for await (const line of createInterface({ input: createReadStream(reportFile), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const refusal = JSON.parse(line) as Refusal;
    // The server's own paths say nothing to the client: the file is the body it sent.
    out.push({ ...refusal, at: { ...refusal.at, file: 'body' } });
    if (out.length >= REFUSALS_IN_ANSWER) break;
  }
  return out;
}
