import { Matches } from 'class-validator';

/** Shape of an SSB tiltak code such as "3.2" or "2.99"; which codes fit which event is a domain rule. */
export function IsCategoryCode(): PropertyDecorator {
  return Matches(/^\d\.\d{1,2}$/, { message: 'must be an SSB category code such as "3.2" (a string)' });
}
