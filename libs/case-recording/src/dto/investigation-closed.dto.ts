import { IsIn } from 'class-validator';
import { INVESTIGATION_OUTCOMES } from '@fristvakt/domain';
import { IsRecordId, oneOfMessage } from './decorators';

/** undersøkelse avsluttet */
export class InvestigationClosedData {
  @IsRecordId()
  investigationId!: string;

  @IsIn(INVESTIGATION_OUTCOMES, { message: oneOfMessage(INVESTIGATION_OUTCOMES) })
  outcome!: string;
}
