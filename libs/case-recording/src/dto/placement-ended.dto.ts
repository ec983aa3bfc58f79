import { IsBoolean, IsIn } from 'class-validator';
import { PLACEMENT_END_REASONS } from '@fristvakt/domain';
import { IsRecordId, OptionalNotNull, oneOfMessage } from './decorators';

/** plassering avsluttet; `planned: false` is utilsiktet flytting */
export class PlacementEndedData {
  @IsRecordId()
  placementId!: string;

  @IsBoolean({ message: 'must be a boolean' })
  planned!: boolean;

  @OptionalNotNull()
  @IsIn(PLACEMENT_END_REASONS, { message: oneOfMessage(PLACEMENT_END_REASONS) })
  reason?: string;
}
