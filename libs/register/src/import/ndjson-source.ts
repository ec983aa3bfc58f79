import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { CaseEvent } from '@fristvakt/domain';
import { canonicalJson } from '@fristvakt/event-store';
import { uuidFromDigest } from '../pseudonyms';
import type { CaseInput, ImportSource } from './case-import';

/**
 * Cases of an NDJSON file of `POST /v1/cases/{caseId}/events` bodies, one per line, as `npm run
 * generate --out` writes them: `{"caseId", "body": {"events": [...]}}` (also `{"caseId", "events"}`).
 * Lines are in recording order, so a case is spread over the file; to record each case whole (and
 * refuse it whole), a first pass notes where each case's lines are (offsets, not lines), and the
 * second reads one group of cases at a time. `expectedVersion` in a line is not used: the import
 * decides against what the store holds.
 *
 * An event without an `eventId` gets one derived from its case and content, so a re-import finds it.
 */
export class NdjsonCases {
  /** per case id, flat triples (byte offset, byte length, line number) */
  private readonly index = new Map<string, number[]>();
  /** lines that are not a case's events: refused with the case they name, or reported alone */
  readonly unreadable: Array<{ at: ImportSource; detail: string }> = [];
  events = 0;
  bytes = 0;

  constructor(readonly file: string) {}

  /** Pass one: where every case's lines are. */
  async scan(): Promise<void> {
    let offset = 0;
    let lineNo = 0;
    let rest: Buffer | undefined;
    for await (const chunk of createReadStream(this.file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
        lineNo += 1;
        this.note(buf, start, nl, offset + start, lineNo);
        start = nl + 1;
      }
      offset += start;
      rest = start < buf.length ? buf.subarray(start) : undefined;
    }
    if (rest && rest.length > 0) this.note(rest, 0, rest.length, offset, lineNo + 1);
    this.bytes = offset + (rest?.length ?? 0);
  }

  get caseCount(): number {
    return this.index.size;
  }

  /** Pass two: each case with its events in file order. */
  *cases(): Generator<CaseInput> {
    const fd = openSync(this.file, 'r');
    try {
      for (const [caseId, spots] of this.index) yield this.read(fd, caseId, spots);
    } finally {
      closeSync(fd);
    }
  }

  private note(buf: Buffer, start: number, end: number, offset: number, lineNo: number): void {
    if (end === start || (end - start === 1 && buf[start] === 13)) return;
    const caseId = caseIdOf(buf, start, end);
    if (caseId === undefined) {
      this.unreadable.push({ at: { file: this.file, line: lineNo }, detail: 'not a JSON object with a string caseId' });
      return;
    }
    // Counting events here gives the progress bar its total without parsing every line twice.
    for (let i = buf.indexOf('"type":', start); i !== -1 && i < end; i = buf.indexOf('"type":', i + 7)) this.events += 1;
    let spots = this.index.get(caseId);
    if (!spots) this.index.set(caseId, (spots = []));
    spots.push(offset, end - start, lineNo);
  }

  private read(fd: number, caseId: string, spots: number[]): CaseInput {
    const input: CaseInput = { caseId, at: { file: this.file, line: spots[2] }, events: [], problems: [] };
    const contentCount = new Map<string, number>();
    for (let i = 0; i < spots.length; i += 3) {
      const buf = Buffer.allocUnsafe(spots[i + 1]);
      readSync(fd, buf, 0, buf.length, spots[i]);
      const at = { file: this.file, line: spots[i + 2] };
      let events: unknown;
      try {
        const line = JSON.parse(buf.toString('utf8')) as { body?: { events?: unknown }; events?: unknown };
        events = line.body?.events ?? line.events;
      } catch (error) {
        input.problems.push({ at, rule: 'invalid_line', detail: `line ${at.line}: ${(error as Error).message}` });
        continue;
      }
      if (!Array.isArray(events)) {
        input.problems.push({
          at,
          rule: 'invalid_line',
          detail: `line ${at.line}: no events array (expected {"caseId", "body": {"events": [...]}})`,
        });
        continue;
      }
      for (const raw of events as CaseEvent[]) {
        const event =
          raw !== null && typeof raw === 'object' && raw.eventId === undefined
            ? { ...raw, eventId: derivedEventId(caseId, raw, contentCount) }
            : raw;
        input.events.push({ event, at });
      }
    }
    return input;
  }
}

function caseIdOf(buf: Buffer, start: number, end: number): string | undefined {
  // `npm run generate` writes caseId first; any other line is parsed.
  const head = '{"caseId":"';
  if (buf.toString('latin1', start, start + head.length) === head) {
    const close = buf.indexOf(34, start + head.length);
    if (close !== -1 && close < end) {
      const id = buf.toString('utf8', start + head.length, close);
      if (!id.includes('\\')) return id;
    }
  }
  try {
    const value = JSON.parse(buf.toString('utf8', start, end)) as { caseId?: unknown };
    return typeof value?.caseId === 'string' ? value.caseId : undefined;
  } catch {
    return undefined;
  }
}

/** The same content in the same case gets the same id; a repeat of identical content gets the next one. */
function derivedEventId(caseId: string, event: object, seen: Map<string, number>): string {
  const content = canonicalJson(event as never);
  const n = (seen.get(content) ?? 0) + 1;
  seen.set(content, n);
  return uuidFromDigest(createHash('sha256').update(`${caseId}\u0000${n}\u0000${content}`).digest());
}
