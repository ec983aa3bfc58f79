import { Writable } from 'node:stream';
import { createLogger, requestLogger } from './logging';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', service: 'spec', destination }) };
}

describe('requestLogger', () => {
  it('given a request logger with its reqId, writes lines that carry reqId, component and subject', () => {
    const { lines, logger } = capture();
    const request = { log: logger.child({ reqId: 'req-1' }) };

    requestLogger(request, 'ProblemFilter', 'intake-7').error({ err: new Error('boom') }, 'boom');

    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', service: 'spec', reqId: 'req-1', context: 'ProblemFilter', sub: 'intake-7', msg: 'boom' }),
    ]);
    expect(lines[0].err).toMatchObject({ message: 'boom', stack: expect.stringContaining('Error: boom') });
  });

  it('given no authenticated subject, leaves sub out rather than writing it empty', () => {
    const { lines, logger } = capture();
    requestLogger({ log: logger.child({ reqId: 'req-2' }) }, 'AccessLog').warn('no subject');
    expect(lines[0]).toMatchObject({ reqId: 'req-2', context: 'AccessLog', msg: 'no subject' });
    expect(lines[0]).not.toHaveProperty('sub');
  });
});
