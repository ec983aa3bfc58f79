import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min } from 'class-validator';
import { OptionalNotNull } from './decorators';

export const MAX_EVENTS_PER_REQUEST = 100;

/** `POST /v1/cases/{caseId}/events` body (CONTRACT.md §2); all events are recorded or none. */
export class RecordRequestDto {
  @OptionalNotNull()
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must be 0 (new case) or more' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'is too large' })
  expectedVersion?: number;

  @IsArray({ message: 'must be an array of events' })
  @ArrayMinSize(1, { message: 'must contain at least one event' })
  @ArrayMaxSize(MAX_EVENTS_PER_REQUEST, { message: `must contain at most ${MAX_EVENTS_PER_REQUEST} events` })
  events!: unknown[];
}
