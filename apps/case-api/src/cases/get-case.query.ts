import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CaseReader } from '@fristvakt/case-recording';
import {
  caseView,
  DEFAULT_DEADLINE_RULES,
  evolveAll,
  initialState,
  osloDateOf,
  type CaseView,
  type CountingMethod,
  type LocalDate,
  type RecordedCaseEvent,
} from '@fristvakt/domain';
import { CASE_READER } from '../tokens';

export interface CaseViewResult {
  /** the stream version, for `ETag` and the next `expectedVersion` */
  version: number;
  view: CaseView;
  /** every municipality the stream names, whatever asOf/knownAt hide: what access is decided on */
  municipalities: ReadonlySet<string>;
}

/**
 * The case with computed deadlines. `asOf` is valid time (only events that occurred up to that
 * Oslo date count, statuses are measured on it); `knownAt` is transaction time (only events
 * recorded up to then count).
 */
export class GetCaseQuery extends Query<CaseViewResult> {
  constructor(
    readonly caseId: string,
    readonly asOf: LocalDate,
    readonly method: CountingMethod,
    readonly knownAtMs: number | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseViewResult> {
  constructor(@Inject(CASE_READER) private readonly reader: CaseReader) {}

  async execute(query: GetCaseQuery): Promise<CaseViewResult> {
    const loaded = await this.reader.load(query.caseId);
    const counted = loaded.events.filter((e) => isCounted(e, query));
    const state = evolveAll(initialState(query.caseId), counted);
    const view = caseView(state, { asOf: query.asOf, method: query.method, rules: DEFAULT_DEADLINE_RULES });
    return { version: loaded.version, view: { ...view, version: loaded.version }, municipalities: loaded.municipalities };
  }
}

function isCounted(event: RecordedCaseEvent, query: GetCaseQuery): boolean {
  if (query.knownAtMs !== undefined && Date.parse(event.recordedAt) > query.knownAtMs) return false;
  // A retraction corrects the record rather than stating something that happened, so it applies
  // whatever its own date: the retracted event is treated as never having occurred.
  if (event.type === 'EventRetracted') return true;
  return osloDateOf(event.occurredAt) <= query.asOf;
}
