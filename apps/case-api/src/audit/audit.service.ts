import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { caseIdOfStream, caseStreamId, toRecordedCaseEvent } from '@fristvakt/case-recording';
import {
  auditRecords,
  explainCase,
  exportChunks,
  lateRegistrations,
  type AuditEventFilter,
  type ExplainQuery,
  type Explanation,
  type ExportFormat,
  type LateRegistrationQuery,
  type LateRegistrationReport,
} from '@fristvakt/audit';
import { verifyStoreChain, type ChainReport, type EventStore, type PinnedHead, type StoredEvent } from '@fristvakt/event-store';
import { EVENT_STORE } from '../tokens';

const PAGE = 5_000;

/** The audit operations over the event store; HTTP parsing and access are the controller's. */
@Injectable()
export class AuditService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Through the store's own chain check where it has one (SQLite), else over the port's events. */
  verify(expectHead?: PinnedHead): Promise<ChainReport> {
    return verifyStoreChain(this.store, { expectHead });
  }

  exportStream(filter: AuditEventFilter, format: ExportFormat): Readable {
    // Readable.from pulls the next page only when the socket has taken the previous ones: backpressure.
    return Readable.from(exportChunks(auditRecords(this.store, filter), format), { objectMode: false, highWaterMark: 1 << 16 });
  }

  lateRegistrations(filter: AuditEventFilter, query: LateRegistrationQuery): Promise<LateRegistrationReport> {
    return lateRegistrations(auditRecords(this.store, filter), query);
  }

  /**
   * Events explaining then/now differences: only cases with an event recorded after knownAt can
   * differ, so the log is scanned once for those and each is explained from its own stream.
   */
  async explain(query: ExplainQuery, upTo: number): Promise<Explanation[]> {
    const cases = new Set<string>();
    for await (const page of this.pages(upTo)) {
      for (const event of page) {
        if (Date.parse(event.recordedAt) <= query.knownAtMs) continue;
        const caseId = caseIdOfStream(event.streamId);
        if (caseId !== undefined) cases.add(caseId);
      }
    }
    const explanations: Explanation[] = [];
    for (const caseId of cases) {
      const history = (await this.store.readStream(caseStreamId(caseId))).filter((e) => e.position <= upTo).map(toRecordedCaseEvent);
      explanations.push(...explainCase(history, query));
    }
    return explanations;
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  private async *pages(upTo: number): AsyncGenerator<StoredEvent[]> {
    let after = 0;
    while (after < upTo) {
      const page = await this.store.readAll(after, Math.min(PAGE, upTo - after));
      if (page.length === 0) return;
      after = page[page.length - 1].position;
      yield page;
    }
  }
}
