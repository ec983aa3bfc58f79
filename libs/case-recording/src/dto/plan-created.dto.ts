import { IsIn } from 'class-validator';
import { PLAN_KINDS } from '@fristvakt/domain';
import { IsLocalDate, IsRecordId, OptionalNotNull, oneOfMessage } from './decorators';

/** plan vedtatt; `kind` is the register's Plantype */
export class PlanCreatedData {
  @IsRecordId()
  planId!: string;

  @IsIn(PLAN_KINDS, { message: `must be a register Plantype (string) ${oneOfMessage(PLAN_KINDS)}` })
  kind!: string;

  @OptionalNotNull()
  @IsRecordId()
  measureId?: string;

  @OptionalNotNull()
  @IsRecordId()
  placementId?: string;

  @OptionalNotNull()
  @IsLocalDate()
  evaluationDueOn?: string;
}
