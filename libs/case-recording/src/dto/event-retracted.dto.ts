import { IsIn } from 'class-validator';
import { RETRACTION_REASONS } from '@fristvakt/domain';
import { IsRecordId, oneOfMessage } from './decorators';

/** Corrects the record without deleting: the retracted event stays in the history. */
export class EventRetractedData {
  @IsRecordId()
  retractedEventId!: string;

  @IsIn(RETRACTION_REASONS, { message: oneOfMessage(RETRACTION_REASONS) })
  reason!: string;
}
