import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { extractTar, validateRegisterFiles, unpackTar, type RegisterFile } from '@fristvakt/register';
import { writeFile } from 'node:fs/promises';
import { startTestApp, type TestApp } from '../case-api/harness';
import { authHeaders } from '../support/auth';
import { FIXTURES, NOW, tempDir } from './register-support';
import { describeWithTool } from '../support/system-tools';

/* POST /v1/import (admin) and GET /v1/reports/register-extract (leader, auditor) over HTTP. */

async function tarOf(files: string[]): Promise<Buffer> {
  async function* entries(): AsyncGenerator<RegisterFile> {
    for (const file of files) yield { name: file.slice(file.lastIndexOf('/') + 1), xml: readFileSync(file, 'utf8') };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from(extractTar(entries()))) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describeWithTool('xmllint', 'register import and export over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { clock: () => NOW });
  });
  afterAll(async () => t.close());

  const admin = () => authHeaders(t.app, { roles: ['admin'], municipalities: ['3201'] });

  it('imports a tar of register files streamed as the body, refusing the broken case, and appends nothing the second time', async () => {
    const extract = join(FIXTURES, 'extract');
    const body = await tarOf(
      readdirSync(extract)
        .sort()
        .map((f) => join(extract, f)),
    );
    const send = async () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/import',
        headers: { ...(await admin()), 'content-type': 'application/x-tar' },
        payload: body,
      });
    const first = await send();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ format: 'xml', cases: 3, casesWritten: 2, refused: 1, eventsAppended: 100 });
    expect(first.json().refusals).toEqual([
      expect.objectContaining({
        rule: 'dated_before_referenced_event',
        at: expect.objectContaining({ file: 'body', line: 12, element: 'Sak/Undersokelse[1]/Konklusjon' }),
      }),
    ]);
    const head = await t.store.headPosition();
    const second = await send();
    expect(second.json()).toMatchObject({ casesWritten: 0, casesUnchanged: 2, eventsAppended: 0 });
    expect(await t.store.headPosition()).toBe(head);
  });

  it("answers 400 with the validator's line-numbered messages for a file the XSD refuses", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/import',
      headers: { ...(await admin()), 'content-type': 'application/xml' },
      payload: readFileSync(join(FIXTURES, 'invalid', 'invalid-codes.xml')),
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { detail: string }) => e.detail)
        .join('\n'),
    ).toMatch(/:8: .*The value '99' is not an element of the set/);
  });

  it('imports NDJSON and refuses the cases of a municipality the admin does not hold', async () => {
    const line = (caseId: string, municipality: string) =>
      JSON.stringify({
        caseId,
        body: {
          events: [
            { type: 'NotificationReceived', occurredAt: '2025-05-02', data: { notificationId: 'n1', municipality, reporters: ['11'] } },
          ],
        },
      });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/import',
      headers: { ...(await admin()), 'content-type': 'application/x-ndjson' },
      payload: `${line('ndjson-1', '3201')}\n${line('ndjson-2', '0301')}\n`,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      format: 'ndjson',
      casesWritten: 1,
      refused: 1,
      refusals: [expect.objectContaining({ caseId: 'ndjson-2', rule: 'municipality_not_allowed', at: { file: 'body', line: 2 } })],
    });
  });

  /** GET the extract with `query`, unpack it and validate every file: the files' count and their text. */
  const extract = async (query: string): Promise<{ count: number; xml: string; contentType: unknown }> => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/reports/register-extract?${query}`,
      headers: await authHeaders(t.app, { roles: ['leader'], municipalities: ['3201'] }),
    });
    expect(res.statusCode).toBe(200);
    const dir = tempDir();
    await writeFile(join(dir, 'extract.tar'), res.rawPayload);
    const count = await unpackTar(join(dir, 'extract.tar'), join(dir, 'files'));
    const files = readdirSync(join(dir, 'files')).map((f) => join(dir, 'files', f));
    expect((await validateRegisterFiles(files)).invalid).toEqual([]);
    return { count, xml: files.map((f) => readFileSync(f, 'utf8')).join('\n'), contentType: res.headers['content-type'] };
  };

  it('exports the register extract of a municipality and year as a tar of files valid against the XSD', async () => {
    const { count, xml, contentType } = await extract('municipality=3201&year=2024');
    expect(contentType).toBe('application/x-tar');
    expect(count).toBe(2);
    expect(xml).not.toMatch(/Fodselsnummer|DUFnummer|Personalia|2021\/00417|2012-05-17/);
    expect(xml).toMatch(/<Melder Kode="25"\/>/);
  });

  it('exports with birthYear=true a placeholder Personalia carrying the birth year and nothing else of the child', async () => {
    const { xml } = await extract('municipality=3201&year=2024&birthYear=true');
    expect(xml).toMatch(/<Personalia [^>]*Fodseldato="2012-01-01" Kjonn="1"\/>/);
    expect(xml).not.toMatch(/DUFnummer|2021\/00417|2012-05-17/);
  });

  it('refuses a birthYear that is not true or false, naming it', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/reports/register-extract?municipality=3201&year=2024&birthYear=yes',
      headers: await authHeaders(t.app, { roles: ['leader'], municipalities: ['3201'] }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/birthYear/);
  });
});
