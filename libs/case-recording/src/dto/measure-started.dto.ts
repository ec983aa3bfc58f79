import { IsIn } from 'class-validator';
import { MEASURE_BASES } from '@fristvakt/domain';
import { IsCategoryCode } from './category';
import { IsLocalDate, IsRecordId, OptionalNotNull, oneOfMessage } from './decorators';

/** hjelpetiltak startet */
export class MeasureStartedData {
  @IsRecordId()
  measureId!: string;

  @IsCategoryCode()
  category!: string;

  @OptionalNotNull()
  @IsIn(MEASURE_BASES, { message: oneOfMessage(MEASURE_BASES) })
  basis?: string;

  /** vedtaksdato; not after today's Oslo date (checked with the clock by the caller) */
  @OptionalNotNull()
  @IsLocalDate()
  decidedOn?: string;
}
