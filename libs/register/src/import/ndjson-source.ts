import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { CaseEvent } from '@fristvakt/domain';
import { canonicalJson } from '@fristvakt/event-store';
import { derivedUuid } from '../pseudonyms';
import type { CaseInput, ImportSource } from './case-import';
import { CaseLineIndex } from './case-line-index';

/** Lines of cases not yet complete kept in memory during pass two, at most (characters). */
const DEFAULT_BUFFER_BYTES = 16 * 1024 * 1024;

/**
 * Cases of an NDJSON file of `POST /v1/cases/{caseId}/events` bodies, one per line, as `npm run
 * generate --out` writes them: `{"caseId", "body": {"events": [...]}}` (also `{"caseId", "events"}`).
 * Lines are in recording order, so a case is spread over the file; to record each case whole (and
 * refuse it whole), a first pass notes where each case's lines are (offsets, not lines). The second
 * reads the file in order again and keeps each case's lines until its last one, then hands the case
 * over: both passes read sequentially and never hold the file. Past `bufferBytes` of kept lines, a
 * case that would need more is not kept: it is read by its offsets when its last line comes.
 * `expectedVersion` in a line is not used: the import decides against what the store holds.
 *
 * An event without an `eventId` gets one derived from its case and content, so a re-import finds it.
 */
export class NdjsonCases {
  private readonly index = new CaseLineIndex();
  /** lines that are not a case's events: refused with the case they name, or reported alone */
  readonly unreadable: Array<{ at: ImportSource; detail: string }> = [];
  events = 0;

  constructor(
    readonly file: string,
    private readonly bufferBytes = DEFAULT_BUFFER_BYTES,
  ) {}

  /** Pass one: where every case's lines are. */
  async scan(): Promise<void> {
    for await (const _chunk of visitLines(this.file, (...line) => this.note(...line)));
  }

  get caseCount(): number {
    return this.index.size;
  }

  /** Pass two: each case with its events in file order, as soon as its last line is read. */
  async *cases(): AsyncGenerator<CaseInput> {
    const kept = new Map<string, Line[]>();
    /** by case number, 1 for a case whose lines did not fit the buffer: read by offset at its last line */
    const unkept = new Uint8Array(this.index.size);
    let keptBytes = 0;
    const complete: CaseInput[] = [];
    const drop = (caseId: string, lines: readonly Line[]) => {
      kept.delete(caseId);
      for (const line of lines) keptBytes -= line.text.length;
    };
    const fd = openSync(this.file, 'r');
    try {
      const lines = visitLines(this.file, (buf, start, end, _offset, lineNo) => {
        const caseId = caseIdOf(buf, start, end);
        const number = caseId === undefined ? undefined : this.index.numberOf(caseId);
        if (caseId === undefined || number === undefined) return;
        const last = this.index.lastLineNo(number) === lineNo;
        if (unkept[number] === 1) {
          if (last) complete.push(this.readAt(fd, caseId, number));
          return;
        }
        const caseLines = kept.get(caseId) ?? [];
        if (last) {
          drop(caseId, caseLines);
          caseLines.push({ text: buf.toString('utf8', start, end), line: lineNo });
          complete.push(this.parse(caseId, caseLines));
        } else if (keptBytes + end - start > this.bufferBytes) {
          drop(caseId, caseLines);
          unkept[number] = 1;
        } else {
          // Decoded now: a string holds only its own text, where a slice would hold on to its whole chunk.
          caseLines.push({ text: buf.toString('utf8', start, end), line: lineNo });
          if (caseLines.length === 1) kept.set(caseId, caseLines);
          keptBytes += end - start;
        }
      });
      for await (const _chunk of lines) yield* complete.splice(0);
    } finally {
      closeSync(fd);
    }
  }

  private note(buf: Buffer, start: number, end: number, offset: number, lineNo: number): void {
    const caseId = caseIdOf(buf, start, end);
    if (caseId === undefined) {
      this.unreadable.push({ at: { file: this.file, line: lineNo }, detail: 'not a JSON object with a string caseId' });
      return;
    }
    // Counting events here gives the progress bar its total without parsing every line twice.
    for (let i = buf.indexOf(TYPE_MEMBER, start); i !== -1 && i < end; i = buf.indexOf(TYPE_MEMBER, i + TYPE_MEMBER.length))
      this.events += 1;
    this.index.add(caseId, offset, end - start, lineNo);
  }

  /** A case whose lines were not kept: read by their offsets. */
  private readAt(fd: number, caseId: string, number: number): CaseInput {
    const lines: Line[] = [];
    for (const { offset, length, lineNo } of this.index.lines(number)) {
      const text = Buffer.allocUnsafe(length);
      readSync(fd, text, 0, length, offset);
      lines.push({ text: text.toString('utf8'), line: lineNo });
    }
    return this.parse(caseId, lines);
  }

  private parse(caseId: string, lines: readonly Line[]): CaseInput {
    const input: CaseInput = { caseId, at: { file: this.file, line: lines[0].line }, events: [], problems: [] };
    const contentCount = new Map<string, number>();
    for (const { text, line: lineNo } of lines) {
      const at = { file: this.file, line: lineNo };
      let events: unknown;
      try {
        const line = JSON.parse(text) as { body?: { events?: unknown }; events?: unknown };
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

interface Line {
  text: string;
  line: number;
}

type LineVisitor = (buf: Buffer, start: number, end: number, offset: number, lineNo: number) => void;

/** Reads a file in order, 1 MiB at a time, and visits every line (without its newline); yields after each chunk. */
async function* visitLines(file: string, visit: LineVisitor): AsyncGenerator<void> {
  let offset = 0;
  let lineNo = 0;
  let rest: Buffer | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      lineNo += 1;
      visitLine(visit, buf, start, nl, offset + start, lineNo);
      start = nl + 1;
    }
    offset += start;
    rest = start < buf.length ? buf.subarray(start) : undefined;
    yield;
  }
  if (rest && rest.length > 0) {
    visitLine(visit, rest, 0, rest.length, offset, lineNo + 1);
    yield;
  }
}

/** Blank lines (and a lone CR) are no line at all. */
function visitLine(visit: LineVisitor, buf: Buffer, start: number, end: number, offset: number, lineNo: number): void {
  if (end === start || (end - start === 1 && buf[start] === 13)) return;
  visit(buf, start, end, offset, lineNo);
}

/** Encoded once: a string argument to Buffer#indexOf is encoded on every call. */
const TYPE_MEMBER = Buffer.from('"type":');
const CASE_ID_HEAD = Buffer.from('{"caseId":"');

function caseIdOf(buf: Buffer, start: number, end: number): string | undefined {
  // `npm run generate` writes caseId first; any other line is parsed.
  const head = CASE_ID_HEAD.length;
  if (end - start > head && CASE_ID_HEAD.compare(buf, start, start + head) === 0) {
    const close = buf.indexOf(34, start + head);
    if (close !== -1 && close < end) {
      const id = buf.toString('utf8', start + head, close);
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
  const name = `${caseId}\u0000${n}\u0000${content}`;
  return derivedUuid((attempt) =>
    createHash('sha256')
      .update(attempt === 0 ? name : `${name}\u0000${attempt}`)
      .digest(),
  );
}
