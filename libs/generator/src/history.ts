/**
 * Public entry points: whole cases in arrival order, or one global log in recording order.
 */
import type { CaseEvent } from '@fristvakt/domain';
import { caseArrivals } from './arrivals';
import type { GeneratedEvent } from './case-builder';
import { simulateCase } from './case-simulation';
import { osloDate, osloInstant } from './oslo-time';
import { Prng } from './random';

export type { GeneratedEvent } from './case-builder';

export interface GenerateOptions {
  /** 4-digit kommunenummer; each gets its own volume of `scale` × 500 notifications a year */
  municipalities: string[];
  years: number;
  fromYear: number;
  scale: number;
  seed: number;
  /** ISO instant; nothing occurs or is recorded after it. Default: end of the last generated year (Oslo). */
  now?: string;
  /** plans, evaluations, visits and aftercare after the investigation (DOMAIN.md §7); default true */
  followUp?: boolean;
}

export interface GeneratedCase {
  caseId: string;
  municipality: string;
  /** in stream order; recordedAt never decreases */
  events: GeneratedEvent[];
}

export interface LogEntry {
  caseId: string;
  event: CaseEvent;
  recordedAt: string;
}

export function defaultNow(fromYear: number, years: number): string {
  return new Date(osloInstant(`${fromYear + years}-01-01`, 0) - 1000).toISOString();
}

function validate(o: GenerateOptions): void {
  if (o.municipalities.length === 0) throw new RangeError('at least one municipality is needed');
  for (const m of o.municipalities) if (!/^\d{4}$/.test(m)) throw new RangeError(`municipality must be 4 digits, got ${m}`);
  if (new Set(o.municipalities).size !== o.municipalities.length) throw new RangeError('municipalities must be distinct');
  if (!Number.isInteger(o.years) || o.years < 1) throw new RangeError('years must be a positive integer');
  if (!Number.isInteger(o.fromYear) || o.fromYear < 1993) throw new RangeError('fromYear must be 1993 or later');
  if (!(o.scale > 0)) throw new RangeError('scale must be positive');
  if (!Number.isInteger(o.seed)) throw new RangeError('seed must be an integer');
}

interface CaseWithBound {
  generated: GeneratedCase;
  /** no event of this case or of any later one is recorded before this instant */
  lowerBoundMs: number;
}

function* casesWithBounds(o: GenerateOptions): Generator<CaseWithBound> {
  validate(o);
  const nowMs = Date.parse(o.now ?? defaultNow(o.fromYear, o.years));
  if (Number.isNaN(nowMs)) throw new RangeError(`now must be an ISO instant, got ${o.now}`);
  for (const arrival of caseArrivals({ ...o, lastDate: osloDate(nowMs) })) {
    const start = { ...arrival, arrivalDate: arrival.date, nowMs, otherMunicipalities: o.municipalities };
    const followUp = o.followUp === false ? undefined : Prng.fromKey(`${o.seed}:${arrival.caseId}:follow-up`);
    const events = simulateCase(
      start,
      Prng.fromKey(`${o.seed}:${arrival.caseId}`),
      Prng.fromKey(`${o.seed}:${arrival.caseId}:ids`),
      followUp,
    );
    if (events.length === 0) continue;
    yield {
      generated: { caseId: arrival.caseId, municipality: arrival.municipality, events },
      lowerBoundMs: osloInstant(arrival.date, 0),
    };
  }
}

/** Cases in the order their first notification arrived; streams, so memory stays flat. */
export function* generateHistory(options: GenerateOptions): Generator<GeneratedCase> {
  for (const { generated } of casesWithBounds(options)) yield generated;
}

interface Cursor {
  c: GeneratedCase;
  ordinal: number;
  index: number;
  atMs: number;
}

/**
 * Every event of every case in global recording order (ties: earlier case first, then stream
 * order). A k-way merge: a case's events are released once no case still to come can be
 * recorded earlier, so only cases with events pending are held.
 */
export function* generateEventLog(options: GenerateOptions): Generator<LogEntry> {
  const heap = new CursorHeap();
  let ordinal = 0;
  function* release(untilMs: number): Generator<LogEntry> {
    for (let top = heap.peek(); top && top.atMs <= untilMs; top = heap.peek()) {
      const { event, recordedAt } = top.c.events[top.index];
      yield { caseId: top.c.caseId, event, recordedAt };
      top.index += 1;
      if (top.index < top.c.events.length) {
        top.atMs = Date.parse(top.c.events[top.index].recordedAt);
        heap.replaceTop(top);
      } else {
        heap.pop();
      }
    }
  }
  for (const { generated, lowerBoundMs } of casesWithBounds(options)) {
    yield* release(lowerBoundMs);
    heap.push({ c: generated, ordinal: (ordinal += 1), index: 0, atMs: Date.parse(generated.events[0].recordedAt) });
  }
  yield* release(Infinity);
}

class CursorHeap {
  private readonly items: Cursor[] = [];

  peek(): Cursor | undefined {
    return this.items[0];
  }

  push(c: Cursor): void {
    this.items.push(c);
    this.up(this.items.length - 1);
  }

  pop(): void {
    const last = this.items.pop();
    if (last && this.items.length > 0) {
      this.items[0] = last;
      this.down(0);
    }
  }

  replaceTop(c: Cursor): void {
    this.items[0] = c;
    this.down(0);
  }

  private less(a: Cursor, b: Cursor): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.ordinal < b.ordinal);
  }

  private up(i: number): void {
    const items = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i], items[parent])) return;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const items = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < items.length && this.less(items[l], items[best])) best = l;
      if (r < items.length && this.less(items[r], items[best])) best = r;
      if (best === i) return;
      [items[i], items[best]] = [items[best], items[i]];
      i = best;
    }
  }
}
