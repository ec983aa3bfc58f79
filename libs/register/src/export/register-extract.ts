import { caseIdOfStream, caseStreamId, toRecordedCaseEvent } from '@fristvakt/case-recording';
import { evolveAll, initialState } from '@fristvakt/domain';
import type { EventStore } from '@fristvakt/event-store';
import { caseToRegisterXml, caseTouchesYear, ExportIds, type ExtractHeader } from './case-to-register-xml';

export interface RegisterExtractOptions {
  store: EventStore;
  municipality: string;
  year: number;
  /** the installation's import secret: keys the pseudonymous register ids */
  secret: Uint8Array;
  now: Date;
  organizationNumber?: string;
  municipalityName?: string;
  version?: string;
  /** a placeholder `Personalia` with each child's birth year (`CaseExportOptions`) */
  birthYear?: boolean;
}

/** One file of an extract: `<Sak Id>.xml`. */
export interface RegisterFile {
  name: string;
  xml: string;
}

const SCAN_BATCH = 5_000;

/**
 * The register extract of a municipality for a year: one file per case of that municipality with an
 * event dated in the year, each the complete case folder (as the register wants a case whenever it
 * changed). Finds the cases in one pass over the log (keeping only case ids), then reads them one
 * at a time.
 */
export async function* registerExtract(options: RegisterExtractOptions): AsyncGenerator<RegisterFile> {
  const header: ExtractHeader = {
    municipality: options.municipality,
    organizationNumber: options.organizationNumber ?? '000000000',
    municipalityName: options.municipalityName ?? `Kommune ${options.municipality}`,
    extractedAt: `${options.now.toISOString().slice(0, 19)}Z`,
    version: options.version ?? '1',
  };
  const ids = new ExportIds(options.secret);
  for (const caseId of await candidateCases(options.store, options.municipality, String(options.year))) {
    const events = (await options.store.readStream(caseStreamId(caseId))).map(toRecordedCaseEvent);
    const state = evolveAll(initialState(caseId), events);
    if (state.municipality !== options.municipality || !caseTouchesYear(state, options.year)) continue;
    const xml = caseToRegisterXml(caseId, events, ids, header, { birthYear: options.birthYear });
    if (xml !== undefined) yield { name: `${ids.uuid(caseId, 'Sak')}.xml`, xml };
  }
}

/** Cases that named the municipality and have an event whose occurredAt starts in the year (the state decides). */
async function candidateCases(store: EventStore, municipality: string, year: string): Promise<string[]> {
  const named = new Set<string>();
  const touched = new Set<string>();
  for (let after = 0; ;) {
    const batch = await store.readAll(after, SCAN_BATCH);
    if (batch.length === 0) break;
    for (const e of batch) {
      const caseId = caseIdOfStream(e.streamId);
      if (caseId === undefined) continue;
      if (e.type === 'NotificationReceived' && e.data.municipality === municipality) named.add(caseId);
      // Instants may fall on the next Oslo day: a year boundary is checked on the case's state.
      const occurredAt = e.metadata.occurredAt;
      if (typeof occurredAt === 'string' && (occurredAt.startsWith(year) || occurredAt.startsWith(`${Number(year) - 1}-12-31`)))
        touched.add(caseId);
    }
    after = batch[batch.length - 1].position;
  }
  return [...named].filter((caseId) => touched.has(caseId)).sort();
}
