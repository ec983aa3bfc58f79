/**
 * Collects the events of one simulated case with their valid time and the earliest moment they
 * can be recorded, then fixes the stream order and the recording times.
 */
import { cleanEventId } from '@fristvakt/case-recording';
import type { CaseEvent, CaseEventOf, CaseEventType } from '@fristvakt/domain';
import * as cal from './calibration';
import { formatOslo, MS_PER_DAY } from './oslo-time';
import type { Prng } from './random';

const MS_PER_MINUTE = 60_000;

export interface Draft {
  occurredMs: number;
  /** a correction is recorded at the moment the error is found, not when the corrected thing happened */
  recordAfterMs: number;
  seq: number;
  event: CaseEvent;
}

export interface GeneratedEvent {
  event: CaseEvent;
  /** ISO-8601 instant (UTC) the event is meant to be recorded at */
  recordedAt: string;
}

/** notification, investigation (undersøkelse), measure, placement, plan, visit, ettervern offer */
type EntityPrefix = 'n' | 'u' | 'm' | 'p' | 'pl' | 'v' | 'e';

export class CaseBuilder {
  readonly drafts: Draft[] = [];
  private seq = 0;
  private readonly counters: Record<EntityPrefix, number> = { n: 0, u: 0, m: 0, p: 0, pl: 0, v: 0, e: 0 };

  /** `idRng` is separate from the simulation's stream so ids never shift the story. */
  /** Drawn again when the server would refuse it (a UUID that reads as an identity number, event-id.ts). */
  private readonly nextEventId: () => string;

  constructor(idRng: Prng) {
    this.nextEventId = cleanEventId(() => idRng.uuid());
  }

  nextId(prefix: EntityPrefix): string {
    this.counters[prefix] += 1;
    return `${prefix}${this.counters[prefix]}`;
  }

  add<T extends CaseEventType>(
    type: T,
    occurredMs: number,
    data: CaseEventOf<T>['data'],
    opts: { after?: Draft; recordAfterMs?: number } = {},
  ): Draft {
    const recordAfterMs = Math.max(occurredMs, opts.recordAfterMs ?? occurredMs, opts.after?.recordAfterMs ?? occurredMs);
    const event = { type, eventId: this.nextEventId(), occurredAt: formatOslo(occurredMs), data } as CaseEventOf<T>;
    const draft: Draft = { occurredMs, recordAfterMs, seq: this.seq, event };
    this.seq += 1;
    this.drafts.push(draft);
    return draft;
  }

  /**
   * Stream order is the order of recording; within a case recording times never go backwards, so
   * an event registered weeks late holds back the ones after it (the caseworker catches up in
   * one go). Events not yet recorded at `nowMs` are left out: a prefix of a valid stream is valid.
   */
  finish(rng: Prng, nowMs: number): GeneratedEvent[] {
    const ordered = [...this.drafts].sort((a, b) => a.recordAfterMs - b.recordAfterMs || a.seq - b.seq);
    const out: GeneratedEvent[] = [];
    let previous = -Infinity;
    for (const draft of ordered) {
      const recordedMs = Math.max(previous, draft.recordAfterMs + recordingDelayMs(rng));
      if (recordedMs > nowMs) break;
      previous = recordedMs;
      out.push({ event: draft.event, recordedAt: new Date(recordedMs).toISOString() });
    }
    return out;
  }
}

function recordingDelayMs(rng: Prng): number {
  const d = cal.RECORDING_DELAY;
  const r = rng.next();
  if (r < d.sameDayShare) return rng.int(d.sameDayMinutes.min, d.sameDayMinutes.max) * MS_PER_MINUTE;
  if (r < d.sameDayShare + d.daysShare) return rng.int(d.days.min, d.days.max) * MS_PER_DAY + rng.int(0, 480) * MS_PER_MINUTE;
  return rng.int(d.weeks.min, d.weeks.max) * MS_PER_DAY + rng.int(0, 480) * MS_PER_MINUTE;
}
