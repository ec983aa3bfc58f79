import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CaseReader } from '@fristvakt/case-recording';
import type { RecordedCaseEvent } from '@fristvakt/domain';
import { CASE_READER } from '../tokens';

export interface CaseEventsResult {
  caseId: string;
  version: number;
  events: RecordedCaseEvent[];
}

/** The whole stream in order, retracted events included, with server metadata. */
export class GetCaseEventsQuery extends Query<CaseEventsResult> {
  constructor(readonly caseId: string) {
    super();
  }
}

@QueryHandler(GetCaseEventsQuery)
export class GetCaseEventsHandler implements IQueryHandler<GetCaseEventsQuery, CaseEventsResult> {
  constructor(@Inject(CASE_READER) private readonly reader: CaseReader) {}

  async execute(query: GetCaseEventsQuery): Promise<CaseEventsResult> {
    const { caseId, version, events } = await this.reader.load(query.caseId);
    return { caseId, version, events };
  }
}
