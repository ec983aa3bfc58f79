import { IsIn } from 'class-validator';
import { AFTERCARE_OUTCOMES } from '@fristvakt/domain';
import { IsRecordId, oneOfMessage } from './decorators';

/** ettervern tilbudt */
export class AftercareOfferedData {
  @IsRecordId()
  offerId!: string;
}

export class AftercareConcludedData {
  @IsRecordId()
  offerId!: string;

  @IsIn(AFTERCARE_OUTCOMES, { message: oneOfMessage(AFTERCARE_OUTCOMES) })
  outcome!: string;
}
