import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, Min } from 'class-validator';
import { REPORTER_CODES } from '@fristvakt/domain';
import { IsMunicipality, IsRecordId, OptionalNotNull, oneOfMessage } from './decorators';

/** bekymringsmelding mottatt. The upper bound of `childBirthYear` depends on `now` and is checked by the caller. */
export class NotificationReceivedData {
  @IsRecordId()
  notificationId!: string;

  @IsMunicipality()
  municipality!: string;

  @IsArray({ message: 'must be an array of reporter codes' })
  @ArrayMinSize(1, { message: 'must name at least one reporter' })
  @ArrayMaxSize(REPORTER_CODES.length, { message: `must name at most ${REPORTER_CODES.length} reporters` })
  @ArrayUnique({ message: 'must not repeat a reporter code' })
  @IsIn(REPORTER_CODES, { each: true, message: `every reporter must be an SSB reporter code (string) ${oneOfMessage(REPORTER_CODES)}` })
  reporters!: string[];

  @OptionalNotNull()
  @IsInt({ message: 'must be an integer year' })
  @Min(1990, { message: 'must be 1990 or later' })
  childBirthYear?: number;

  @OptionalNotNull()
  @IsBoolean({ message: 'must be a boolean' })
  acute?: boolean;
}
