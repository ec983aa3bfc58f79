import { IsIn } from 'class-validator';
import { MEASURE_END_REASONS } from '@fristvakt/domain';
import { IsRecordId, OptionalNotNull, oneOfMessage } from './decorators';

/** hjelpetiltak avsluttet */
export class MeasureEndedData {
  @IsRecordId()
  measureId!: string;

  @OptionalNotNull()
  @IsIn(MEASURE_END_REASONS, { message: oneOfMessage(MEASURE_END_REASONS) })
  reason?: string;
}
