import { IsIn, IsObject, IsString, MaxLength } from 'class-validator';
import { CASE_EVENT_TYPES } from '@fristvakt/domain';
import { IsEventId, OptionalNotNull, oneOfMessage } from './decorators';

/**
 * One event as a client sends it. `occurredAt` is only shape-checked here: whether it is a valid
 * instant, and not in the future, depends on `now` and is checked by the caller.
 */
export class CaseEventDto {
  @OptionalNotNull()
  @IsEventId()
  eventId?: string;

  @IsIn(CASE_EVENT_TYPES, { message: `is not an event type; ${oneOfMessage(CASE_EVENT_TYPES)}` })
  type!: string;

  @IsString({ message: 'must be a string: an ISO-8601 date-time with offset or Z, or a date YYYY-MM-DD' })
  @MaxLength(64, { message: 'is too long for a date-time' })
  occurredAt!: string;

  @IsObject({ message: 'must be an object with the fields of the event type' })
  data!: Record<string, unknown>;
}
