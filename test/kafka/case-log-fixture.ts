import { caseStreamId, toNewEvent } from '@fristvakt/case-recording';
import type { CaseEvent } from '@fristvakt/domain';
import { measureStarted, received } from '@fristvakt/domain/testing';
import type { EventStore } from '@fristvakt/event-store';

export const MUNICIPALITIES = ['0301', '3201', '4601', '5001'];

/** The case's municipality, fixed by its number, so tests know every ce_source in advance. */
export function municipalityOfCase(caseNumber: number): string {
  return MUNICIPALITIES[caseNumber % MUNICIPALITIES.length];
}

export function caseIdOf(caseNumber: number): string {
  return `c-${caseNumber}`;
}

/** Event `index` (0-based) of a case: a notification first, then measures started on alternating dates and instants. */
export function caseEvent(caseNumber: number, index: number, tag = 'e'): CaseEvent {
  const eventId = `${tag}-${caseNumber}-${index}`;
  if (index === 0) return received(`n-${caseNumber}`, '2024-01-15', { eventId, municipality: municipalityOfCase(caseNumber) });
  const day = String(1 + (index % 28)).padStart(2, '0');
  const occurredAt = index % 2 === 0 ? `2024-03-${day}` : `2024-03-${day}T09:30:00+01:00`;
  return measureStarted(`m-${index}`, '4.1', occurredAt, { eventId, basis: null });
}

/**
 * Appends `eventsPerCase` events to each of `cases` cases, `perAppend` at a time, round robin over
 * the cases, so the global log interleaves cases the way concurrent caseworkers would. The relay
 * does not run the case rules, so the events need not make a plausible history.
 */
export async function appendInterleaved(
  store: EventStore,
  options: { cases: number; eventsPerCase: number; perAppend: number; firstCase?: number; concurrency?: number },
): Promise<number> {
  const { cases, eventsPerCase, perAppend, firstCase = 0, concurrency = 16 } = options;
  let appended = 0;
  for (let start = 0; start < eventsPerCase; start += perAppend) {
    const count = Math.min(perAppend, eventsPerCase - start);
    const caseNumbers = Array.from({ length: cases }, (_, i) => firstCase + i);
    // Appends of different cases in parallel (group commit), one append per case at a time.
    for (let i = 0; i < caseNumbers.length; i += concurrency) {
      await Promise.all(
        caseNumbers.slice(i, i + concurrency).map((n) =>
          store.append(
            caseStreamId(caseIdOf(n)),
            Array.from({ length: count }, (_, k) => toNewEvent(caseEvent(n, start + k))),
            { expectedVersion: start, recordedBy: 'test:fixture' },
          ),
        ),
      );
      appended += Math.min(concurrency, caseNumbers.length - i) * count;
    }
  }
  return appended;
}
