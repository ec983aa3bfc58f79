import { Matches, ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';
import { isValidLocalDate } from '@fristvakt/domain';
import { recordIdProblem } from '../record-id';

/**
 * Optional means absent, not null: `IsOptional` would let `"acute": null` through to the log,
 * where a null nobody asked for could never be removed again.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/** Pseudonymous id: 1–64 chars of `[A-Za-z0-9_-]`, never a fødselsnummer/D-nummer. */
export function IsRecordId(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isRecordId',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => recordIdProblem(value) === undefined,
        defaultMessage: (args) => recordIdProblem(args?.value) ?? 'invalid id',
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
