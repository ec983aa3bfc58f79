import { getMetadataStorage, validateSync } from 'class-validator';
import { classCheck } from './class-check';
import { CaseEventDto, DATA_DTO_BY_TYPE, RecordRequestDto } from './dto';

/*
 * The fast check must give class-validator's verdict, never its own: for every request class, a
 * valid object is built from a pool of values, then every property is set to every value of the
 * pool (and removed) in turn, and each verdict is compared with validateSync's.
 */

const CLASSES: Array<[string, new () => object]> = [
  ['RecordRequestDto', RecordRequestDto],
  ['CaseEventDto', CaseEventDto],
  ...Object.entries(DATA_DTO_BY_TYPE),
];

const GENERIC_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'n1',
  'plan-2',
  'A'.repeat(65),
  '3201',
  '12345',
  '3.2',
  '01019912345',
  '0b9f4a3e-2b7c-4d8e-9f10-1a2b3c4d5e6f',
  '2024-03-01',
  '2024-02-30',
  '2024-03-01T10:15:00+01:00',
  0,
  1,
  -1,
  1.5,
  12,
  1989,
  1990,
  2014,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  [],
  ['11'],
  ['11', '11'],
  [1],
  {},
  { a: 1 },
  Array.from({ length: 101 }, () => ({})),
];

/** The generic values, and what the class's own constraints list (code lists) alone, in one, twice. */
function poolFor(cls: new () => object): unknown[] {
  const pool = [...GENERIC_VALUES];
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    for (const argument of metadata.constraints ?? []) {
      if (!Array.isArray(argument)) continue;
      pool.push(...argument, argument.slice(0, 1), argument.slice(0, 2), [argument[0], argument[0]]);
    }
  }
  return pool;
}

function instanceOf(cls: new () => object, plain: Record<string, unknown>): object {
  const instance = Object.create(cls.prototype) as object;
  for (const [key, value] of Object.entries(plain))
    if (value !== undefined) Object.defineProperty(instance, key, { value, enumerable: true });
  return instance;
}

function classValidatorVerdict(instance: object): boolean {
  return validateSync(instance, { forbidUnknownValues: true, validationError: { target: false, value: false } }).length === 0;
}

describe('classCheck', () => {
  it.each(CLASSES)('given %s, answers as class-validator does for a valid object and every one-property change of it', (_name, cls) => {
    const check = classCheck(cls);
    expect(check).not.toBeNull();
    const pool = poolFor(cls);
    const properties = [
      ...new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(cls, '', true, false)
          .map((m) => m.propertyName),
      ),
    ];
    // Built property by property: the first value of the pool class-validator has no error for.
    const valid: Record<string, unknown> = {};
    for (const property of properties) {
      valid[property] = pool.find((value) => {
        const errors = validateSync(instanceOf(cls, { ...valid, [property]: value }), { forbidUnknownValues: true });
        return !errors.some((error) => error.property === property);
      });
    }
    expect(classValidatorVerdict(instanceOf(cls, valid))).toBe(true);
    expect(check!(instanceOf(cls, valid))).toBe(true);

    let refused = 0;
    for (const property of properties) {
      for (const value of pool) {
        const instance = instanceOf(cls, { ...valid, [property]: value });
        const expected = classValidatorVerdict(instance);
        if (!expected) refused += 1;
        expect([property, value, check!(instance)]).toEqual([property, value, expected]);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
