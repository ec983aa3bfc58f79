import { caseStreamId, toRecordedCaseEvent } from '@fristvakt/case-recording';
import type { RecordedCaseEvent } from '@fristvakt/domain';
import type { EventStore } from '@fristvakt/event-store';

/** Used in `ce_source` only if a case stream has no notification before an event (the domain forbids that). */
export const UNKNOWN_MUNICIPALITY = 'unknown';

/**
 * caseId → municipality, learnt from NotificationReceived events as the relay follows the log. After a
 * restart from a checkpoint the notifications of older cases lie before it; such a case is looked up
 * once, in its own stream up to the event at hand, instead of re-reading the whole log at start. Same
 * answer either way, since both read the log; only the cases the relay meets cost anything.
 */
export class MunicipalityIndex {
  private readonly byCase = new Map<string, string>();

  constructor(private readonly store: Pick<EventStore, 'readStream'>) {}

  /** Call for every event in log order, before {@link municipalityOf} for it. */
  learn(event: RecordedCaseEvent): void {
    if (event.type === 'NotificationReceived') this.byCase.set(event.caseId, event.data.municipality);
  }

  async municipalityOf(event: RecordedCaseEvent): Promise<string> {
    const known = this.byCase.get(event.caseId);
    if (known !== undefined) return known;
    const stream = await this.store.readStream(caseStreamId(event.caseId), { toVersion: event.version });
    let found = UNKNOWN_MUNICIPALITY;
    for (const stored of stream) {
      const earlier = toRecordedCaseEvent(stored);
      if (earlier.type === 'NotificationReceived') found = earlier.data.municipality;
    }
    this.byCase.set(event.caseId, found);
    return found;
  }

  get size(): number {
    return this.byCase.size;
  }
}
