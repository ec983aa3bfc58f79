import { IsRecordId } from './decorators';

/** plan evaluert */
export class PlanEvaluatedData {
  @IsRecordId()
  planId!: string;
}

/** plan avsluttet */
export class PlanEndedData {
  @IsRecordId()
  planId!: string;
}
