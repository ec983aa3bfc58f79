import { IsIn } from 'class-validator';
import { CLEARING_REASONS } from '@fristvakt/domain';
import { IsRecordId, oneOfMessage } from './decorators';

/** melding henlagt */
export class NotificationClearedData {
  @IsRecordId()
  notificationId!: string;

  @IsIn(CLEARING_REASONS, { message: oneOfMessage(CLEARING_REASONS) })
  reason!: string;
}
