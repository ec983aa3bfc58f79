import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

/**
 * Whether class-validator would find no error in an instance, answered without building its errors:
 * the class's own decorator metadata, run in the order and under the conditions of class-validator's
 * executor (`ValidateIf` conditions, `each`, `validateIf`), calling the very constraint functions the
 * decorators registered, so the rules stay in the decorators. Only the verdict "valid" is trusted:
 * anything else (and any class using what this does not run: nested or async validation, no
 * metadata) goes to `validateSync` for the problems it names. A history import validates a million
 * events; class-validator's error bookkeeping was most of that time.
 */
export type ClassCheck = (instance: object) => boolean;

const checks = new WeakMap<object, ClassCheck | null>();

interface PropertyCheck {
  property: string;
  conditions: Array<(object: object, value: unknown) => boolean>;
  constraints: Array<{
    validateIf?: (object: object, value: unknown) => boolean;
    each: boolean;
    propertyName: string;
    args: unknown[];
    validate: (value: unknown, args: ValidationArguments) => unknown;
  }>;
}

/** The check of a class, or null when it must go to class-validator every time. */
export function classCheck(cls: new () => object): ClassCheck | null {
  let check = checks.get(cls);
  if (check === undefined) checks.set(cls, (check = compile(cls)));
  return check;
}

function compile(cls: new () => object): ClassCheck | null {
  const storage = getMetadataStorage();
  // The arguments validateSync's executor passes for an object without groups or `always`.
  const metadatas = storage.getTargetValidationMetadatas(cls, undefined as unknown as string, false, false, undefined);
  if (metadatas.length === 0) return null;
  const properties: PropertyCheck[] = [];
  for (const [property, list] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const check: PropertyCheck = { property, conditions: [], constraints: [] };
    for (const metadata of list) {
      switch (metadata.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          check.conditions.push(metadata.constraints[0] as PropertyCheck['conditions'][number]);
          break;
        case ValidationTypes.WHITELIST:
          break;
        case ValidationTypes.IS_DEFINED:
        case ValidationTypes.CUSTOM_VALIDATION:
          for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
            if (constraint.async) return null;
            const instance = constraint.instance as { validate: PropertyCheck['constraints'][number]['validate'] };
            check.constraints.push({
              validateIf: (metadata as { validateIf?: PropertyCheck['constraints'][number]['validateIf'] }).validateIf,
              each: metadata.each === true,
              propertyName: metadata.propertyName,
              args: metadata.constraints,
              validate: (value, args) => instance.validate(value, args),
            });
          }
          break;
        default:
          return null;
      }
    }
    properties.push(check);
  }
  return (object) => properties.every((property) => passes(object, property));
}

function passes(object: object, { property, conditions, constraints }: PropertyCheck): boolean {
  const value = (object as Record<string, unknown>)[property];
  for (const condition of conditions) if (!condition(object, value)) return true;
  if (value instanceof Set || value instanceof Map) return false;
  for (const constraint of constraints) {
    if (constraint.validateIf && !constraint.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
      property: constraint.propertyName,
      object,
      value,
      constraints: constraint.args,
    };
    if (constraint.each && Array.isArray(value)) {
      for (const item of value) if (!isValid(constraint.validate(item, args))) return false;
    } else if (!isValid(constraint.validate(value, args))) {
      return false;
    }
  }
  return true;
}

/** A promise is not a verdict here: class-validator decides. */
function isValid(verdict: unknown): boolean {
  return Boolean(verdict) && !(verdict instanceof Promise);
}
