import { Writable } from 'node:stream';
import type { ArgumentsHost } from '@nestjs/common';
import { CaseNotFound } from '@fristvakt/case-recording';
import { createLogger } from '@fristvakt/observability';
import { attachAuthentication } from '../auth/principal';
import { ProblemFilter } from './problem.filter';

/** A Fastify-shaped request and reply, enough for the filter, and the log lines it writes. */
function exchange() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const request = {
    url: '/v1/cases/c-1/events?x=1',
    log: createLogger({ level: 'info', service: 'spec', destination }).child({ reqId: 'req-9' }),
  };
  const sent: { status?: number; body?: string } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header() {
      return reply;
    },
    send(body: string) {
      sent.body = body;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  return { lines, request, sent, host };
}

describe('ProblemFilter', () => {
  it('given an unexpected error, answers a bare 500 and logs the error with the reqId and subject of the request', () => {
    const { lines, request, sent, host } = exchange();
    attachAuthentication(request, {
      ok: true,
      principal: { subject: 'intake-3', roles: new Set(['intake']), municipalities: new Set(['3201']) },
    });

    new ProblemFilter().catch(new Error('disk on fire'), host);

    expect(sent.status).toBe(500);
    expect(JSON.parse(sent.body ?? '{}')).toMatchObject({ status: 500, instance: '/v1/cases/c-1/events' });
    expect(sent.body).not.toContain('disk on fire');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', reqId: 'req-9', sub: 'intake-3', context: 'ProblemFilter', msg: 'disk on fire' }),
    ]);
  });

  it('given a case that is not there, answers 404 and writes no error line', () => {
    const { lines, sent, host } = exchange();
    new ProblemFilter().catch(new CaseNotFound('c-1'), host);
    expect(sent.status).toBe(404);
    expect(lines).toEqual([]);
  });
});
