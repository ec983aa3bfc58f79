/**
 * The odd correction a real register contains: a notification registered twice, or an end or a
 * clearing recorded wrongly. Only events nothing later depends on are retracted, so the stream
 * stays valid with the retraction applied (CONTRACT.md §1).
 */
import type { CaseEvent, ClearingReason } from '@fristvakt/domain';
import * as cal from './calibration';
import type { CaseBuilder, Draft } from './case-builder';
import { MS_PER_DAY, osloDate, osloInstant } from './oslo-time';
import type { Prng } from './random';

const MS_PER_HOUR = 3_600_000;
const CORRECTABLE: ReadonlySet<CaseEvent['type']> = new Set(['MeasureEnded', 'PlacementEnded', 'NotificationCleared']);

export function addRetraction(b: CaseBuilder, rng: Prng, nowMs: number): void {
  const correctable = b.drafts.filter((d) => CORRECTABLE.has(d.event.type));
  if (correctable.length === 0 || rng.chance(0.4)) retractDuplicate(b, rng, nowMs);
  else correct(b, rng, rng.pick(correctable), nowMs);
}

/** The moment the error is found: some working-hours time days after the wrong event was recorded. */
function discoveredAt(rng: Prng, afterMs: number, maxDays: number): number {
  const date = osloDate(afterMs + rng.int(1, maxDays) * MS_PER_DAY);
  return Math.max(osloInstant(date, rng.int(8 * 60, 15 * 60 + 30)), afterMs + MS_PER_HOUR);
}

function retractDuplicate(b: CaseBuilder, rng: Prng, nowMs: number): void {
  const original = b.drafts.find((d) => d.event.type === 'NotificationReceived');
  if (!original || original.event.type !== 'NotificationReceived') return;
  const recordAfterMs = original.recordAfterMs + rng.int(5, 90) * 60_000;
  const found = discoveredAt(rng, recordAfterMs, 14);
  if (found > nowMs) return;
  const duplicate = b.add(
    'NotificationReceived',
    original.occurredMs,
    { ...original.event.data, notificationId: b.nextId('n') },
    { recordAfterMs },
  );
  b.add('EventRetracted', found, { retractedEventId: duplicate.event.eventId, reason: 'duplicate' }, { after: duplicate });
}

function correct(b: CaseBuilder, rng: Prng, target: Draft, nowMs: number): void {
  const found = discoveredAt(rng, target.recordAfterMs, 30);
  if (found > nowMs) return;
  const retraction = b.add(
    'EventRetracted',
    found,
    { retractedEventId: target.event.eventId, reason: 'registration_error' },
    { after: target },
  );
  // Sometimes the wrong event is simply withdrawn (the measure is in fact still running).
  if (rng.chance(0.3)) return;
  const event = target.event;
  switch (event.type) {
    case 'NotificationCleared': {
      const reason: ClearingReason = event.data.reason === 'no_grounds' ? 'transferred_agency' : rng.weighted(cal.CLEARING_REASON_WEIGHTS);
      b.add('NotificationCleared', target.occurredMs, { ...event.data, reason }, { after: retraction });
      return;
    }
    case 'MeasureEnded': {
      const start = b.drafts.find((d) => d.event.type === 'MeasureStarted' && d.event.data.measureId === event.data.measureId);
      b.add('MeasureEnded', correctedEnd(rng, target, start, found), event.data, { after: retraction });
      return;
    }
    case 'PlacementEnded': {
      const start = b.drafts.find((d) => d.event.type === 'PlacementStarted' && d.event.data.placementId === event.data.placementId);
      // the corrected end may not precede a visit, frequency or supervisor of the placement (outside_placement)
      const latest = Math.max(...b.drafts.filter((d) => belongsToPlacement(d.event, event.data.placementId)).map((d) => d.occurredMs));
      const end = correctedEnd(rng, target, start, found);
      if (end >= latest) b.add('PlacementEnded', end, event.data, { after: retraction });
      return;
    }
    default:
      return;
  }
}

/** A date a few days off the wrong one, still after the start and not after the correction. */
function correctedEnd(rng: Prng, wrong: Draft, start: Draft | undefined, foundMs: number): number {
  const shifted = wrong.occurredMs + rng.int(-10, 10) * MS_PER_DAY;
  const floor = (start?.occurredMs ?? wrong.occurredMs) + MS_PER_HOUR;
  return Math.min(Math.max(shifted, floor), foundMs - MS_PER_HOUR);
}

function belongsToPlacement(event: CaseEvent, placementId: string): boolean {
  return (
    (event.type === 'VisitHeld' || event.type === 'VisitFrequencySet' || event.type === 'SupervisionResponsibilitySet') &&
    event.data.placementId === placementId
  );
}
