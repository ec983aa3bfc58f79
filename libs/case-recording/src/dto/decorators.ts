import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';
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
