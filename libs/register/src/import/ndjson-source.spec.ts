import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NdjsonCases } from './ndjson-source';

const received = (n: number) => ({
  type: 'NotificationReceived',
  occurredAt: `2024-01-0${n}`,
  data: { notificationId: `n${n}`, municipality: '3201', reporters: ['11'] },
});
const cleared = { type: 'NotificationCleared', occurredAt: '2024-01-09', data: { notificationId: 'n1', conclusion: 'no_grounds' } };

/** Three cases interleaved over the file, with a blank line, a CRLF line, a repeated event and a broken line. */
const LINES = [
  JSON.stringify({ caseId: 'a', body: { events: [received(1)] } }),
  JSON.stringify({ caseId: 'b', events: [received(2)] }),
  '',
  `${JSON.stringify({ caseId: 'c', body: { events: [received(3)] } })}\r`,
  JSON.stringify({ caseId: 'a', body: { events: [cleared, cleared] } }),
  '{"caseId":"b", "body": {"events": [',
  JSON.stringify({ caseId: 'c', body: { events: [{ ...received(4), eventId: '0b9f4a3e-2b7c-4d8e-9f10-1a2b3c4d5e6f' }] } }),
  JSON.stringify({ body: { events: [] }, caseId: 'b' }),
];

async function casesOf(file: string, bufferBytes?: number) {
  const source = new NdjsonCases(file, bufferBytes);
  await source.scan();
  const cases = [];
  for await (const input of source.cases()) cases.push(input);
  return { source, cases };
}

describe('NdjsonCases', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-ndjson-'));
    file = join(dir, 'history.ndjson');
    writeFileSync(file, `${LINES.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given interleaved cases, hands each over whole at its last line, with its lines, derived ids and problems', async () => {
    const { source, cases } = await casesOf(file);
    expect([source.caseCount, source.events, source.unreadable]).toEqual([3, 6, []]);
    expect(
      cases.map((c) => [c.caseId, c.at.line, c.events.map((e) => [e.event.type, e.at.line]), c.problems.map((p) => p.at.line)]),
    ).toEqual([
      [
        'a',
        1,
        [
          ['NotificationReceived', 1],
          ['NotificationCleared', 5],
          ['NotificationCleared', 5],
        ],
        [],
      ],
      [
        'c',
        4,
        [
          ['NotificationReceived', 4],
          ['NotificationReceived', 7],
        ],
        [],
      ],
      ['b', 2, [['NotificationReceived', 2]], [6]],
    ]);
    const [a, c] = cases;
    // The same content twice in a case gets two ids; an id in the line is kept.
    const ids = a.events.map((e) => e.event.eventId);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(c.events[1].event.eventId).toBe('0b9f4a3e-2b7c-4d8e-9f10-1a2b3c4d5e6f');
  });

  it('given a buffer too small for open cases, reads them by their offsets and hands over the very same cases', async () => {
    const kept = (await casesOf(file)).cases;
    for (const bufferBytes of [0, 150]) expect((await casesOf(file, bufferBytes)).cases).toEqual(kept);
  });
});
