import { IsBoolean, IsIn } from 'class-validator';
import { PLACEMENT_BASES } from '@fristvakt/domain';
import { IsCategoryCode } from './category';
import { IsRecordId, OptionalNotNull, oneOfMessage } from './decorators';

/** plassering utenfor hjemmet startet */
export class PlacementStartedData {
  @IsRecordId()
  placementId!: string;

  @IsCategoryCode()
  category!: string;

  @IsIn(PLACEMENT_BASES, { message: oneOfMessage(PLACEMENT_BASES) })
  basis!: string;

  /** akuttplassering, whatever the basis */
  @OptionalNotNull()
  @IsBoolean({ message: 'must be a boolean' })
  emergency?: boolean;
}
