import { Matches, ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';
import { isValidLocalDate } from '@fristvakt/domain';
import { eventIdProblem } from '../event-id';
import { recordIdProblem } from '../record-id';

/**
 * Optional means absent, not null: `IsOptional` would let `"acute": null` through to the log,
 * where a null nobody asked for could never be removed again.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/** Pseudonymous id of the documented shape (record-id.ts), never a fødselsnummer/D-nummer. */
export const IsRecordId = (options?: ValidationOptions) => problemDecorator('isRecordId', recordIdProblem, options);

/** A UUID as RFC 9562 generates them, without an identity number (event-id.ts). */
export const IsEventId = (options?: ValidationOptions) => problemDecorator('isEventId', eventIdProblem, options);

function problemDecorator(name: string, problem: (value: unknown) => string | undefined, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args) => problem(args?.value) ?? 'invalid id',
      },
    });
  };
}

export function oneOfMessage(values: readonly string[]): string {
  return `must be one of: ${values.join(', ')}`;
}

/** A calendar date `YYYY-MM-DD` (an Oslo date, no time of day). */
export function IsLocalDate(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidLocalDate(value),
        defaultMessage: () => 'must be a calendar date YYYY-MM-DD (a string)',
      },
    });
  };
}

/** kommunenummer */
export function IsMunicipality(): PropertyDecorator {
  return Matches(/^\d{4}$/, { message: 'must be a 4-digit municipality number (kommunenummer)' });
}
