import { IsIn } from 'class-validator';
import { EXTENSION_REASONS } from '@fristvakt/domain';
import { IsRecordId, OptionalNotNull, oneOfMessage } from './decorators';

/** fristforlengelse */
export class InvestigationExtendedData {
  @IsRecordId()
  investigationId!: string;

  @OptionalNotNull()
  @IsIn(EXTENSION_REASONS, { message: oneOfMessage(EXTENSION_REASONS) })
  reason?: string;
}
